import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ReportTimeseries, TimeseriesMetric } from "../../../../../common/contract/reports.js";
import { reportQuery } from "../api.js";
import { lineOption } from "../chartOptions.js";
import { useReportContext, useSummary } from "../hooks.js";
import { bucketPeriod, csvHref, drillDown } from "../links.js";
import { formatCount, formatDecimal, formatLocalDate } from "../format.js";
import { DataTable } from "./DataTable.js";
import { ReportPanel } from "./ReportPanel.js";

export type PanelProps = { mode?: "toggle" | "both"; size?: "sm" | "md" | "lg"; interval?: "day" | "week" | "month" };

function useTimeseries(metric: TimeseriesMetric, interval: "day" | "week" | "month") {
  const { params } = useReportContext();
  const q = { ...params, metric, interval };
  return { query: useQuery(reportQuery("timeseries", q)), csv: csvHref("timeseries", q) };
}

/** Bucket labels and the drill-down of each bucket (the conversations created in it, with the report's scope). */
function useBuckets(points: ReportTimeseries["points"], interval: "day" | "week" | "month") {
  const { i18n } = useTranslation();
  const { search, timeZone } = useReportContext();
  const period = useSummary().data?.period ?? null;
  const labels = points.map((p) => formatLocalDate(p.start, i18n.language, { month: interval === "month" }));
  const drills = points.map((p) => drillDown(search, period ? bucketPeriod(timeZone, p.start, interval, period) : null));
  return { labels, drills };
}

/** Conversations per day, week or month of the period. */
export function VolumePanel({ mode, size, interval: fixed }: PanelProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const ctx = useReportContext();
  const interval = fixed ?? ctx.interval;
  const { query, csv } = useTimeseries("conversations", interval);
  const points = query.data?.points ?? [];
  const { labels, drills } = useBuckets(points, interval);
  const values = points.map((p) => p.value ?? 0);
  const total = values.reduce((a, b) => a + b, 0);
  const peak = values.indexOf(Math.max(...values, 0));
  const fmt = (v: number | null) => formatCount(v, i18n.language);
  return (
    <ReportPanel
      title={t("reports.overview.volume")}
      csv={csv}
      mode={mode}
      query={query}
      chart={{
        option: lineOption(labels, [{ name: t("reports.figures.conversations"), data: values }], fmt),
        label: t("reports.overview.volumeSummary", { interval: t(`reports.interval.${interval}`), total: fmt(total), peak: labels[peak] ?? "—", peakValue: fmt(values[peak] ?? 0) }),
        onSelect: (i) => drills[i] && void navigate({ to: "/", search: drills[i] }),
        size,
      }}
      table={
        <DataTable
          caption={t("reports.overview.volume")}
          columns={[{ header: t("reports.columns.period") }, { header: t("reports.columns.conversations"), numeric: true }]}
          rows={points.map((p, i) => ({
            key: p.start,
            cells: [
              <Link key="l" to="/" search={drills[i]}>
                {labels[i]}
              </Link>,
              fmt(p.value),
            ],
          }))}
        />
      }
    />
  );
}

/** Median first-response and resolution hours per bucket (by creation). */
export function ResponseTimesPanel({ mode, size, interval: fixed }: PanelProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const ctx = useReportContext();
  const interval = fixed ?? ctx.interval;
  const first = useTimeseries("firstResponseMedianHours", interval);
  const resolution = useTimeseries("resolutionMedianHours", interval);
  const points = first.query.data?.points ?? [];
  const res = new Map((resolution.query.data?.points ?? []).map((p) => [p.start, p.value]));
  const { labels, drills } = useBuckets(points, interval);
  const fmt = (v: number | null) => (v === null ? "—" : t("reports.units.hours", { value: formatDecimal(v, i18n.language) }));
  const firstName = t("reports.figures.firstResponseMedianHours");
  const resName = t("reports.figures.resolutionMedianHours");
  return (
    <ReportPanel
      title={t("reports.overview.responseTimes")}
      csv={first.csv}
      mode={mode}
      query={first.query}
      chart={{
        option: lineOption(
          labels,
          [
            { name: firstName, data: points.map((p) => p.value) },
            { name: resName, data: points.map((p) => res.get(p.start) ?? null) },
          ],
          fmt,
        ),
        label: t("reports.overview.responseSummary", { interval: t(`reports.interval.${interval}`) }),
        onSelect: (i) => drills[i] && void navigate({ to: "/", search: drills[i] }),
        size,
      }}
      table={
        <DataTable
          caption={t("reports.overview.responseTimes")}
          columns={[{ header: t("reports.columns.period") }, { header: t("reports.columns.firstResponse"), numeric: true }, { header: t("reports.columns.resolution"), numeric: true }]}
          rows={points.map((p, i) => ({
            key: p.start,
            cells: [
              <Link key="l" to="/" search={drills[i]}>
                {labels[i]}
              </Link>,
              formatDecimal(p.value, i18n.language),
              formatDecimal(res.get(p.start) ?? null, i18n.language),
            ],
          }))}
        />
      }
    />
  );
}
