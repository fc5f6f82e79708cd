import { useTranslation } from "react-i18next";
import { ChannelTypeSchema, ConversationKindSchema, LanguageSchema } from "../../../../../common/enums.js";
import { localized, useMeta } from "../../../lib/meta.js";
import { Button } from "../../../ui/Button.js";
import { Icon } from "../../../ui/Icon.js";
import { SelectField } from "../../../ui/SelectField.js";
import { isLocalDate, RANGE_PRESETS, type RangePreset } from "../dates.js";
import { scopeFilterCount, SCOPE_KEYS, type ReportSearch } from "../filters.js";
import { useReportContext } from "../hooks.js";

/** The reports' filters: a date range (presets or custom dates) and the scope (department, school, topic…), all in the URL. */
export function ReportFilters() {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const { search, period, setSearch } = useReportContext();
  const range: RangePreset = search.range ?? "last30";
  const enumOptions = (values: readonly string[], group: "channel" | "kind" | "language") =>
    values.map((v) => ({ value: v, label: t(`enums.${group}.${v}` as "enums.channel.email") }));
  const scope: { key: (typeof SCOPE_KEYS)[number]; label: string; options: { value: string; label: string }[] }[] = [
    { key: "departmentId", label: t("inbox.filters.department"), options: meta.departments.map((x) => ({ value: x.id, label: x.name })) },
    { key: "schoolId", label: t("inbox.filters.school"), options: meta.schools.map((x) => ({ value: x.id, label: x.name })) },
    { key: "topicId", label: t("inbox.filters.topic"), options: meta.topics.map((x) => ({ value: x.id, label: localized(x.name, i18n.language) })) },
    { key: "channel", label: t("inbox.filters.channel"), options: enumOptions(ChannelTypeSchema.options, "channel") },
    { key: "kind", label: t("inbox.filters.kind"), options: enumOptions(ConversationKindSchema.options, "kind") },
    { key: "language", label: t("inbox.filters.language"), options: enumOptions(LanguageSchema.options, "language") },
  ];
  const lastDay = (() => {
    const d = new Date(`${period.to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - 1);
    return d.toISOString().slice(0, 10);
  })();

  const setRange = (v: string) => {
    const r = v as RangePreset;
    // Custom starts from the period on screen, so the dates are never empty.
    if (r === "custom") setSearch({ range: "custom", from: period.from, to: lastDay });
    else setSearch({ range: r === "last30" ? undefined : r, from: undefined, to: undefined });
  };
  const setDate = (key: "from" | "to", v: string) => {
    if (!isLocalDate(v)) return;
    const next = { from: search.from ?? period.from, to: search.to ?? lastDay, [key]: v };
    if (next.to < next.from) return;
    setSearch({ range: "custom", ...next });
  };

  return (
    <section className="report-filters no-print" aria-label={t("reports.filters.label")}>
      <SelectField
        label={t("reports.filters.range")}
        value={range}
        options={RANGE_PRESETS.map((p) => ({ value: p, label: t(`reports.filters.presets.${p}`) }))}
        onChange={setRange}
      />
      {range === "custom" ? (
        <>
          <DateInput label={t("reports.filters.from")} value={search.from ?? period.from} onChange={(v) => setDate("from", v)} />
          <DateInput label={t("reports.filters.to")} value={search.to ?? lastDay} onChange={(v) => setDate("to", v)} />
        </>
      ) : null}
      {scope.map((f) => (
        <SelectField
          key={f.key}
          label={f.label}
          value={search[f.key] ?? ""}
          emptyLabel={t("reports.filters.all")}
          options={f.options}
          onChange={(v) => setSearch({ [f.key]: v || undefined } as Partial<ReportSearch>)}
        />
      ))}
      {scopeFilterCount(search) > 0 ? (
        <Button variant="quiet" className="report-filters__clear" onPress={() => setSearch(Object.fromEntries(SCOPE_KEYS.map((k) => [k, undefined])))}>
          <Icon name="x" />
          {t("reports.filters.clear")}
        </Button>
      ) : null}
    </section>
  );
}

function DateInput({ label, value, onChange }: { label: string; value: string; onChange: (v: string) => void }) {
  const id = `report-date-${label.replace(/\W+/g, "-").toLowerCase()}`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input id={id} className="input" type="date" value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}
