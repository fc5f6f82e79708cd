/**
 * The summary (docs/METRICS.md): every headline figure for a period and its previous equivalent period, with the
 * change. Counts, means and medians are SQL (`percentile_disc(0.5)` is the lower median); business-hours medians
 * read the minutes stamped on each conversation, or the calendar and the timeline's pauses where none is stamped.
 */
import { and, eq, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { ReportChange, ReportFigures, ReportSummary } from "../../../common/contract/reports.js";
import { alerts, conversations, ratings } from "../../db/schema/index.js";
import { businessMinutesUnpaused, pausesOf } from "../sla/index.js";
import type { Ctx } from "../shared/ctx.js";
import { decidedSql, frSeconds, resSeconds, unstampedSql, withinSql } from "./columns.js";
import {
  HOUR_MS,
  conversationInScope,
  inPeriod,
  lowerMedian,
  num,
  periodOut,
  ratio,
  resolvePeriod,
  round,
  scopeWhere,
  ts,
  type Env,
  type Period,
  type ReportQuery,
  type ReportScope,
} from "./shared.js";

/**
 * Business-minute medians of first response and resolution computed from the calendar and the timeline's pauses,
 * taking the stamped minutes where a conversation has them: for data from before they were stamped.
 */
async function businessMediansFromTimeline(ctx: Ctx, env: Env, convWhere: SQL): Promise<[number | null, number | null]> {
  const timed = await ctx.db
    .select({
      id: conversations.id,
      createdAt: conversations.createdAt,
      firstResponseAt: conversations.firstResponseAt,
      resolvedAt: conversations.resolvedAt,
      status: conversations.status,
      frMinutes: conversations.firstResponseBusinessMinutes,
      resMinutes: conversations.resolutionBusinessMinutes,
    })
    .from(conversations)
    .where(and(convWhere, sql`(${conversations.firstResponseAt} is not null or ${conversations.status} = 'resolved')`));
  const pauses = await pausesOf(ctx, and(convWhere, unstampedSql)!);
  const minutes = (c: (typeof timed)[number], end: Date) => businessMinutesUnpaused(env.cal, c.createdAt, end, pauses.get(c.id) ?? []);
  const fr: number[] = [];
  const res: number[] = [];
  for (const c of timed) {
    if (c.firstResponseAt) fr.push(c.frMinutes ?? minutes(c, c.firstResponseAt));
    if (c.status === "resolved" && c.resolvedAt) res.push(c.resMinutes ?? minutes(c, c.resolvedAt));
  }
  return [lowerMedian(fr), lowerMedian(res)];
}

/** Every figure of the summary for one period. */
async function figures(ctx: Ctx, env: Env, period: Period, snap: Date, scope: ReportScope): Promise<ReportFigures> {
  const scoped = scopeWhere(ctx, scope);
  const convWhere = and(scoped, inPeriod(conversations.createdAt, period))!;

  const aggQ = ctx.db
    .select({
      conversations: sql<number>`count(*)::int`,
      compliments: sql<number>`(count(*) filter (where ${conversations.kind} = 'compliment'))::int`,
      unanswered: sql<number>`(count(*) filter (where ${conversations.status} <> 'resolved' and ${conversations.firstResponseAt} is null))::int`,
      reach: sql<number>`count(distinct ${conversations.contactId})::int`,
      anonymous: sql<number>`(count(*) filter (where ${conversations.contactId} is null))::int`,
      frMedianSeconds: sql<string | null>`percentile_disc(0.5) within group (order by ${frSeconds})`,
      resMedianSeconds: sql<string | null>`percentile_disc(0.5) within group (order by ${resSeconds}) filter (where ${conversations.status} = 'resolved')`,
      decided: sql<number>`(count(*) filter (where ${decidedSql(snap)}))::int`,
      within: sql<number>`(count(*) filter (where ${withinSql}))::int`,
      frBusinessMedianMinutes: sql<number | null>`percentile_disc(0.5) within group (order by ${conversations.firstResponseBusinessMinutes})`,
      resBusinessMedianMinutes: sql<number | null>`percentile_disc(0.5) within group (order by ${conversations.resolutionBusinessMinutes}) filter (where ${conversations.status} = 'resolved')`,
      unstamped: sql<number>`(count(*) filter (where ${unstampedSql}))::int`,
    })
    .from(conversations)
    .where(convWhere);

  const repeaters = ctx.db
    .select({ contactId: conversations.contactId })
    .from(conversations)
    .where(and(convWhere, isNotNull(conversations.contactId)))
    .groupBy(conversations.contactId)
    .having(sql`count(*) >= 2`)
    .as("repeaters");
  const repeatQ = ctx.db.select({ n: sql<number>`count(*)::int` }).from(repeaters);

  // snapshots at `snap`
  // open at the snapshot: created before it and not resolved before it (in WHERE, so the status and resolved_at indexes serve it)
  const openAt = and(scoped, lt(conversations.createdAt, snap), sql`(${conversations.status} in ('new', 'open', 'pending') or ${conversations.resolvedAt} >= ${ts(snap)})`)!;
  const anyDue = (cmp: (col: AnyPgColumn) => SQL): SQL =>
    sql`(${cmp(conversations.firstResponseDueAt)} or ${cmp(conversations.nextResponseDueAt)} or ${cmp(conversations.resolutionDueAt)})`;
  const pastDueSql = anyDue((col) => sql`coalesce(${col} <= ${ts(snap)}, false)`);
  const soon = new Date(snap.getTime() + 4 * HOUR_MS);
  const dueSoonSql = anyDue((col) => sql`coalesce(${col} > ${ts(snap)} and ${col} <= ${ts(soon)}, false)`);
  const active = sql`${conversations.status} in ('new', 'open')`;
  const snapAggQ = ctx.db
    .select({
      open: sql<number>`count(*)::int`,
      pastDue: sql<number>`(count(*) filter (where ${active} and ${pastDueSql}))::int`,
      dueSoon: sql<number>`(count(*) filter (where ${active} and not ${pastDueSql} and ${dueSoonSql}))::int`,
    })
    .from(conversations)
    .where(openAt);

  // ratings submitted in the period (of conversations in scope), and links sent in it
  const rateQ = ctx.db
    .select({
      count: sql<number>`count(*)::int`,
      accuracy: sql<string | null>`avg(${ratings.accuracy})`,
      timeliness: sql<string | null>`avg(${ratings.timeliness})`,
      courtesy: sql<string | null>`avg(${ratings.courtesy})`,
      total: sql<string | null>`sum(${ratings.accuracy} + ${ratings.timeliness} + ${ratings.courtesy})`,
    })
    .from(ratings)
    .where(and(eq(ratings.districtId, ctx.districtId), conversationInScope(ctx, scope, ratings.conversationId), isNotNull(ratings.submittedAt), inPeriod(ratings.submittedAt, period)));
  const requestedQ = ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(ratings)
    .where(and(eq(ratings.districtId, ctx.districtId), conversationInScope(ctx, scope, ratings.conversationId), inPeriod(ratings.requestedAt, period)));

  const alertQ = ctx.db
    .select({
      count: sql<number>`count(*)::int`,
      ackMedianSeconds: sql<string | null>`percentile_disc(0.5) within group (order by extract(epoch from (${alerts.acknowledgedAt} - ${alerts.createdAt})))`,
    })
    .from(alerts)
    .where(and(eq(alerts.districtId, ctx.districtId), conversationInScope(ctx, scope, alerts.conversationId), inPeriod(alerts.createdAt, period)));
  const unackedQ = ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(eq(alerts.districtId, ctx.districtId), conversationInScope(ctx, scope, alerts.conversationId), eq(alerts.status, "active"), lt(alerts.createdAt, snap)));

  // independent queries, in parallel on PostgreSQL's pool
  const [[agg], [repeat], [snapAgg], [rate], [requested], [alert], [unacked]] = await Promise.all([aggQ, repeatQ, snapAggQ, rateQ, requestedQ, alertQ, unackedQ]);

  // business-hours medians: the minutes stamped when each happened; the timeline and calendar for any not stamped
  let frBusinessMedian = num(agg!.frBusinessMedianMinutes);
  let resBusinessMedian = num(agg!.resBusinessMedianMinutes);
  if (agg!.unstamped > 0) [frBusinessMedian, resBusinessMedian] = await businessMediansFromTimeline(ctx, env, convWhere);
  const n = agg!.conversations;
  const ratingCount = rate!.count;
  const frS = num(agg!.frMedianSeconds);
  const resS = num(agg!.resMedianSeconds);
  const ackS = num(alert!.ackMedianSeconds);
  return {
    conversations: n,
    firstResponseMedianHours: frS === null ? null : round(frS / 3600, 1),
    firstResponseMedianBusinessHours: frBusinessMedian === null ? null : round(frBusinessMedian / 60, 1),
    resolutionMedianHours: resS === null ? null : round(resS / 3600, 1),
    resolutionMedianBusinessHours: resBusinessMedian === null ? null : round(resBusinessMedian / 60, 1),
    withinStandardShare: ratio(agg!.within, agg!.decided),
    unanswered: agg!.unanswered,
    pastDue: snapAgg!.pastDue,
    dueSoon: snapAgg!.dueSoon,
    open: snapAgg!.open,
    cxScore: ratingCount ? round(Number(rate!.total) / (3 * ratingCount), 2) : null,
    ratings: { accuracy: round(num(rate!.accuracy), 2), timeliness: round(num(rate!.timeliness), 2), courtesy: round(num(rate!.courtesy), 2), count: ratingCount },
    responseRate: ratio(ratingCount, requested!.n),
    complimentShare: ratio(agg!.compliments, n),
    criticalAlerts: alert!.count,
    timeToAcknowledgeMedianMinutes: ackS === null ? null : round(ackS / 60, 1),
    unacknowledged: unacked!.n,
    reach: agg!.reach,
    anonymous: agg!.anonymous,
    repeatContacts: repeat!.n,
    repeatShare: ratio(repeat!.n, agg!.reach),
  };
}

/** (current − previous) / previous, four decimals; null when previous is 0 or either is unknown. */
export function change(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return round((current - previous) / previous, 4);
}

function changes(cur: ReportFigures, prev: ReportFigures): ReportChange {
  const c = (k: Exclude<keyof ReportFigures, "ratings">) => change(cur[k], prev[k]);
  return {
    conversations: c("conversations"),
    firstResponseMedianHours: c("firstResponseMedianHours"),
    firstResponseMedianBusinessHours: c("firstResponseMedianBusinessHours"),
    resolutionMedianHours: c("resolutionMedianHours"),
    resolutionMedianBusinessHours: c("resolutionMedianBusinessHours"),
    withinStandardShare: c("withinStandardShare"),
    unanswered: c("unanswered"),
    pastDue: c("pastDue"),
    dueSoon: c("dueSoon"),
    open: c("open"),
    cxScore: c("cxScore"),
    ratings: {
      accuracy: change(cur.ratings.accuracy, prev.ratings.accuracy),
      timeliness: change(cur.ratings.timeliness, prev.ratings.timeliness),
      courtesy: change(cur.ratings.courtesy, prev.ratings.courtesy),
      count: change(cur.ratings.count, prev.ratings.count),
    },
    responseRate: c("responseRate"),
    complimentShare: c("complimentShare"),
    criticalAlerts: c("criticalAlerts"),
    timeToAcknowledgeMedianMinutes: c("timeToAcknowledgeMedianMinutes"),
    unacknowledged: c("unacknowledged"),
    reach: c("reach"),
    anonymous: c("anonymous"),
    repeatContacts: c("repeatContacts"),
    repeatShare: c("repeatShare"),
  };
}


/** The summary: every figure for the period, the previous equivalent period and the change. */
export async function reportSummary(ctx: Ctx, q: ReportQuery): Promise<ReportSummary> {
  const env = await resolvePeriod(ctx, q);
  const [cur, prev] = await Promise.all([figures(ctx, env, env.period, env.snapshotAt, q), figures(ctx, env, env.previous, env.previousSnapshotAt, q)]);
  return { ...cur, period: periodOut(env.period, env.snapshotAt), previous: { ...prev, period: periodOut(env.previous, env.previousSnapshotAt) }, change: changes(cur, prev) };
}

