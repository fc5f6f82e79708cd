import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { BreakdownMetricSchema, type BreakdownBy, type BreakdownMetric } from "../../../../../common/contract/reports.js";
import { localized, useMeta, type Meta } from "../../../lib/meta.js";
import { SelectField } from "../../../ui/SelectField.js";
import { reportQuery } from "../api.js";
import { barOption } from "../chartOptions.js";
import { formatCount, formatDecimal, formatShare } from "../format.js";
import { useReportContext, useSummary } from "../hooks.js";
import { breakdownDrillDown, csvHref } from "../links.js";
import { DataTable } from "./DataTable.js";
import { ReportPanel } from "./ReportPanel.js";

export const COMPARE_BY: BreakdownBy[] = ["department", "topic", "category", "school", "channel", "kind", "requesterRole", "language"];

export function formatMetric(metric: BreakdownMetric, v: number | null, lang: string, t: TFunction): string {
  if (v === null) return "—";
  if (metric === "conversations") return formatCount(v, lang);
  if (metric === "withinStandardShare") return formatShare(v, lang);
  if (metric === "cxScore") return formatDecimal(v, lang, 2);
  return t("reports.units.hours", { value: formatDecimal(v, lang) });
}

const ENUM_GROUP: Partial<Record<BreakdownBy, string>> = { channel: "channel", kind: "kind", requesterRole: "requesterRole", language: "language" };

/** A group's name in the UI language: enums translated, topics and categories in Spanish when they have it. */
function groupLabel(by: BreakdownBy, key: string, label: string, meta: Meta, lang: string, t: TFunction): string {
  if (key === "none") return t("reports.compare.none");
  const group = ENUM_GROUP[by];
  if (group) return t(`enums.${group}.${key}` as "enums.channel.email", { defaultValue: label });
  if (by === "topic") {
    const topic = meta.topics.find((x) => x.id === key);
    return topic ? localized(topic.name, lang) : label;
  }
  if (by === "category") {
    const c = meta.categories.find((x) => x.id === key);
    return c ? localized(c.name, lang) : label;
  }
  return label;
}

/** One figure across groups (departments, topics… or people): a horizontal bar chart and a table of drill-down links. */
export function BreakdownPanel({ byOptions, defaultBy }: { byOptions: BreakdownBy[]; defaultBy: BreakdownBy }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const meta = useMeta();
  const navigate = useNavigate();
  const { search, params, setSearch } = useReportContext();
  const period = useSummary().data?.period ?? null;
  const metric: BreakdownMetric = search.metric ?? "conversations";
  const by: BreakdownBy = search.by && byOptions.includes(search.by) ? search.by : defaultBy;
  const q = { ...params, metric, by };
  const query = useQuery(reportQuery("breakdown", q));
  const rows = query.data?.rows ?? [];
  const labels = rows.map((r) => groupLabel(by, r.key, r.label, meta, lang, t));
  const drills = rows.map((r) => breakdownDrillDown(search, period, by, r.key));
  const fmt = (v: number | null) => formatMetric(metric, v, lang, t);
  const metricName = t(`reports.metrics.${metric}`);
  const byName = t(`reports.by.${by}`);
  const top = rows.reduce<number>((best, r, i) => ((r.value ?? -Infinity) > (rows[best]?.value ?? -Infinity) ? i : best), 0);

  return (
    <>
      <div className="report-controls no-print">
        <SelectField
          label={t("reports.compare.metric")}
          value={metric}
          options={BreakdownMetricSchema.options.map((m) => ({ value: m, label: t(`reports.metrics.${m}`) }))}
          onChange={(v) => setSearch({ metric: v === "conversations" ? undefined : (v as BreakdownMetric) })}
        />
        {byOptions.length > 1 ? (
          <SelectField
            label={t("reports.compare.by")}
            value={by}
            options={byOptions.map((b) => ({ value: b, label: t(`reports.by.${b}`) }))}
            onChange={(v) => setSearch({ by: v === defaultBy ? undefined : (v as BreakdownBy) })}
          />
        ) : null}
      </div>
      <ReportPanel
        title={`${metricName} · ${byName}`}
        csv={csvHref("breakdown", q)}
        query={query}
        chart={
          rows.length > 0
            ? {
                option: barOption(labels, [{ name: metricName, data: rows.map((r) => r.value) }], fmt, { horizontal: true }),
                label: t("reports.compare.chartSummary", { metric: metricName, by: byName, count: rows.length, top: labels[top] ?? "—", value: fmt(rows[top]?.value ?? null) }),
                onSelect: (i) => drills[i] && void navigate({ to: "/", search: drills[i] }),
                size: rows.length > 12 ? "lg" : "md",
              }
            : null
        }
        table={
          <DataTable
            caption={`${metricName} · ${byName}`}
            empty={t("reports.chart.empty")}
            columns={[
              { header: byName },
              { header: metricName, numeric: true },
              { header: metric === "cxScore" ? t("reports.compare.ratingsOf") : t("reports.compare.countOf"), numeric: true },
            ]}
            rows={rows.map((r, i) => ({
              key: r.key,
              cells: [
                drills[i] ? (
                  <Link key="l" to="/" search={drills[i]}>
                    {labels[i]}
                  </Link>
                ) : (
                  labels[i]
                ),
                fmt(r.value),
                formatCount(r.count, lang),
              ],
            }))}
          />
        }
      />
    </>
  );
}
