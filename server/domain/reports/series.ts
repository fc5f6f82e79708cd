/**
 * Time series (docs/METRICS.md "trend"): one figure per local day, ISO week or month. For a period of local dates
 * and a scope a rollup key stands for, conversations, the response and resolution medians and cxScore come from
 * the rollups (rollup.ts), the local days added up per bucket: exactly the points of reading every conversation (or
 * rating) of the period, which is what any other query (combined filters, instants, critical alerts) does, bucketed
 * by the database.
 */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Interval, ReportTimeseries, TimeseriesMetric } from "../../../common/contract/reports.js";
import { alerts, conversations, ratings } from "../../db/schema/index.js";
import type { Ctx } from "../shared/ctx.js";
import { frSeconds, resSeconds } from "./columns.js";
import { medianHours, rollupKey, rollupTotalsByDay, type CountColumn, type HistogramColumn, type RollupKey } from "./rollup.js";
import { conversationInScope, inPeriod, invalid, num, resolvePeriod, round, scopeWhere, type Env, type Period, type ReportQuery } from "./shared.js";
import { addDays, addMonths, firstOfMonth, localDateOf, localMidnight, mondayOf } from "./time.js";

const MAX_BUCKETS = 2_000;

/** Local-calendar bucket starts (local dates) covering the period, and the instants they begin at. */
export function buckets(timeZone: string, period: Period, interval: Interval): { start: string; at: number }[] {
  const first = localDateOf(timeZone, period.from);
  let s = interval === "day" ? first : interval === "week" ? mondayOf(first) : firstOfMonth(first);
  const out: { start: string; at: number }[] = [];
  for (;;) {
    const at = localMidnight(timeZone, s).getTime();
    if (at >= period.to.getTime()) break;
    out.push({ start: s, at });
    if (out.length > MAX_BUCKETS) throw invalid("interval", "too_many_buckets", "Too many points: choose a longer interval");
    s = interval === "day" ? addDays(s, 1) : interval === "week" ? addDays(s, 7) : addMonths(s, 1);
  }
  return out;
}

type SeriesQuery = ReportQuery & { metric: TimeseriesMetric; interval: Interval };
/** The figure of each bucket that has one, by the local date it starts on; the others are empty (0 or null). */
type Values = Map<string, number | null>;

/**
 * What each metric reads from the rollups (criticalAlerts is not in them: it reads the alerts). Every one is exact:
 * - conversations: `conversations`, keyed by the local day of creation, as the raw count by creation bucket;
 * - firstResponseMedianHours: the `fr` histogram (created that day, first response − creation in 180 s units);
 * - resolutionMedianHours: the `res` histogram, keyed by the CREATION day (conversations resolved now), as the raw
 *   series (resolved conversations bucketed by created_at);
 * - cxScore: `rated` and `rating_total`, keyed by the SUBMISSION day of the rating (dayAggregate's ratings part reads
 *   `submitted_at`), as the raw series (ratings bucketed by submitted_at).
 */
const ROLLUP_READS: Partial<Record<TimeseriesMetric, { counts: CountColumn[]; histograms: HistogramColumn[] }>> = {
  conversations: { counts: ["conversations"], histograms: [] },
  firstResponseMedianHours: { counts: [], histograms: ["fr"] },
  resolutionMedianHours: { counts: [], histograms: ["res"] },
  cxScore: { counts: ["rated", "rating_total"], histograms: [] },
};

/** Counts are whole numbers and 0 when a bucket has none; the other metrics are rounded, and null when empty. */
const isCount = (metric: TimeseriesMetric): boolean => metric === "conversations" || metric === "criticalAlerts";

/** The bucket a local day falls in: itself, the Monday of its ISO week or the first of its month. */
const bucketOfDay = (interval: Interval) => (day: string): string => (interval === "day" ? day : interval === "week" ? mondayOf(day) : firstOfMonth(day));

/**
 * The points' values from the rollups: the local days of the period added up per bucket (bucket boundaries are
 * local midnights, so a bucket is whole days; month buckets read whole clean months from the month rows). Null
 * when the rollups cannot serve (more dirty days than a query recomputes): the caller reads the conversations.
 */
async function rolledValues(ctx: Ctx, env: Env, q: SeriesQuery, rk: RollupKey): Promise<Values | null> {
  const reads = ROLLUP_READS[q.metric]!;
  const days = env.days!.period;
  const byBucket = await rollupTotalsByDay(ctx, env.timeZone, rk, days.from, days.to, { ...reads, bucket: bucketOfDay(q.interval), months: q.interval === "month" });
  if (!byBucket) return null;
  const out: Values = new Map();
  for (const [start, t] of byBucket) {
    const value =
      q.metric === "conversations"
        ? t.conversations
        : q.metric === "firstResponseMedianHours"
          ? medianHours(t.fr)
          : q.metric === "resolutionMedianHours"
            ? medianHours(t.res)
            : // the raw sum(accuracy + timeliness + courtesy) is null (so is the point) when no rating has all three
              t.rated && t.ratingTotal ? round(t.ratingTotal / (3 * t.rated), 2) : null;
    out.set(start, value);
  }
  return out;
}

/** The points' values read from the conversations, ratings or alerts of the period, bucketed by the database. */
async function rawValues(ctx: Ctx, env: Env, q: SeriesQuery): Promise<Values> {
  const scoped = scopeWhere(ctx, q);
  // the local date starting each row's bucket, computed by the database in the district's zone (weeks: ISO, Monday)
  const bucketOf = (col: AnyPgColumn) => sql<string>`to_char(date_trunc(${q.interval}, ${col} at time zone ${env.timeZone}), 'YYYY-MM-DD')`;
  let rows: { bucket: string; value: number | string | null }[];
  if (q.metric === "conversations" || q.metric === "firstResponseMedianHours" || q.metric === "resolutionMedianHours") {
    const value =
      q.metric === "conversations"
        ? sql<number>`count(*)::int`
        : q.metric === "firstResponseMedianHours"
          ? sql<string | null>`percentile_disc(0.5) within group (order by ${frSeconds}) / 3600`
          : sql<string | null>`percentile_disc(0.5) within group (order by ${resSeconds}) filter (where ${conversations.status} = 'resolved') / 3600`;
    rows = await ctx.db
      .select({ bucket: bucketOf(conversations.createdAt), value })
      .from(conversations)
      .where(and(scoped, inPeriod(conversations.createdAt, env.period)))
      .groupBy(sql`1`); // by position: the bucket expression binds parameters
  } else if (q.metric === "cxScore") {
    rows = await ctx.db
      .select({ bucket: bucketOf(ratings.submittedAt), value: sql<string | null>`sum(${ratings.accuracy} + ${ratings.timeliness} + ${ratings.courtesy})::float / (3 * count(*))` })
      .from(ratings)
      .where(and(eq(ratings.districtId, ctx.districtId), conversationInScope(ctx, q, ratings.conversationId), isNotNull(ratings.submittedAt), inPeriod(ratings.submittedAt, env.period)))
      .groupBy(sql`1`);
  } else {
    rows = await ctx.db
      .select({ bucket: bucketOf(alerts.createdAt), value: sql<number>`count(*)::int` })
      .from(alerts)
      .where(and(eq(alerts.districtId, ctx.districtId), conversationInScope(ctx, q, alerts.conversationId), inPeriod(alerts.createdAt, env.period)))
      .groupBy(sql`1`);
  }
  const counted = isCount(q.metric);
  const places = q.metric === "cxScore" ? 2 : 1;
  return new Map(rows.map((r) => [r.bucket, counted ? num(r.value) : round(num(r.value), places)]));
}

/** One figure per local day, ISO week (Monday first) or month of the period; empty buckets are 0 (counts) or null. */
export async function reportTimeseries(ctx: Ctx, q: SeriesQuery): Promise<ReportTimeseries> {
  const env = await resolvePeriod(ctx, q);
  const starts = buckets(env.timeZone, env.period, q.interval);
  // the rollups serve a period of local dates, a scope one rollup key stands for (no filter or one), and every
  // metric but criticalAlerts
  const rk = env.days && ROLLUP_READS[q.metric] ? rollupKey(q) : null;
  const values = (rk && (await rolledValues(ctx, env, q, rk))) ?? (await rawValues(ctx, env, q));
  const empty = isCount(q.metric) ? 0 : null;
  return {
    metric: q.metric,
    interval: q.interval,
    points: starts.map((s) => ({ start: s.start, value: values.get(s.start) ?? empty })),
  };
}
