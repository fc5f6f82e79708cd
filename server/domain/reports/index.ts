/**
 * Reports (issue 5): read-only queries computing the figures of docs/METRICS.md, always inside `ctx.districtId`.
 * summary.ts (headline figures), series.ts (time series), breakdown.ts (by group), service.ts (backlog, breaches),
 * satisfaction.ts (ratings, alerts), topics.ts (trending, you asked we answered), digest.ts (weekly leader email),
 * csv.ts (every report as CSV), rollup.ts (the day and month rollups the summary, the time series, the breakdowns, trending and answered read).
 */
export { lowerMedian, resolvePeriod, type Period, type ReportQuery, type ReportScope } from "./shared.js";
export { localDateOf, localMidnight } from "./time.js";
export { change, reportSummary } from "./summary.js";
export { buckets, reportTimeseries } from "./series.js";
export { reportBreakdown } from "./breakdown.js";
export * from "./csv.js";
export { reportBacklog, reportBreaches } from "./service.js";
export { reportAlerts, reportSatisfaction } from "./satisfaction.js";
export { isTrending, reportAnswered, reportTrending } from "./topics.js";
export { renderLeaderDigest, sendWeeklyLeaderDigest } from "./digest.js";
export { processRollups } from "./rollup.js";
