import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { reportQuery } from "../api.js";
import { barOption, lineOption } from "../chartOptions.js";
import { formatCount, formatDecimal, formatLocalDate } from "../format.js";
import { useReportContext } from "../hooks.js";
import { backlogDrillDown, csvHref, drillDown } from "../links.js";
import { DataTable } from "./DataTable.js";
import { ReportPanel } from "./ReportPanel.js";
import type { PanelProps } from "./TrendPanels.js";

/** Open conversations at the snapshot by age; each bucket opens those conversations in the inbox. */
export function BacklogPanel({ mode, size }: PanelProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const { params, search } = useReportContext();
  const query = useQuery(reportQuery("backlog", params));
  const buckets = query.data?.buckets ?? [];
  const snap = query.data?.period.snapshotAt;
  const drills = buckets.map((b) => (snap ? backlogDrillDown(search, snap, b.key) : null));
  const labels = buckets.map((b) => t(`reports.backlog.${b.key}`));
  const fmt = (v: number | null) => formatCount(v, i18n.language);
  return (
    <ReportPanel
      title={t("reports.overview.backlog")}
      csv={csvHref("backlog", params)}
      mode={mode}
      query={query}
      chart={{
        option: barOption(labels, [{ name: t("reports.figures.open"), data: buckets.map((b) => b.count) }], fmt),
        label: t("reports.overview.backlogSummary", { total: fmt(query.data?.total ?? 0) }),
        onSelect: (i) => drills[i] && void navigate({ to: "/", search: drills[i] }),
        size,
      }}
      table={
        <DataTable
          caption={t("reports.overview.backlog")}
          columns={[{ header: t("reports.columns.age") }, { header: t("reports.columns.conversations"), numeric: true }]}
          rows={buckets.map((b, i) => ({
            key: b.key,
            cells: [
              drills[i] ? (
                <Link key="l" to="/" search={drills[i]}>
                  {labels[i]}
                </Link>
              ) : (
                labels[i]
              ),
              fmt(b.count),
            ],
          }))}
        />
      }
    />
  );
}

/** Service-standard breaches recorded in the period, by clock. */
export function BreachesPanel({ mode, size }: PanelProps) {
  const { t, i18n } = useTranslation();
  const { params, search } = useReportContext();
  const query = useQuery(reportQuery("breaches", params));
  const rows = query.data?.byClock ?? [];
  const labels = rows.map((r) => t(`reports.clocks.${r.key}`));
  const fmt = (v: number | null) => formatCount(v, i18n.language);
  const pastDue = drillDown(search, null, { view: "past_due" });
  return (
    <ReportPanel
      title={t("reports.overview.breaches")}
      csv={csvHref("breaches", params)}
      mode={mode}
      query={query}
      intro={
        <Link to="/" search={pastDue}>
          {t("reports.figures.pastDue")}: {t("reports.actions.viewConversations")}
        </Link>
      }
      chart={{
        option: barOption(labels, [{ name: t("reports.columns.count"), data: rows.map((r) => r.count) }], fmt),
        label: t("reports.overview.breachesSummary", { total: fmt(query.data?.total ?? 0) }),
        size,
      }}
      table={
        <DataTable
          caption={t("reports.overview.breaches")}
          columns={[{ header: t("reports.columns.clock") }, { header: t("reports.columns.count"), numeric: true }]}
          rows={rows.map((r, i) => ({ key: r.key, cells: [labels[i], fmt(r.count)] }))}
        />
      }
    />
  );
}

/** Mean rating per dimension and the customer-experience score. */
export function SatisfactionMeansPanel({ mode, size }: PanelProps) {
  const { t, i18n } = useTranslation();
  const { params } = useReportContext();
  const query = useQuery(reportQuery("satisfaction", params));
  const dims = ["accuracy", "timeliness", "courtesy"] as const;
  const means = dims.map((d) => query.data?.ratings[d] ?? null);
  const labels = dims.map((d) => t(`reports.satisfaction.dimensions.${d}`));
  const fmt = (v: number | null) => formatDecimal(v, i18n.language, 2);
  return (
    <ReportPanel
      title={t("reports.satisfaction.means")}
      csv={csvHref("satisfaction", params)}
      mode={mode}
      query={query}
      intro={
        <p>
          {t("reports.figures.cxScore")}: <strong>{query.data?.cxScore === null || !query.data ? "—" : t("reports.units.outOf10", { value: formatDecimal(query.data.cxScore, i18n.language) })}</strong> ·{" "}
          {t("reports.figures.ratingsCount")}: {formatCount(query.data?.count ?? null, i18n.language)}
        </p>
      }
      // No ratings, no chart: the table of dashes says it plainly.
      chart={
        query.data?.count
          ? {
              option: barOption(labels, [{ name: t("reports.columns.mean"), data: means }], fmt),
              label: t("reports.satisfaction.meansSummary", { accuracy: fmt(means[0] ?? null), timeliness: fmt(means[1] ?? null), courtesy: fmt(means[2] ?? null) }),
              size,
            }
          : null
      }
      table={
        <DataTable
          caption={t("reports.satisfaction.means")}
          columns={[{ header: t("reports.columns.dimension") }, { header: t("reports.columns.mean"), numeric: true }]}
          rows={dims.map((d, i) => ({ key: d, cells: [labels[i], fmt(means[i] ?? null)] }))}
        />
      }
    />
  );
}

/** Critical alerts raised per bucket, and by category with how many still wait for a responder. */
export function AlertsPanel({ mode, size }: PanelProps) {
  const { t, i18n } = useTranslation();
  const { params, interval, search } = useReportContext();
  const q = { ...params, metric: "criticalAlerts", interval };
  const series = useQuery(reportQuery("timeseries", q));
  const alerts = useQuery(reportQuery("alerts", params));
  const points = series.data?.points ?? [];
  const labels = points.map((p) => formatLocalDate(p.start, i18n.language, { month: interval === "month" }));
  const fmt = (v: number | null) => formatCount(v, i18n.language);
  const categoryName = (key: string, label: string) => t(`alerts.categories.${key}` as "alerts.categories.abuse", { defaultValue: label });
  return (
    <ReportPanel
      title={t("reports.overview.alerts")}
      csv={csvHref("alerts", params)}
      mode={mode}
      query={series}
      intro={
        alerts.data ? (
          <p>
            <Link to="/" search={drillDown(search, null, { view: "alerts" })}>
              {t("reports.overview.unacknowledgedNow", { count: alerts.data.unacknowledged })}
            </Link>{" "}
            · {t("reports.figures.timeToAcknowledgeMedianMinutes")}:{" "}
            {alerts.data.timeToAcknowledgeMedianMinutes === null ? "—" : t("reports.units.minutes", { value: formatCount(Math.round(alerts.data.timeToAcknowledgeMedianMinutes), i18n.language) })} ·{" "}
            {t("reports.overview.downgraded")}: {fmt(alerts.data.downgraded)}
          </p>
        ) : null
      }
      chart={{
        option: lineOption(labels, [{ name: t("reports.figures.criticalAlerts"), data: points.map((p) => p.value ?? 0) }], fmt),
        label: t("reports.overview.alertsSummary", { interval: t(`reports.interval.${interval}`), total: fmt(points.reduce((a, p) => a + (p.value ?? 0), 0)) }),
        size,
      }}
      table={
        <DataTable
          caption={t("reports.overview.alertsByCategory")}
          empty={t("reports.chart.empty")}
          columns={[{ header: t("reports.columns.category") }, { header: t("reports.columns.alerts"), numeric: true }]}
          rows={(alerts.data?.byCategory ?? []).map((r) => ({ key: r.key, cells: [categoryName(r.key, r.label), fmt(r.count)] }))}
        />
      }
    />
  );
}
