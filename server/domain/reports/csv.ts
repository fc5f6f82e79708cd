/**
 * CSV for every report (RFC 4180: CRLF, quoted when needed), one header row. Text cells that a spreadsheet would
 * read as a formula (=, +, -, @, tab, CR) are prefixed with an apostrophe; numbers are written as numbers.
 */
import type {
  ReportAlerts,
  ReportAnswered,
  ReportBacklog,
  ReportBreaches,
  ReportBreakdown,
  ReportSatisfaction,
  ReportSummary,
  ReportTimeseries,
  ReportTrending,
} from "../../../common/contract/reports.js";

type Cell = string | number | null;

function cell(v: Cell): string {
  if (v === null) return "";
  if (typeof v === "number") return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}

const FIGURES = [
  "conversations",
  "firstResponseMedianHours",
  "firstResponseMedianBusinessHours",
  "resolutionMedianHours",
  "resolutionMedianBusinessHours",
  "withinStandardShare",
  "unanswered",
  "open",
  "pastDue",
  "dueSoon",
  "cxScore",
  "responseRate",
  "complimentShare",
  "criticalAlerts",
  "timeToAcknowledgeMedianMinutes",
  "unacknowledged",
  "reach",
  "anonymous",
  "repeatContacts",
  "repeatShare",
] as const;

export const summaryCsv = (s: ReportSummary): string =>
  toCsv(
    ["figure", "current", "previous", "change", "period_from", "period_to", "previous_from", "previous_to"],
    [
      ...FIGURES.map((f) => [f, s[f], s.previous[f], s.change[f]] as Cell[]),
      ...(["accuracy", "timeliness", "courtesy", "count"] as const).map((d) => [`ratings.${d}`, s.ratings[d], s.previous.ratings[d], s.change.ratings[d]] as Cell[]),
    ].map((r, i) => (i === 0 ? [...r, s.period.from, s.period.to, s.previous.period.from, s.previous.period.to] : r)),
  );

export const timeseriesCsv = (t: ReportTimeseries): string => toCsv(["start", t.metric], t.points.map((p) => [p.start, p.value]));

export const breakdownCsv = (b: ReportBreakdown): string => toCsv([b.by, "label", b.metric, "conversations"], b.rows.map((r) => [r.key, r.label, r.value, r.count]));

export const backlogCsv = (b: ReportBacklog): string => toCsv(["age", "label", "open"], b.buckets.map((r) => [r.key, r.label, r.count]));

export const breachesCsv = (b: ReportBreaches): string => toCsv(["clock", "label", "breaches"], b.byClock.map((r) => [r.key, r.label, r.count]));

export const satisfactionCsv = (s: ReportSatisfaction): string =>
  toCsv(
    ["dimension", "mean", ...Array.from({ length: 10 }, (_, i) => `score_${i + 1}`)],
    (["accuracy", "timeliness", "courtesy"] as const).map((d) => [d, s.ratings[d], ...s.distribution[d]]),
  );

export const alertsCsv = (a: ReportAlerts): string =>
  toCsv(
    ["group", "key", "label", "count"],
    [
      ["total", "", "", a.total],
      ["unacknowledged", "", "", a.unacknowledged],
      ["downgraded", "", "", a.downgraded],
      ...a.byCategory.map((r) => ["category", r.key, r.label, r.count]),
      ...a.bySeverity.map((r) => ["severity", r.key, r.label, r.count]),
      ...a.downgradeReasons.map((r) => ["downgrade_reason", r.key, r.label, r.count]),
    ],
  );

export const trendingCsv = (t: ReportTrending): string => toCsv(["topic_id", "topic", "count", "baseline", "ratio"], t.rows.map((r) => [r.topicId, r.label, r.count, r.baseline, r.ratio]));

export const answeredCsv = (a: ReportAnswered): string =>
  toCsv(
    ["topic_id", "topic", "resolved", "resolution_median_business_days", "high_rating_share", "ratings"],
    a.rows.map((r) => [r.topicId, r.label, r.resolved, r.resolutionMedianBusinessDays, r.highRatingShare, r.ratings]),
  );
