/** Time series (docs/METRICS.md "trend"): one figure per local day, ISO week or month, bucketed by the database. */
import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Interval, ReportTimeseries, TimeseriesMetric } from "../../../common/contract/reports.js";
import { alerts, conversations, ratings } from "../../db/schema/index.js";
import type { Ctx } from "../shared/ctx.js";
import { frSeconds, resSeconds } from "./columns.js";
import { conversationInScope, inPeriod, invalid, num, resolvePeriod, round, scopeWhere, type Period, type ReportQuery } from "./shared.js";
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

/** One figure per local day, ISO week (Monday first) or month of the period; empty buckets are 0 (counts) or null. */
export async function reportTimeseries(ctx: Ctx, q: ReportQuery & { metric: TimeseriesMetric; interval: Interval }): Promise<ReportTimeseries> {
  const env = await resolvePeriod(ctx, q);
  const starts = buckets(env.timeZone, env.period, q.interval);
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
  const byStart = new Map(rows.map((r) => [r.bucket, num(r.value)]));
  const empty = q.metric === "conversations" || q.metric === "criticalAlerts" ? 0 : null;
  const places = q.metric === "cxScore" ? 2 : 1;
  return {
    metric: q.metric,
    interval: q.interval,
    points: starts.map((s) => {
      const v = byStart.get(s.start);
      return { start: s.start, value: v === undefined || v === null ? empty : empty === 0 ? v : round(v, places) };
    }),
  };
}

