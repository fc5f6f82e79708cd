import { useEffect, useId, useState, type FormEvent } from "react";
import { Button as AriaButton, Input, Label, SearchField, Text } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { ConversationSortSchema } from "../../../../../common/contract/conversations.js";
import { ChannelTypeSchema, ConversationKindSchema, ConversationStatusSchema, LanguageSchema, PrioritySchema } from "../../../../../common/enums.js";
import { localized, type Meta } from "../../../lib/meta.js";
import { Button } from "../../../ui/Button.js";
import { Icon } from "../../../ui/Icon.js";
import { SelectField, type SelectOption } from "../../../ui/SelectField.js";
import { activeFilterCount, DEFAULT_SORT, type FilterKey, type InboxSearch } from "../search.js";

type Props = { search: InboxSearch; meta: Meta; onChange: (patch: Partial<InboxSearch>) => void; onClear: () => void };

/** Search, sort and the nine filters; every change goes to the URL. Collapsible on small screens. */
export function FilterBar({ search, meta, onChange, onClear }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const active = activeFilterCount(search);
  const enumOptions = (values: readonly string[], group: "status" | "priority" | "channel" | "kind" | "language"): SelectOption[] =>
    values.map((v) => ({ value: v, label: t(`enums.${group}.${v}` as "enums.status.new") }));

  const filters: { key: FilterKey; label: string; options: SelectOption[] }[] = [
    { key: "status", label: t("inbox.filters.status"), options: enumOptions(ConversationStatusSchema.options, "status") },
    { key: "priority", label: t("inbox.filters.priority"), options: enumOptions(PrioritySchema.options, "priority") },
    { key: "topicId", label: t("inbox.filters.topic"), options: meta.topics.map((x) => ({ value: x.id, label: localized(x.name, i18n.language) })) },
    { key: "departmentId", label: t("inbox.filters.department"), options: meta.departments.map((x) => ({ value: x.id, label: x.name })) },
    { key: "schoolId", label: t("inbox.filters.school"), options: meta.schools.map((x) => ({ value: x.id, label: x.name })) },
    { key: "channel", label: t("inbox.filters.channel"), options: enumOptions(ChannelTypeSchema.options, "channel") },
    { key: "kind", label: t("inbox.filters.kind"), options: enumOptions(ConversationKindSchema.options, "kind") },
    { key: "language", label: t("inbox.filters.language"), options: enumOptions(LanguageSchema.options, "language") },
    {
      key: "assigneeId",
      label: t("inbox.filters.assignee"),
      options: [
        { value: "none", label: t("inbox.filters.unassigned") },
        ...meta.staff.filter((s) => s.role !== "viewer").map((s) => ({ value: s.id, label: s.name })),
      ],
    },
  ];

  return (
    <section className="filterbar" aria-label={t("inbox.filters.label")}>
      <div className="filterbar__top">
        <SearchBox value={search.q ?? ""} onSubmit={(q) => onChange({ q: q || undefined })} />
        <SelectField
          className="filterbar__sort"
          label={t("inbox.filters.sort")}
          value={search.sort ?? DEFAULT_SORT}
          options={ConversationSortSchema.options.map((s) => ({ value: s, label: t(`inbox.sort.${s}`) }))}
          onChange={(v) => onChange({ sort: v === DEFAULT_SORT ? undefined : (v as InboxSearch["sort"]) })}
        />
        <Button className="filterbar__toggle" aria-expanded={open} aria-controls={panelId} onPress={() => setOpen((o) => !o)}>
          <Icon name="filter" />
          {t("inbox.filters.toggle")}
          {active > 0 ? <span className="filterbar__count">({t("inbox.filters.activeCount", { count: active })})</span> : null}
        </Button>
      </div>
      <div id={panelId} className={open ? "filterbar__panel filterbar__panel--open" : "filterbar__panel"}>
        {filters.map((f) => (
          <SelectField
            key={f.key}
            label={f.label}
            value={search[f.key] ?? ""}
            emptyLabel={t("inbox.filters.any")}
            options={f.options}
            onChange={(v) => onChange({ [f.key]: v || undefined })}
          />
        ))}
        {active > 0 ? (
          <Button variant="quiet" className="filterbar__clear" onPress={onClear}>
            <Icon name="x" />
            {t("inbox.filters.clear")}
          </Button>
        ) : null}
      </div>
    </section>
  );
}

function SearchBox({ value, onSubmit }: { value: string; onSubmit: (q: string) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmit(draft.trim());
  };
  return (
    <form role="search" className="searchbox" onSubmit={submit}>
      <SearchField className="field searchbox__field" value={draft} onChange={setDraft} onClear={() => onSubmit("")}>
        <Label className="field__label">{t("inbox.filters.search")}</Label>
        <div className="searchbox__row">
          <Input className="input searchbox__input" />
          {draft ? (
            <AriaButton className="searchbox__clear" aria-label={t("inbox.filters.clearSearch")}>
              <Icon name="x" />
            </AriaButton>
          ) : null}
        </div>
        <Text slot="description" className="field__description">
          {t("inbox.filters.searchHelp")}
        </Text>
      </SearchField>
      <Button type="submit" variant="primary" className="searchbox__submit">
        <Icon name="search" />
        <span className="sr-only">{t("inbox.filters.searchSubmit")}</span>
      </Button>
    </form>
  );
}
