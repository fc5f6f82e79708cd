import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { reportQuery } from "../features/reports/api.js";
import { barOption, lineOption } from "../features/reports/chartOptions.js";
import { DataTable } from "../features/reports/components/DataTable.js";
import { HeadlineCards } from "../features/reports/components/HeadlineCards.js";
import { SatisfactionMeansPanel } from "../features/reports/components/OverviewPanels.js";
import { ReportPanel } from "../features/reports/components/ReportPanel.js";
import { formatCount, formatDecimal, formatLocalDate } from "../features/reports/format.js";
import { useReportContext, useSummary } from "../features/reports/hooks.js";
import { csvHref } from "../features/reports/links.js";

const DIMS = ["accuracy", "timeliness", "courtesy"] as const;
const SCORES = Array.from({ length: 10 }, (_, i) => String(i + 1));

/** Satisfaction: the score and its change, means per dimension, how families rated (1–10) and the score over time. */
export function ReportsSatisfactionPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { params, interval } = useReportContext();
  const summary = useSummary();
  const sat = useQuery(reportQuery("satisfaction", params));
  const trendQ = { ...params, metric: "cxScore", interval };
  const trend = useQuery(reportQuery("timeseries", trendQ));
  const count = (v: number | null) => formatCount(v, lang);
  const dist = sat.data?.distribution;
  const dimNames = DIMS.map((d) => t(`reports.satisfaction.dimensions.${d}`));
  const points = trend.data?.points ?? [];
  const labels = points.map((p) => formatLocalDate(p.start, lang, { month: interval === "month" }));
  const score = (v: number | null) => formatDecimal(v, lang, 2);

  return (
    <div className="reports__body">
      <ReportPanel
        title={t("reports.titles.satisfaction")}
        csv={csvHref("summary", params)}
        query={summary}
        table={
          summary.data ? (
            <HeadlineCards
              summary={summary.data}
              label={t("reports.titles.satisfaction")}
              cards={[
                { key: "cxScore", kind: "score", direction: "higherBetter" },
                { key: "responseRate", kind: "share", direction: "higherBetter" },
                { key: "complimentShare", kind: "share", direction: "higherBetter" },
              ]}
            />
          ) : null
        }
      />
      <div className="reports__grid">
        <SatisfactionMeansPanel />
        <ReportPanel
          title={t("reports.satisfaction.distribution")}
          csv={csvHref("satisfaction", params)}
          query={sat}
          chart={
            dist && sat.data?.count
              ? {
                  option: barOption(SCORES, DIMS.map((d, i) => ({ name: dimNames[i]!, data: dist[d] })), count),
                  label: t("reports.satisfaction.distributionSummary", { count: count(sat.data?.count ?? 0) }),
                }
              : null
          }
          table={
            <DataTable
              caption={t("reports.satisfaction.distribution")}
              columns={[{ header: t("reports.columns.score") }, ...dimNames.map((n) => ({ header: n, numeric: true }))]}
              rows={SCORES.map((s, i) => ({ key: s, cells: [s, ...DIMS.map((d) => count(dist?.[d][i] ?? null))] }))}
            />
          }
        />
        <ReportPanel
          title={t("reports.satisfaction.trend")}
          csv={csvHref("timeseries", trendQ)}
          query={trend}
          chart={
            points.some((p) => p.value !== null)
              ? {
                  option: lineOption(labels, [{ name: t("reports.figures.cxScore"), data: points.map((p) => p.value) }], score),
                  label: t("reports.satisfaction.trendSummary", { interval: t(`reports.interval.${interval}`) }),
                }
              : null
          }
          table={
            <DataTable
              caption={t("reports.satisfaction.trend")}
              columns={[{ header: t("reports.columns.period") }, { header: t("reports.columns.cxScore"), numeric: true }]}
              rows={points.map((p, i) => ({ key: p.start, cells: [labels[i], score(p.value)] }))}
            />
          }
        />
      </div>
    </div>
  );
}
