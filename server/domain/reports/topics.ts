/** Trending topics and "you asked, we answered" (docs/METRICS.md). Topic names only: no family's words. */
import { and, eq, gte, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import type { ReportAnswered, ReportTrending } from "../../../common/contract/reports.js";
import { conversations, ratings } from "../../db/schema/index.js";
import { listTopics } from "../districts/index.js";
import type { Ctx } from "../shared/ctx.js";
import { businessDayMinutes, businessMinutesUnpaused, pausesOf } from "../sla/index.js";
import { HIGH_MEAN, histogramLowerMedian, rollupKey, rollupTotalsByKey } from "./rollup.js";
import { inPeriod, lowerMedian, periodOut, ratio, resolvePeriod, round, scopeWhere, ts, type Env, type ReportQuery } from "./shared.js";
import { addDays, daysBetween, localMidnight } from "./time.js";

const BASELINE_PERIODS = 8;
const MIN_COUNT = 5;

async function topicNames(ctx: Ctx): Promise<Map<string, string>> {
  return new Map((await listTopics(ctx, { includePrivate: true, includeInactive: true })).map((t) => [t.id, t.name.en]));
}

/** Whether a topic's count spikes against its baseline: at least 5 and at least baseline + 3·√max(baseline, 1). */
export function isTrending(count: number, baseline: number): boolean {
  return count >= MIN_COUNT && count >= baseline + 3 * Math.sqrt(Math.max(baseline, 1));
}

/**
 * Conversations per topic in the period (bucket 0) and in each of the 8 equivalent periods before it (1..8): for
 * local dates, periods of the same number of local days, from the rollups when nothing filters; for instants,
 * the same length in time.
 */
async function topicCounts(ctx: Ctx, env: Env, q: ReportQuery): Promise<{ topicId: string; bucket: number; n: number }[]> {
  const days = env.days?.period;
  if (days) {
    const len = daysBetween(days.from, days.to);
    if (rollupKey(q)?.dim === "all") {
      const ranges = Array.from({ length: BASELINE_PERIODS + 1 }, (_, k) => ({ k, from: addDays(days.from, -k * len), to: addDays(days.to, -k * len) }));
      const totals = await Promise.all(ranges.map((r) => rollupTotalsByKey(ctx, env.timeZone, "topic", r.from, r.to, { counts: ["conversations"] })));
      if (totals.every((m) => m !== null)) return totals.flatMap((m, k) => [...m!].map(([topicId, t]) => ({ topicId, bucket: k, n: t.conversations })));
    }
    const localDay = sql`(${conversations.createdAt} at time zone ${env.timeZone})::date`;
    const bucket = sql<number>`ceil((${days.from}::date - ${localDay})::numeric / ${len})::int`;
    return ctx.db
      .select({ topicId: sql<string>`${conversations.topicId}`, bucket, n: sql<number>`count(*)::int` })
      .from(conversations)
      .where(and(scopeWhere(ctx, q), isNotNull(conversations.topicId), gte(conversations.createdAt, localMidnight(env.timeZone, addDays(days.from, -BASELINE_PERIODS * len))), lt(conversations.createdAt, env.period.to)))
      .groupBy(sql`1, 2`); // by position: the bucket expression binds parameters, so it cannot be repeated
  }
  const len = env.period.to.getTime() - env.period.from.getTime();
  const start = new Date(env.period.from.getTime() - BASELINE_PERIODS * len);
  const bucket = sql<number>`ceil(extract(epoch from (${ts(env.period.from)} - ${conversations.createdAt})) * 1000 / ${len})::int`;
  return ctx.db
    .select({ topicId: sql<string>`${conversations.topicId}`, bucket, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(scopeWhere(ctx, q), isNotNull(conversations.topicId), gte(conversations.createdAt, start), lt(conversations.createdAt, env.period.to)))
    .groupBy(sql`1, 2`);
}

/**
 * Each topic's count in the period against its own baseline, the mean count over the 8 periods of the same length
 * immediately before; the trending ones, highest ratio `count / max(baseline, 1)` first.
 */
export async function reportTrending(ctx: Ctx, q: ReportQuery): Promise<ReportTrending> {
  const env = await resolvePeriod(ctx, q);
  const rows = await topicCounts(ctx, env, q);
  const byTopic = new Map<string, { count: number; before: number }>();
  for (const r of rows) {
    if (r.n === 0) continue;
    const e = byTopic.get(r.topicId) ?? { count: 0, before: 0 };
    if (Number(r.bucket) <= 0) e.count += r.n;
    else e.before += r.n;
    byTopic.set(r.topicId, e);
  }
  const names = await topicNames(ctx);
  const out = [...byTopic]
    .map(([topicId, e]) => {
      const baseline = e.before / BASELINE_PERIODS;
      return { topicId, label: names.get(topicId) ?? topicId, count: e.count, baseline, ratio: round(e.count / Math.max(baseline, 1), 2)! };
    })
    .filter((r) => isTrending(r.count, r.baseline))
    .map((r) => ({ ...r, baseline: round(r.baseline, 2)! }))
    .sort((a, b) => b.ratio - a.ratio || b.count - a.count || a.label.localeCompare(b.label));
  return { period: periodOut(env.period, env.snapshotAt), rows: out };
}

const ANSWERED_TOPICS = 10;

/**
 * "You asked, we answered": the topics with the most conversations resolved in the period (status resolved now,
 * `resolved_at` in the period), each with the median resolution time in business days (pauses excluded) and the
 * share of its ratings submitted in the period whose mean of the three dimensions is 8 or more.
 */
export async function reportAnswered(ctx: Ctx, q: ReportQuery): Promise<ReportAnswered> {
  const env = await resolvePeriod(ctx, q);
  const dayMinutes = businessDayMinutes(env.cal) || 1;
  const answered = (await answeredFromRollups(ctx, env, q)) ?? (await answeredFromConversations(ctx, env, q));
  if (!answered.top.length) return { period: periodOut(env.period, env.snapshotAt), rows: [] };
  const { top, minutes } = answered;
  const topicIds = top.map((t) => t.topicId);
  const rated = answered.rated
    ? [...answered.rated].filter(([, r]) => r.n > 0).map(([topicId, r]) => ({ topicId, ...r }))
    : await ctx.db
        .select({
          topicId: conversations.topicId,
          n: sql<number>`count(*)::int`,
          high: sql<number>`(count(*) filter (where (${ratings.accuracy} + ${ratings.timeliness} + ${ratings.courtesy}) >= ${3 * HIGH_MEAN}))::int`,
        })
        .from(ratings)
        .innerJoin(conversations, and(eq(conversations.districtId, ratings.districtId), eq(conversations.id, ratings.conversationId)))
        .where(and(eq(ratings.districtId, ctx.districtId), scopeWhere(ctx, q), inArray(conversations.topicId, topicIds), isNotNull(ratings.submittedAt), inPeriod(ratings.submittedAt, env.period)))
        .groupBy(conversations.topicId);
  const names = await topicNames(ctx);
  return {
    period: periodOut(env.period, env.snapshotAt),
    rows: top.map((t) => {
      const r = rated.find((x) => x.topicId === t.topicId);
      const median = minutes.get(t.topicId) ?? null;
      return {
        topicId: t.topicId,
        label: names.get(t.topicId) ?? t.topicId,
        resolved: t.n,
        resolutionMedianBusinessDays: round(median === null ? null : median / dayMinutes, 1),
        highRatingShare: r ? ratio(r.high, r.n) : null,
        ratings: r?.n ?? 0,
      };
    }),
  };
}

type Answered = {
  top: { topicId: string; n: number }[];
  minutes: Map<string, number | null>;
  /** Ratings submitted in the period per topic and how many are high, when the rollups have them. */
  rated?: Map<string, { n: number; high: number }>;
};

/** The most resolved topics (ties: topic id) and each one's lower median of business minutes to resolution. */
async function answeredFromConversations(ctx: Ctx, env: Env, q: ReportQuery): Promise<Answered> {
  const resolvedIn = and(scopeWhere(ctx, q), eq(conversations.status, "resolved"), isNotNull(conversations.topicId), inPeriod(conversations.resolvedAt, env.period))!;
  const top = await ctx.db
    .select({ topicId: sql<string>`${conversations.topicId}`, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(resolvedIn)
    .groupBy(conversations.topicId)
    .orderBy(sql`count(*) desc`, conversations.topicId)
    .limit(ANSWERED_TOPICS);
  if (!top.length) return { top, minutes: new Map() };
  const timed = and(resolvedIn, inArray(conversations.topicId, top.map((t) => t.topicId)))!;
  const convs = await ctx.db
    .select({ id: conversations.id, topicId: conversations.topicId, createdAt: conversations.createdAt, resolvedAt: conversations.resolvedAt, minutes: conversations.resolutionBusinessMinutes })
    .from(conversations)
    .where(timed);
  // the minutes stamped at resolution; the timeline's pauses on the calendar for conversations resolved before stamping
  const unstamped = convs.some((c) => c.minutes === null);
  const pauses = unstamped ? await pausesOf(ctx, and(timed, isNull(conversations.resolutionBusinessMinutes))!) : new Map<string, [number, number][]>();
  const lists = new Map<string, number[]>();
  for (const c of convs) {
    const m = c.minutes ?? businessMinutesUnpaused(env.cal, c.createdAt, c.resolvedAt!, pauses.get(c.id) ?? []);
    const list = lists.get(c.topicId!);
    if (list) list.push(m);
    else lists.set(c.topicId!, [m]);
  }
  return { top, minutes: new Map(top.map((t) => [t.topicId, lowerMedian(lists.get(t.topicId) ?? [])])) };
}

/** The same from the rollups (local dates, no filter, every resolution stamped); null when they cannot serve. */
async function answeredFromRollups(ctx: Ctx, env: Env, q: ReportQuery): Promise<Answered | null> {
  const days = env.days?.period;
  if (!days || rollupKey(q)?.dim !== "all") return null;
  const counts = await rollupTotalsByKey(ctx, env.timeZone, "topic", days.from, days.to, { counts: ["resolved"] });
  if (!counts) return null;
  const top = [...counts]
    .filter(([, t]) => t.resolved > 0)
    .map(([topicId, t]) => ({ topicId, n: t.resolved }))
    .sort((a, b) => b.n - a.n || (a.topicId < b.topicId ? -1 : 1))
    .slice(0, ANSWERED_TOPICS);
  if (!top.length) return { top, minutes: new Map() };
  const hists = await rollupTotalsByKey(ctx, env.timeZone, "topic", days.from, days.to, { keys: top.map((t) => t.topicId), histograms: ["resolved_minutes"] });
  if (!hists || top.some((t) => (hists.get(t.topicId)?.resolvedUnstamped ?? 0) > 0)) return null;
  return {
    top,
    minutes: new Map(top.map((t) => [t.topicId, histogramLowerMedian(hists.get(t.topicId)!.resolvedMinutes)])),
    rated: new Map(top.map((t) => [t.topicId, { n: hists.get(t.topicId)!.rated, high: hists.get(t.topicId)!.ratedHigh }])),
  };
}
