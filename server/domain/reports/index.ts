/**
 * Reports (issue 5): read-only queries computing the figures of docs/METRICS.md, always inside `ctx.districtId`.
 * Counts, groupings, means and wall-clock medians are computed in SQL (`percentile_disc(0.5)` is the lower median);
 * business-hours medians need the district calendar and the pause intervals of the timeline, so they are computed
 * here with `sla.businessMinutesBetween`. Local-calendar buckets (time series) are assigned here too, in the
 * district's time zone.
 */
import { and, eq, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type {
  BreakdownBy,
  BreakdownMetric,
  Interval,
  ReportBreakdown,
  ReportChange,
  ReportFigures,
  ReportSummary,
  ReportTimeseries,
  TimeseriesMetric,
} from "../../../common/contract/reports.js";
import { alerts, conversations, ratings, staff, topics } from "../../db/schema/index.js";
import { listCategories, listDepartments, listSchools, listTopics } from "../districts/index.js";
import { businessMinutesUnpaused, pausesOf } from "../sla/index.js";
import type { Ctx } from "../shared/ctx.js";
import {
  HOUR_MS,
  conversationInScope,
  inPeriod,
  invalid,
  iso,
  lowerMedian,
  num,
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
import { addDays, addMonths, firstOfMonth, localDateOf, localMidnight, mondayOf } from "./time.js";

export { lowerMedian, resolvePeriod, type Period, type ReportQuery, type ReportScope } from "./shared.js";
export { localDateOf, localMidnight } from "./time.js";

const frSeconds = sql`extract(epoch from (${conversations.firstResponseAt} - ${conversations.createdAt}))`;
const resSeconds = sql`extract(epoch from (${conversations.resolvedAt} - ${conversations.createdAt}))`;
const decidedSql = (snap: Date): SQL =>
  sql`(${conversations.firstResponseAt} is not null or 'first_response' = any(${conversations.slaBreached}) or ${conversations.firstResponseDueAt} <= ${ts(snap)})`;
const withinSql = sql`(${conversations.firstResponseAt} is not null and not ('first_response' = any(${conversations.slaBreached})))`;

const unstampedSql = sql`((${conversations.firstResponseAt} is not null and ${conversations.firstResponseBusinessMinutes} is null) or (${conversations.status} = 'resolved' and ${conversations.resolvedAt} is not null and ${conversations.resolutionBusinessMinutes} is null))`;

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

const periodOut = (p: Period, snap: Date) => ({ from: iso(p.from), to: iso(p.to), snapshotAt: iso(snap) });

/** The summary: every figure for the period, the previous equivalent period and the change. */
export async function reportSummary(ctx: Ctx, q: ReportQuery): Promise<ReportSummary> {
  const env = await resolvePeriod(ctx, q);
  const [cur, prev] = await Promise.all([figures(ctx, env, env.period, env.snapshotAt, q), figures(ctx, env, env.previous, env.previousSnapshotAt, q)]);
  return { ...cur, period: periodOut(env.period, env.snapshotAt), previous: { ...prev, period: periodOut(env.previous, env.previousSnapshotAt) }, change: changes(cur, prev) };
}

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

/** The grouping expression of a breakdown; categories are the conversation's topic's category (topics joined). */
const GROUP_EXPR: Record<BreakdownBy, SQL | AnyPgColumn> = {
  department: conversations.departmentId,
  topic: conversations.topicId,
  category: topics.categoryId,
  school: conversations.schoolId,
  channel: conversations.channel,
  kind: conversations.kind,
  requesterRole: conversations.requesterRole,
  language: conversations.language,
  assignee: conversations.assigneeId,
};

const VALUE_LABELS: Partial<Record<BreakdownBy, Record<string, string>>> = {
  channel: { web_form: "Web form", email: "Email", sms: "Text message", facebook: "Facebook", instagram: "Instagram", phone: "Phone", walk_in: "Walk-in", letter: "Letter" },
  kind: { question: "Question", concern: "Concern", comment: "Comment", suggestion: "Suggestion", compliment: "Compliment" },
  requesterRole: { parent: "Parent or guardian", student: "Student", staff: "Staff", community: "Community member" },
  language: { en: "English", es: "Spanish" },
};

async function labelsFor(ctx: Ctx, by: BreakdownBy): Promise<Map<string, string>> {
  switch (by) {
    case "department":
      return new Map((await listDepartments(ctx)).map((d) => [d.id, d.name]));
    case "school":
      return new Map((await listSchools(ctx)).map((s) => [s.id, s.name]));
    case "topic":
      return new Map((await listTopics(ctx, { includePrivate: true, includeInactive: true })).map((t) => [t.id, t.name.en]));
    case "category":
      return new Map((await listCategories(ctx)).map((c) => [c.id, c.name.en]));
    case "assignee":
      return new Map((await ctx.db.select({ id: staff.id, name: staff.name }).from(staff).where(eq(staff.districtId, ctx.districtId))).map((m) => [m.id, m.name]));
    default:
      return new Map(Object.entries(VALUE_LABELS[by] ?? {}));
  }
}

/** A figure per department, topic, school, channel or kind (current values), largest groups first; no value is "none". */
export async function reportBreakdown(ctx: Ctx, q: ReportQuery & { metric: BreakdownMetric; by: BreakdownBy }): Promise<ReportBreakdown> {
  const env = await resolvePeriod(ctx, q);
  const col = GROUP_EXPR[q.by];
  const topicJoin = sql`${topics.id} = ${conversations.topicId} and ${topics.districtId} = ${conversations.districtId}`;
  const scoped = scopeWhere(ctx, q);
  let rows: { key: string | null; count: number; value: number | null }[];
  if (q.metric === "cxScore") {
    const r = await ctx.db
      .select({ key: sql<string | null>`${col}::text`, count: sql<number>`count(*)::int`, total: sql<string>`sum(${ratings.accuracy} + ${ratings.timeliness} + ${ratings.courtesy})` })
      .from(ratings)
      .innerJoin(conversations, eq(conversations.id, ratings.conversationId))
      .leftJoin(topics, topicJoin)
      .where(and(eq(ratings.districtId, ctx.districtId), scoped, isNotNull(ratings.submittedAt), inPeriod(ratings.submittedAt, env.period)))
      .groupBy(col);
    rows = r.map((x) => ({ key: x.key, count: x.count, value: round(Number(x.total) / (3 * x.count), 2) }));
  } else {
    const r = await ctx.db
      .select({
        key: sql<string | null>`${col}::text`,
        count: sql<number>`count(*)::int`,
        frMedianSeconds: sql<string | null>`percentile_disc(0.5) within group (order by ${frSeconds})`,
        decided: sql<number>`(count(*) filter (where ${decidedSql(env.snapshotAt)}))::int`,
        within: sql<number>`(count(*) filter (where ${withinSql}))::int`,
        resMedianSeconds: sql<string | null>`percentile_disc(0.5) within group (order by ${resSeconds}) filter (where ${conversations.status} = 'resolved')`,
      })
      .from(conversations)
      .leftJoin(topics, topicJoin)
      .where(and(scoped, inPeriod(conversations.createdAt, env.period)))
      .groupBy(col);
    rows = r.map((x) => {
      const hours = (v: string | null) => (num(v) === null ? null : round(num(v)! / 3600, 1));
      const value =
        q.metric === "conversations"
          ? x.count
          : q.metric === "withinStandardShare"
            ? ratio(x.within, x.decided)
            : hours(q.metric === "resolutionMedianHours" ? x.resMedianSeconds : x.frMedianSeconds);
      return { key: x.key, count: x.count, value };
    });
  }
  const labels = await labelsFor(ctx, q.by);
  return {
    metric: q.metric,
    by: q.by,
    rows: rows
      .map((r) => ({ key: r.key ?? "none", label: r.key === null ? "None" : (labels.get(r.key) ?? r.key), value: r.value, count: r.count }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
  };
}

export * from "./csv.js";
export { reportBacklog, reportBreaches } from "./service.js";
export { reportAlerts, reportSatisfaction } from "./satisfaction.js";
export { isTrending, reportAnswered, reportTrending } from "./topics.js";
export { renderLeaderDigest, sendWeeklyLeaderDigest } from "./digest.js";
