import { z } from "zod";
import { ChannelTypeSchema, ConversationKindSchema, LanguageSchema } from "../enums.js";

/**
 * The reports API (issue 5): figures defined in docs/METRICS.md, computed by `server/domain/reports`.
 *
 * - GET /api/reports/summary?from&to&…filters → ReportSummary
 * - GET /api/reports/timeseries?metric&interval&from&to&…filters → ReportTimeseries
 * - GET /api/reports/breakdown?metric&by&from&to&…filters → ReportBreakdown
 *
 * - GET /api/reports/backlog, /breaches, /satisfaction, /alerts, /trending, /answered → the figures of the same names
 * - every report answers CSV (text/csv, a header row, one row per figure/point/group) with `format=csv`
 *
 * `from`/`to` are local dates (YYYY-MM-DD, in the district's time zone) or ISO instants with an offset; the period is
 * `[from, to)`, at most five years. Without them the period is the last 30 local days including today.
 * Shares and changes are fractions (0.25 = 25 %), four decimals; hours one decimal; ratings two decimals.
 */

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const Bound = z.union([
  z.string().regex(LOCAL_DATE, "Use YYYY-MM-DD or an ISO instant").refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "Not a calendar date"),
  z.iso.datetime({ offset: true, message: "Use YYYY-MM-DD or an ISO instant" }),
]);

/** Rough comparison key at the edge (local dates as UTC midnight); the domain decides exactly in the district's zone. */
const approxMs = (s: string): number => Date.parse(LOCAL_DATE.test(s) ? `${s}T00:00:00Z` : s);
const FIVE_YEARS_MS = (5 * 365 + 2) * 86_400_000;

const FilterShape = {
  from: Bound.optional(),
  to: Bound.optional(),
  departmentId: z.uuid().optional(),
  schoolId: z.uuid().optional(),
  topicId: z.uuid().optional(),
  channel: ChannelTypeSchema.optional(),
  kind: ConversationKindSchema.optional(),
  language: LanguageSchema.optional(),
  /** `csv` answers text/csv (an attachment) instead of JSON */
  format: z.enum(["json", "csv"]).default("json"),
};

function checkPeriod(q: { from?: string | undefined; to?: string | undefined }, c: z.RefinementCtx): void {
  if ((q.from === undefined) !== (q.to === undefined)) {
    c.addIssue({ code: "custom", path: [q.from === undefined ? "from" : "to"], message: "Give both from and to, or neither" });
    return;
  }
  if (q.from === undefined || q.to === undefined) return;
  const sameKind = LOCAL_DATE.test(q.from) === LOCAL_DATE.test(q.to);
  const [a, b] = [approxMs(q.from), approxMs(q.to)];
  if (sameKind && b <= a) c.addIssue({ code: "custom", path: ["to"], message: "to must be after from" });
  else if (b - a > FIVE_YEARS_MS) c.addIssue({ code: "custom", path: ["to"], message: "A report spans at most five years" });
}

export const ReportFiltersSchema = z.object(FilterShape).superRefine(checkPeriod);
export type ReportFilters = z.infer<typeof ReportFiltersSchema>;

const Num = z.number().nullable();
export const ReportFiguresSchema = z.object({
  conversations: z.number(),
  firstResponseMedianHours: Num,
  firstResponseMedianBusinessHours: Num,
  resolutionMedianHours: Num,
  resolutionMedianBusinessHours: Num,
  withinStandardShare: Num,
  unanswered: z.number(),
  pastDue: z.number(),
  dueSoon: z.number(),
  open: z.number(),
  cxScore: Num,
  ratings: z.object({ accuracy: Num, timeliness: Num, courtesy: Num, count: z.number() }),
  responseRate: Num,
  complimentShare: Num,
  criticalAlerts: z.number(),
  timeToAcknowledgeMedianMinutes: Num,
  unacknowledged: z.number(),
  reach: z.number(),
  anonymous: z.number(),
  repeatContacts: z.number(),
  repeatShare: Num,
});
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

/** Change against the previous equivalent period, per figure: (current − previous) / previous, null when previous is 0 or either is null. */
export const ReportChangeSchema = z.object({
  conversations: Num,
  firstResponseMedianHours: Num,
  firstResponseMedianBusinessHours: Num,
  resolutionMedianHours: Num,
  resolutionMedianBusinessHours: Num,
  withinStandardShare: Num,
  unanswered: Num,
  pastDue: Num,
  dueSoon: Num,
  open: Num,
  cxScore: Num,
  ratings: z.object({ accuracy: Num, timeliness: Num, courtesy: Num, count: Num }),
  responseRate: Num,
  complimentShare: Num,
  criticalAlerts: Num,
  timeToAcknowledgeMedianMinutes: Num,
  unacknowledged: Num,
  reach: Num,
  anonymous: Num,
  repeatContacts: Num,
  repeatShare: Num,
});
export type ReportChange = z.infer<typeof ReportChangeSchema>;

const PeriodSchema = z.object({ from: z.string(), to: z.string(), snapshotAt: z.string() });
export const ReportSummarySchema = ReportFiguresSchema.extend({
  period: PeriodSchema,
  previous: ReportFiguresSchema.extend({ period: PeriodSchema }),
  change: ReportChangeSchema,
});
export type ReportSummary = z.infer<typeof ReportSummarySchema>;

export const TimeseriesMetricSchema = z.enum(["conversations", "firstResponseMedianHours", "resolutionMedianHours", "cxScore", "criticalAlerts"]);
export type TimeseriesMetric = z.infer<typeof TimeseriesMetricSchema>;
export const IntervalSchema = z.enum(["day", "week", "month"]);
export type Interval = z.infer<typeof IntervalSchema>;
export const TimeseriesQuerySchema = z.object({ ...FilterShape, metric: TimeseriesMetricSchema, interval: IntervalSchema.default("day") }).superRefine(checkPeriod);
/** `start` is the bucket's first local date (weeks start on Monday); empty buckets are 0 for counts, null for medians and means. */
export const ReportTimeseriesSchema = z.object({
  metric: TimeseriesMetricSchema,
  interval: IntervalSchema,
  points: z.array(z.object({ start: z.string(), value: Num })),
});
export type ReportTimeseries = z.infer<typeof ReportTimeseriesSchema>;

export const BreakdownMetricSchema = z.enum(["conversations", "firstResponseMedianHours", "resolutionMedianHours", "cxScore", "withinStandardShare"]);
export type BreakdownMetric = z.infer<typeof BreakdownMetricSchema>;
/** `assignee` (staff performance) needs the `reports.staff` ability: admins and supervisors. */
export const BreakdownBySchema = z.enum(["department", "topic", "category", "school", "channel", "kind", "requesterRole", "language", "assignee"]);
export type BreakdownBy = z.infer<typeof BreakdownBySchema>;
export const BreakdownQuerySchema = z.object({ ...FilterShape, metric: BreakdownMetricSchema, by: BreakdownBySchema }).superRefine(checkPeriod);
/** One row per group (key = id or value, "none" for no value); `count` is the conversations of the group (ratings for cxScore). */
export const ReportBreakdownSchema = z.object({
  metric: BreakdownMetricSchema,
  by: BreakdownBySchema,
  rows: z.array(z.object({ key: z.string(), label: z.string(), value: Num, count: z.number() })),
});
export type ReportBreakdown = z.infer<typeof ReportBreakdownSchema>;

const PeriodOnly = { period: PeriodSchema };
const KeyCount = z.object({ key: z.string(), label: z.string(), count: z.number() });

export const BacklogBucketSchema = z.enum(["lt_1d", "1_3d", "3_7d", "7_30d", "gte_30d"]);
/** Open conversations at the snapshot instant by wall-clock age (docs/METRICS.md "backlog by age"). */
export const ReportBacklogSchema = z.object({ ...PeriodOnly, total: z.number(), buckets: z.array(z.object({ key: BacklogBucketSchema, label: z.string(), count: z.number() })) });
export type ReportBacklog = z.infer<typeof ReportBacklogSchema>;

export const SlaClockSchema = z.enum(["first_response", "next_response", "resolution"]);
/** `sla.breached` events in the period by clock. */
export const ReportBreachesSchema = z.object({ ...PeriodOnly, total: z.number(), byClock: z.array(z.object({ key: SlaClockSchema, label: z.string(), count: z.number() })) });
export type ReportBreaches = z.infer<typeof ReportBreachesSchema>;

/** Ratings submitted in the period: means, cxScore, response rate, and the count of each score 1..10 (index 0 = score 1). */
export const ReportSatisfactionSchema = z.object({
  ...PeriodOnly,
  count: z.number(),
  cxScore: Num,
  ratings: z.object({ accuracy: Num, timeliness: Num, courtesy: Num }),
  responseRate: Num,
  distribution: z.object({ accuracy: z.array(z.number()).length(10), timeliness: z.array(z.number()).length(10), courtesy: z.array(z.number()).length(10) }),
});
export type ReportSatisfaction = z.infer<typeof ReportSatisfactionSchema>;

/** Alerts raised in the period by category and severity, downgrades and their reasons, time to acknowledge. */
export const ReportAlertsSchema = z.object({
  ...PeriodOnly,
  total: z.number(),
  unacknowledged: z.number(),
  timeToAcknowledgeMedianMinutes: Num,
  byCategory: z.array(KeyCount),
  bySeverity: z.array(KeyCount),
  downgraded: z.number(),
  downgradeReasons: z.array(KeyCount),
});
export type ReportAlerts = z.infer<typeof ReportAlertsSchema>;

/** Topics spiking against their own baseline (mean of the previous 8 equivalent periods), highest ratio first. */
export const ReportTrendingSchema = z.object({
  ...PeriodOnly,
  rows: z.array(z.object({ topicId: z.string(), label: z.string(), count: z.number(), baseline: z.number(), ratio: z.number() })),
});
export type ReportTrending = z.infer<typeof ReportTrendingSchema>;

/** "You asked, we answered": topics with the most conversations resolved in the period. No family's words. */
export const ReportAnsweredSchema = z.object({
  ...PeriodOnly,
  rows: z.array(
    z.object({ topicId: z.string(), label: z.string(), resolved: z.number(), resolutionMedianBusinessDays: Num, highRatingShare: Num, ratings: z.number() }),
  ),
});
export type ReportAnswered = z.infer<typeof ReportAnsweredSchema>;
