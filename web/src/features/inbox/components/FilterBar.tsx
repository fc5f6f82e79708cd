import { useEffect, useId, useState, type FormEvent } from "react";
import { Button as AriaButton, Input, Label, SearchField, Text } from "react-aria-components";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ConversationSortSchema } from "../../../../../common/contract/conversations.js";
import { ChannelTypeSchema, ConversationKindSchema, ConversationStatusSchema, LanguageSchema, PrioritySchema } from "../../../../../common/enums.js";
import { localized, type Meta } from "../../../lib/meta.js";
import { Button } from "../../../ui/Button.js";
import { Icon } from "../../../ui/Icon.js";
import { SelectField, type SelectOption } from "../../../ui/SelectField.js";
import { activeFilterCount, DEFAULT_SORT, type InboxSearch, type PickerKey } from "../search.js";

type Props = { search: InboxSearch; meta: Meta; onChange: (patch: Partial<InboxSearch>) => void; onClear: () => void };

/** Search, sort, the nine filters and a report's drill-down filters (removable chips); every change goes to the URL. Collapsible on small screens. */
export function FilterBar({ search, meta, onChange, onClear }: Props) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const active = activeFilterCount(search);
  const enumOptions = (values: readonly string[], group: "status" | "priority" | "channel" | "kind" | "language"): SelectOption[] =>
    values.map((v) => ({ value: v, label: t(`enums.${group}.${v}` as "enums.status.new") }));

  const filters: { key: PickerKey; label: string; options: SelectOption[] }[] = [
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
      <DrillDownChips search={search} meta={meta} onChange={onChange} />
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

/** The filters a report's drill-down adds (requester role, category, created range): each one a removable chip. */
function DrillDownChips({ search, meta, onChange }: Pick<Props, "search" | "meta" | "onChange">) {
  const { t, i18n } = useTranslation();
  const chips: { key: string; label: string; clear: Partial<InboxSearch> }[] = [];
  if (search.requesterRole) {
    const value = search.requesterRole
      .split(",")
      .map((r) => t(`enums.requesterRole.${r}` as "enums.requesterRole.parent", { defaultValue: r }))
      .join(", ");
    chips.push({ key: "requesterRole", label: t("inbox.filters.requesterRole", { value }), clear: { requesterRole: undefined } });
  }
  if (search.categoryId) {
    const value = search.categoryId
      .split(",")
      .map((id) => {
        const c = meta.categories.find((x) => x.id === id);
        return c ? localized(c.name, i18n.language) : id;
      })
      .join(", ");
    chips.push({ key: "categoryId", label: t("inbox.filters.category", { value }), clear: { categoryId: undefined } });
  }
  const created = createdLabel(search.createdFrom, search.createdTo, i18n.language, t);
  if (created) chips.push({ key: "created", label: created, clear: { createdFrom: undefined, createdTo: undefined } });
  if (chips.length === 0) return null;
  return (
    <ul className="filterchips" aria-label={t("inbox.filters.fromReport")}>
      {chips.map((c) => (
        <li key={c.key} className="filterchips__chip">
          <span>{c.label}</span>
          <AriaButton className="filterchips__remove" aria-label={t("inbox.filters.remove", { label: c.label })} onPress={() => onChange(c.clear)}>
            <Icon name="x" />
          </AriaButton>
        </li>
      ))}
    </ul>
  );
}

/** "Created Mar 1 – 31, 2026" for [createdFrom, createdTo): the exclusive end shown as the last day it covers. */
function createdLabel(from: string | undefined, to: string | undefined, lang: string, t: TFunction): string | null {
  const f = new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { day: "numeric", month: "short", year: "numeric" });
  const start = from ? new Date(from) : null;
  const end = to ? new Date(new Date(to).getTime() - 1) : null;
  if (start && end) return t("inbox.filters.createdRange", { range: end < start ? f.format(start) : f.formatRange(start, end) });
  if (start) return t("inbox.filters.createdFrom", { date: f.format(start) });
  if (end && to) return t("inbox.filters.createdBefore", { date: f.format(new Date(to)) });
  return null;
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
