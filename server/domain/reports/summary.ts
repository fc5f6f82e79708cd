/**
 * The summary (docs/METRICS.md): every headline figure for a period and its previous equivalent period, with the
 * change. Counts, means and medians are SQL (`percentile_disc(0.5)` is the lower median); business-hours medians
 * read the minutes stamped on each conversation, or the calendar and the timeline's pauses where none is stamped.
 */
import { and, eq, gte, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { ReportChange, ReportFigures, ReportSummary } from "../../../common/contract/reports.js";
import { alerts, conversations, ratings } from "../../db/schema/index.js";
import { businessMinutesUnpaused, pausesOf } from "../sla/index.js";
import type { Ctx } from "../shared/ctx.js";
import { decidedSql, frSeconds, resSeconds, unstampedSql, withinSql } from "./columns.js";
import { histogramLowerMedian, rollupKey, rollupTotals, unitMinutes, unitSeconds, type RollupKey } from "./rollup.js";
import {
  HOUR_MS,
  conversationInScope,
  inPeriod,
  lowerMedian,
  num,
  periodOut,
  ratingAggregates,
  ratio,
  resolvePeriod,
  round,
  scopeWhere,
  ts,
  type Env,
  type LocalDays,
  type Period,
  type ReportQuery,
  type ReportScope,
} from "./shared.js";
import { localDateOf, localMidnight } from "./time.js";

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

/**
 * The figures the rollups give (counts, "within", medians) for local days, with what they cannot: the
 * snapshot-dependent part of "decided". Null when the rollups cannot serve the scope or the period (combined
 * filters, more dirty days than a query recomputes, business minutes not stamped): the caller reads conversations.
 */
async function rolledFigures(ctx: Ctx, env: Env, days: LocalDays, snap: Date, rk: RollupKey, convWhere: SQL) {
  // first response neither given nor breached, but due by the snapshot (rare: the sweep records breaches as they fall due)
  const dueQ = ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(convWhere, isNull(conversations.firstResponseAt), sql`not ('first_response' = any(${conversations.slaBreached}))`, lte(conversations.firstResponseDueAt, snap)));
  const [t, [due]] = await Promise.all([rollupTotals(ctx, env.timeZone, rk, days.from, days.to, ["fr", "res", "frb", "resb"]), dueQ]);
  if (!t || t.unstamped > 0) return null;
  return {
    conversations: t.conversations,
    compliments: t.compliments,
    unanswered: t.unanswered,
    anonymous: t.anonymous,
    decided: t.decided + due!.n,
    within: t.within,
    frMedianSeconds: unitSeconds(histogramLowerMedian(t.fr)),
    resMedianSeconds: unitSeconds(histogramLowerMedian(t.res)),
    frBusinessMedianMinutes: unitMinutes(histogramLowerMedian(t.frb)),
    resBusinessMedianMinutes: unitMinutes(histogramLowerMedian(t.resb)),
    ratings: {
      count: t.rated,
      accuracy: t.accuracyN ? t.accuracySum / t.accuracyN : null,
      timeliness: t.timelinessN ? t.timelinessSum / t.timelinessN : null,
      courtesy: t.courtesyN ? t.courtesySum / t.courtesyN : null,
      total: t.ratingTotal,
      requested: t.requested,
    },
  };
}

/**
 * Open at the snapshot from the rollups: created before it less resolved before it, whole local days from the
 * rollups and the snapshot's own day, up to the snapshot, from the conversations. Null when the rollups cannot serve.
 */
async function rolledOpen(ctx: Ctx, env: Env, snap: Date, rk: RollupKey, scoped: SQL): Promise<number | null> {
  const day = localDateOf(env.timeZone, snap);
  const midnight = localMidnight(env.timeZone, day);
  const partial = snap > midnight;
  const [t, created, resolved] = await Promise.all([
    rollupTotals(ctx, env.timeZone, rk, null, day),
    partial ? ctx.db.select({ n: sql<number>`count(*)::int` }).from(conversations).where(and(scoped, gte(conversations.createdAt, midnight), lt(conversations.createdAt, snap))) : [{ n: 0 }],
    partial
      ? ctx.db.select({ n: sql<number>`count(*)::int` }).from(conversations).where(and(scoped, eq(conversations.status, "resolved"), gte(conversations.resolvedAt, midnight), lt(conversations.resolvedAt, snap)))
      : [{ n: 0 }],
  ]);
  if (!t) return null;
  return t.conversations - t.resolved + created[0]!.n - resolved[0]!.n;
}

type RatingFigures = { count: number; accuracy: number | null; timeliness: number | null; courtesy: number | null; total: number; requested: number };
type CoreFigures = {
  conversations: number;
  compliments: number;
  unanswered: number;
  anonymous: number;
  decided: number;
  within: number;
  frMedianSeconds: number | null;
  resMedianSeconds: number | null;
  frBusinessMedianMinutes: number | null;
  resBusinessMedianMinutes: number | null;
  ratings: RatingFigures;
};

/** Ratings submitted in the period (of conversations in scope) and links sent in it, read from the ratings. */
async function rawRatings(ctx: Ctx, scope: ReportScope, period: Period): Promise<RatingFigures> {
  const rateQ = ctx.db
    .select(ratingAggregates)
    .from(ratings)
    .where(and(eq(ratings.districtId, ctx.districtId), conversationInScope(ctx, scope, ratings.conversationId), isNotNull(ratings.submittedAt), inPeriod(ratings.submittedAt, period)));
  const requestedQ = ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(ratings)
    .where(and(eq(ratings.districtId, ctx.districtId), conversationInScope(ctx, scope, ratings.conversationId), inPeriod(ratings.requestedAt, period)));
  const [[rate], [requested]] = await Promise.all([rateQ, requestedQ]);
  return { count: rate!.count, accuracy: num(rate!.accuracy), timeliness: num(rate!.timeliness), courtesy: num(rate!.courtesy), total: Number(rate!.total ?? 0), requested: requested!.n };
}

/** The same figures as rolledFigures, read from every conversation of the period (any scope, any period). */
async function rawFigures(ctx: Ctx, env: Env, snap: Date, convWhere: SQL, scope: ReportScope, period: Period): Promise<CoreFigures> {
  const ratingsP = rawRatings(ctx, scope, period);
  const [agg] = await ctx.db
    .select({
      conversations: sql<number>`count(*)::int`,
      compliments: sql<number>`(count(*) filter (where ${conversations.kind} = 'compliment'))::int`,
      unanswered: sql<number>`(count(*) filter (where ${conversations.status} <> 'resolved' and ${conversations.firstResponseAt} is null))::int`,
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
  // business-hours medians: the minutes stamped when each happened; the timeline and calendar for any not stamped
  let frBusinessMedianMinutes = num(agg!.frBusinessMedianMinutes);
  let resBusinessMedianMinutes = num(agg!.resBusinessMedianMinutes);
  if (agg!.unstamped > 0) [frBusinessMedianMinutes, resBusinessMedianMinutes] = await businessMediansFromTimeline(ctx, env, convWhere);
  return {
    conversations: agg!.conversations,
    compliments: agg!.compliments,
    unanswered: agg!.unanswered,
    anonymous: agg!.anonymous,
    decided: agg!.decided,
    within: agg!.within,
    frMedianSeconds: num(agg!.frMedianSeconds),
    resMedianSeconds: num(agg!.resMedianSeconds),
    frBusinessMedianMinutes,
    resBusinessMedianMinutes,
    ratings: await ratingsP,
  };
}

/** Every figure of the summary for one period: from the rollups where they serve, else from the conversations. */
async function figures(ctx: Ctx, env: Env, period: Period, days: LocalDays | null, snap: Date, scope: ReportScope): Promise<ReportFigures> {
  const scoped = scopeWhere(ctx, scope);
  const convWhere = and(scoped, inPeriod(conversations.createdAt, period))!;
  const rk = days ? rollupKey(scope) : null;

  // reach and repeat contacts: distinct families, which no daily total can add up
  const contactCounts = ctx.db
    .select({ contactId: conversations.contactId, n: sql<number>`count(*)`.as("n") })
    .from(conversations)
    .where(and(convWhere, isNotNull(conversations.contactId)))
    .groupBy(conversations.contactId)
    .as("contact_counts");
  const reachQ = ctx.db.select({ reach: sql<number>`count(*)::int`, repeaters: sql<number>`(count(*) filter (where ${contactCounts.n} >= 2))::int` }).from(contactCounts);

  // past due and due soon at the snapshot: active now (new or open) and created before it
  const anyDue = (cmp: (col: AnyPgColumn) => SQL): SQL =>
    sql`(${cmp(conversations.firstResponseDueAt)} or ${cmp(conversations.nextResponseDueAt)} or ${cmp(conversations.resolutionDueAt)})`;
  const pastDueSql = anyDue((col) => sql`coalesce(${col} <= ${ts(snap)}, false)`);
  const soon = new Date(snap.getTime() + 4 * HOUR_MS);
  const dueSoonSql = anyDue((col) => sql`coalesce(${col} > ${ts(snap)} and ${col} <= ${ts(soon)}, false)`);
  const dueQ = ctx.db
    .select({
      pastDue: sql<number>`(count(*) filter (where ${pastDueSql}))::int`,
      dueSoon: sql<number>`(count(*) filter (where not ${pastDueSql} and ${dueSoonSql}))::int`,
    })
    .from(conversations)
    .where(and(scoped, lt(conversations.createdAt, snap), sql`${conversations.status} in ('new', 'open')`));

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
  const [rolled, rolledOpenN, [reach], [due], [alert], [unacked]] = await Promise.all([
    rk ? rolledFigures(ctx, env, days!, snap, rk, convWhere) : null,
    rk ? rolledOpen(ctx, env, snap, rk, scoped) : null,
    reachQ,
    dueQ,
    alertQ,
    unackedQ,
  ]);
  const core = rolled ?? (await rawFigures(ctx, env, snap, convWhere, scope, period));
  const rate = core.ratings;
  // open at the snapshot: created before it and not resolved before it
  const open =
    rolledOpenN ??
    (
      await ctx.db
        .select({ n: sql<number>`count(*)::int` })
        .from(conversations)
        .where(and(scoped, lt(conversations.createdAt, snap), sql`(${conversations.status} in ('new', 'open', 'pending') or ${conversations.resolvedAt} >= ${ts(snap)})`))
    )[0]!.n;

  const n = core.conversations;
  const ratingCount = rate.count;
  const frS = core.frMedianSeconds;
  const resS = core.resMedianSeconds;
  const ackS = num(alert!.ackMedianSeconds);
  return {
    conversations: n,
    firstResponseMedianHours: frS === null ? null : round(frS / 3600, 1),
    firstResponseMedianBusinessHours: core.frBusinessMedianMinutes === null ? null : round(core.frBusinessMedianMinutes / 60, 1),
    resolutionMedianHours: resS === null ? null : round(resS / 3600, 1),
    resolutionMedianBusinessHours: core.resBusinessMedianMinutes === null ? null : round(core.resBusinessMedianMinutes / 60, 1),
    withinStandardShare: ratio(core.within, core.decided),
    unanswered: core.unanswered,
    pastDue: due!.pastDue,
    dueSoon: due!.dueSoon,
    open,
    cxScore: ratingCount ? round(rate.total / (3 * ratingCount), 2) : null,
    ratings: { accuracy: round(rate.accuracy, 2), timeliness: round(rate.timeliness, 2), courtesy: round(rate.courtesy, 2), count: ratingCount },
    responseRate: ratio(ratingCount, rate.requested),
    complimentShare: ratio(core.compliments, n),
    criticalAlerts: alert!.count,
    timeToAcknowledgeMedianMinutes: ackS === null ? null : round(ackS / 60, 1),
    unacknowledged: unacked!.n,
    reach: reach!.reach,
    anonymous: core.anonymous,
    repeatContacts: reach!.repeaters,
    repeatShare: ratio(reach!.repeaters, reach!.reach),
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
  const [cur, prev] = await Promise.all([figures(ctx, env, env.period, env.days?.period ?? null, env.snapshotAt, q),
    figures(ctx, env, env.previous, env.days?.previous ?? null, env.previousSnapshotAt, q),]);
  return { ...cur, period: periodOut(env.period, env.snapshotAt), previous: { ...prev, period: periodOut(env.previous, env.previousSnapshotAt) }, change: changes(cur, prev) };
}

