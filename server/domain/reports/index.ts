/**
 * Reports (issue 5): read-only queries computing the figures of docs/METRICS.md, always inside `ctx.districtId`.
 * Counts, groupings, means and wall-clock medians are computed in SQL (`percentile_disc(0.5)` is the lower median);
 * business-hours medians need the district calendar and the pause intervals of the timeline, so they are computed
 * here with `sla.businessMinutesBetween`. Local-calendar buckets (time series) are assigned here too, in the
 * district's time zone.
 */
import { and, asc, eq, gte, inArray, isNotNull, lt, sql, type SQL } from "drizzle-orm";
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
import type { ChannelType, ConversationKind, Language } from "../../../common/enums.js";
import { alerts, conversations, events, ratings } from "../../db/schema/index.js";
import { AppError } from "../../lib/errors.js";
import { getDistrict, listDepartments, listSchools, listTopics } from "../districts/index.js";
import type { Ctx } from "../shared/ctx.js";
import { businessMinutesBetween, calendarOf, type BusinessCalendar } from "../sla/index.js";
import { addDays, addMonths, daysBetween, firstOfMonth, isLocalDate, localDateOf, localMidnight, mondayOf } from "./time.js";

export { localDateOf, localMidnight } from "./time.js";

export type ReportScope = {
  departmentId?: string | undefined;
  schoolId?: string | undefined;
  topicId?: string | undefined;
  channel?: ChannelType | undefined;
  kind?: ConversationKind | undefined;
  language?: Language | undefined;
};
export type ReportQuery = ReportScope & { from?: string | undefined; to?: string | undefined };

export type Period = { from: Date; to: Date };
type Env = { cal: BusinessCalendar; timeZone: string; period: Period; previous: Period; snapshotAt: Date; previousSnapshotAt: Date };

const HOUR_MS = 3_600_000;
const FIVE_YEARS_MS = (5 * 365 + 2) * 86_400_000;
const PAUSED = new Set(["pending", "resolved"]);

const round = (x: number | null, places: number): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** places) / 10 ** places);
const ratio = (n: number, d: number, places = 4): number | null => (d === 0 ? null : round(n / d, places));
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const iso = (d: Date): string => d.toISOString();
const ts = (d: Date): SQL => sql`${iso(d)}::timestamptz`;

/** The lower median (no interpolation), null for no values. */
export function lowerMedian(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

function invalid(name: string, reason: string, message: string): AppError {
  return new AppError("validation_failed", message, { invalidParams: [{ name, reason }] });
}

/**
 * The period `[from, to)` in the district's zone (local dates are local midnights; default: the last 30 local days
 * including today), its previous equivalent period (the previous calendar months when both ends are the first of
 * a month, the same number of local days before otherwise, the same length for instants) and snapshot instants.
 */
export async function resolvePeriod(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }): Promise<Env> {
  const district = await getDistrict(ctx);
  const tz = district.timeZone;
  const today = localDateOf(tz, ctx.now());
  const fromS = q.from ?? addDays(today, -29);
  const toS = q.to ?? addDays(today, 1);
  const at = (s: string): Date => (isLocalDate(s) ? localMidnight(tz, s) : new Date(s));
  const from = at(fromS);
  const to = at(toS);
  if (Number.isNaN(from.getTime())) throw invalid("from", "invalid", "from is not a date");
  if (Number.isNaN(to.getTime())) throw invalid("to", "invalid", "to is not a date");
  if (to <= from) throw invalid("to", "before_from", "to must be after from");
  if (to.getTime() - from.getTime() > FIVE_YEARS_MS) throw invalid("to", "too_long", "A report spans at most five years");
  let prevFrom: Date;
  if (isLocalDate(fromS) && isLocalDate(toS)) {
    if (fromS.endsWith("-01") && toS.endsWith("-01")) {
      const months = (Number(toS.slice(0, 4)) - Number(fromS.slice(0, 4))) * 12 + Number(toS.slice(5, 7)) - Number(fromS.slice(5, 7));
      prevFrom = localMidnight(tz, addMonths(fromS, -months));
    } else {
      prevFrom = localMidnight(tz, addDays(fromS, -daysBetween(fromS, toS)));
    }
  } else {
    prevFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  }
  const now = ctx.now();
  const snap = (d: Date): Date => (d > now ? now : d);
  return {
    cal: calendarOf(district),
    timeZone: tz,
    period: { from, to },
    previous: { from: prevFrom, to: from },
    snapshotAt: snap(to),
    previousSnapshotAt: snap(from),
  };
}

/** The tenant boundary plus the scope filters, on the conversations' current values. */
function scopeWhere(ctx: Ctx, s: ReportScope): SQL {
  const conds: SQL[] = [eq(conversations.districtId, ctx.districtId)];
  if (s.departmentId) conds.push(eq(conversations.departmentId, s.departmentId));
  if (s.schoolId) conds.push(eq(conversations.schoolId, s.schoolId));
  if (s.topicId) conds.push(eq(conversations.topicId, s.topicId));
  if (s.channel) conds.push(eq(conversations.channel, s.channel));
  if (s.kind) conds.push(eq(conversations.kind, s.kind));
  if (s.language) conds.push(eq(conversations.language, s.language));
  return and(...conds)!;
}

const inPeriod = (col: AnyPgColumn, p: Period): SQL => and(gte(col, p.from), lt(col, p.to))!;

/** Pause intervals (pending, or resolved before a reopen) of conversations, from their status_changed events. */
async function pausesOf(ctx: Ctx, convWhere: SQL): Promise<Map<string, [number, number][]>> {
  const rows = await ctx.db
    .select({ conversationId: events.conversationId, createdAt: events.createdAt, data: events.data })
    .from(events)
    .where(
      and(
        eq(events.districtId, ctx.districtId),
        eq(events.type, "conversation.status_changed"),
        inArray(events.conversationId, ctx.db.select({ id: conversations.id }).from(conversations).where(convWhere)),
      ),
    )
    .orderBy(asc(events.seq));
  const out = new Map<string, [number, number][]>();
  const open = new Map<string, number>();
  for (const r of rows) {
    if (!r.conversationId) continue;
    const from = String(r.data.from);
    const to = String(r.data.to);
    const t = r.createdAt.getTime();
    if (PAUSED.has(to) && !PAUSED.has(from)) open.set(r.conversationId, t);
    else if (!PAUSED.has(to) && PAUSED.has(from)) {
      const start = open.get(r.conversationId);
      if (start !== undefined) {
        out.set(r.conversationId, [...(out.get(r.conversationId) ?? []), [start, t]]);
        open.delete(r.conversationId);
      }
    }
  }
  for (const [id, start] of open) out.set(id, [...(out.get(id) ?? []), [start, Number.POSITIVE_INFINITY]]);
  return out;
}

/** Business minutes from a to b minus the business minutes of the pauses inside. */
function businessMinutesUnpaused(cal: BusinessCalendar, a: Date, b: Date, pauses: readonly [number, number][]): number {
  if (b <= a) return 0;
  let total = businessMinutesBetween(cal, a, b);
  for (const [ps, pe] of pauses) {
    const s = Math.max(ps, a.getTime());
    const e = Math.min(pe, b.getTime());
    if (e > s) total -= businessMinutesBetween(cal, new Date(s), new Date(e));
  }
  return Math.max(0, total);
}

const frSeconds = sql`extract(epoch from (${conversations.firstResponseAt} - ${conversations.createdAt}))`;
const resSeconds = sql`extract(epoch from (${conversations.resolvedAt} - ${conversations.createdAt}))`;
const decidedSql = (snap: Date): SQL =>
  sql`(${conversations.firstResponseAt} is not null or 'first_response' = any(${conversations.slaBreached}) or ${conversations.firstResponseDueAt} <= ${ts(snap)})`;
const withinSql = sql`(${conversations.firstResponseAt} is not null and not ('first_response' = any(${conversations.slaBreached})))`;

/** Every figure of the summary for one period. */
async function figures(ctx: Ctx, env: Env, period: Period, snap: Date, scope: ReportScope): Promise<ReportFigures> {
  const scoped = scopeWhere(ctx, scope);
  const convWhere = and(scoped, inPeriod(conversations.createdAt, period))!;

  const [agg] = await ctx.db
    .select({
      conversations: sql<number>`count(*)::int`,
      compliments: sql<number>`(count(*) filter (where ${conversations.kind} = 'compliment'))::int`,
      unanswered: sql<number>`(count(*) filter (where ${conversations.status} <> 'resolved' and ${conversations.firstResponseAt} is null))::int`,
      reach: sql<number>`count(distinct ${conversations.contactId})::int`,
      frMedianSeconds: sql<string | null>`percentile_disc(0.5) within group (order by ${frSeconds})`,
      resMedianSeconds: sql<string | null>`percentile_disc(0.5) within group (order by ${resSeconds}) filter (where ${conversations.status} = 'resolved')`,
      decided: sql<number>`(count(*) filter (where ${decidedSql(snap)}))::int`,
      within: sql<number>`(count(*) filter (where ${withinSql}))::int`,
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
  const [repeat] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(repeaters);

  // business-hours medians: calendar arithmetic on the answered / resolved conversations, minus their pauses
  const timed = await ctx.db
    .select({ id: conversations.id, createdAt: conversations.createdAt, firstResponseAt: conversations.firstResponseAt, resolvedAt: conversations.resolvedAt, status: conversations.status })
    .from(conversations)
    .where(and(convWhere, sql`(${conversations.firstResponseAt} is not null or ${conversations.status} = 'resolved')`));
  const pauses = timed.length ? await pausesOf(ctx, convWhere) : new Map<string, [number, number][]>();
  const frBusiness: number[] = [];
  const resBusiness: number[] = [];
  for (const c of timed) {
    const p = pauses.get(c.id) ?? [];
    if (c.firstResponseAt) frBusiness.push(businessMinutesUnpaused(env.cal, c.createdAt, c.firstResponseAt, p) / 60);
    if (c.status === "resolved" && c.resolvedAt) resBusiness.push(businessMinutesUnpaused(env.cal, c.createdAt, c.resolvedAt, p) / 60);
  }

  // snapshots at `snap`
  const openAt = and(scoped, lt(conversations.createdAt, snap))!;
  const anyDue = (cmp: (col: AnyPgColumn) => SQL): SQL =>
    sql`(${cmp(conversations.firstResponseDueAt)} or ${cmp(conversations.nextResponseDueAt)} or ${cmp(conversations.resolutionDueAt)})`;
  const pastDueSql = anyDue((col) => sql`coalesce(${col} <= ${ts(snap)}, false)`);
  const soon = new Date(snap.getTime() + 4 * HOUR_MS);
  const dueSoonSql = anyDue((col) => sql`coalesce(${col} > ${ts(snap)} and ${col} <= ${ts(soon)}, false)`);
  const active = sql`${conversations.status} in ('new', 'open')`;
  const [snapAgg] = await ctx.db
    .select({
      open: sql<number>`(count(*) filter (where ${conversations.status} in ('new', 'open', 'pending') or ${conversations.resolvedAt} >= ${ts(snap)}))::int`,
      pastDue: sql<number>`(count(*) filter (where ${active} and ${pastDueSql}))::int`,
      dueSoon: sql<number>`(count(*) filter (where ${active} and not ${pastDueSql} and ${dueSoonSql}))::int`,
    })
    .from(conversations)
    .where(openAt);

  // ratings submitted in the period (of conversations in scope), and links sent in it
  const [rate] = await ctx.db
    .select({
      count: sql<number>`count(*)::int`,
      accuracy: sql<string | null>`avg(${ratings.accuracy})`,
      timeliness: sql<string | null>`avg(${ratings.timeliness})`,
      courtesy: sql<string | null>`avg(${ratings.courtesy})`,
      total: sql<string | null>`sum(${ratings.accuracy} + ${ratings.timeliness} + ${ratings.courtesy})`,
    })
    .from(ratings)
    .innerJoin(conversations, eq(conversations.id, ratings.conversationId))
    .where(and(eq(ratings.districtId, ctx.districtId), scoped, isNotNull(ratings.submittedAt), inPeriod(ratings.submittedAt, period)));
  const [requested] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(ratings)
    .innerJoin(conversations, eq(conversations.id, ratings.conversationId))
    .where(and(eq(ratings.districtId, ctx.districtId), scoped, inPeriod(ratings.requestedAt, period)));

  const [alert] = await ctx.db
    .select({
      count: sql<number>`count(*)::int`,
      ackMedianSeconds: sql<string | null>`percentile_disc(0.5) within group (order by extract(epoch from (${alerts.acknowledgedAt} - ${alerts.createdAt})))`,
    })
    .from(alerts)
    .innerJoin(conversations, eq(conversations.id, alerts.conversationId))
    .where(and(eq(alerts.districtId, ctx.districtId), scoped, inPeriod(alerts.createdAt, period)));

  const n = agg!.conversations;
  const ratingCount = rate!.count;
  const frS = num(agg!.frMedianSeconds);
  const resS = num(agg!.resMedianSeconds);
  const ackS = num(alert!.ackMedianSeconds);
  return {
    conversations: n,
    firstResponseMedianHours: frS === null ? null : round(frS / 3600, 1),
    firstResponseMedianBusinessHours: round(lowerMedian(frBusiness), 1),
    resolutionMedianHours: resS === null ? null : round(resS / 3600, 1),
    resolutionMedianBusinessHours: round(lowerMedian(resBusiness), 1),
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
    reach: agg!.reach,
    repeatContacts: repeat!.n,
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
    reach: c("reach"),
    repeatContacts: c("repeatContacts"),
  };
}

const periodOut = (p: Period, snap: Date) => ({ from: iso(p.from), to: iso(p.to), snapshotAt: iso(snap) });

/** The summary: every figure for the period, the previous equivalent period and the change. */
export async function reportSummary(ctx: Ctx, q: ReportQuery): Promise<ReportSummary> {
  const env = await resolvePeriod(ctx, q);
  const cur = await figures(ctx, env, env.period, env.snapshotAt, q);
  const prev = await figures(ctx, env, env.previous, env.previousSnapshotAt, q);
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

function bucketIndex(starts: readonly { at: number }[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  if (hi < 0 || t < starts[0]!.at) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]!.at <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** One figure per local day, ISO week (Monday first) or month of the period; empty buckets are 0 (counts) or null. */
export async function reportTimeseries(ctx: Ctx, q: ReportQuery & { metric: TimeseriesMetric; interval: Interval }): Promise<ReportTimeseries> {
  const env = await resolvePeriod(ctx, q);
  const starts = buckets(env.timeZone, env.period, q.interval);
  const scoped = scopeWhere(ctx, q);
  const groups: number[][] = starts.map(() => []);
  const put = (t: Date, v: number) => {
    const i = bucketIndex(starts, t.getTime());
    if (i >= 0) groups[i]!.push(v);
  };
  if (q.metric === "conversations" || q.metric === "firstResponseMedianHours") {
    const rows = await ctx.db
      .select({ createdAt: conversations.createdAt, firstResponseAt: conversations.firstResponseAt })
      .from(conversations)
      .where(and(scoped, inPeriod(conversations.createdAt, env.period)));
    for (const r of rows) {
      if (q.metric === "conversations") put(r.createdAt, 1);
      else if (r.firstResponseAt) put(r.createdAt, (r.firstResponseAt.getTime() - r.createdAt.getTime()) / HOUR_MS);
    }
  } else if (q.metric === "cxScore") {
    const rows = await ctx.db
      .select({ submittedAt: ratings.submittedAt, a: ratings.accuracy, t: ratings.timeliness, c: ratings.courtesy })
      .from(ratings)
      .innerJoin(conversations, eq(conversations.id, ratings.conversationId))
      .where(and(eq(ratings.districtId, ctx.districtId), scoped, isNotNull(ratings.submittedAt), inPeriod(ratings.submittedAt, env.period)));
    for (const r of rows) put(r.submittedAt!, ((r.a ?? 0) + (r.t ?? 0) + (r.c ?? 0)) / 3);
  } else {
    const rows = await ctx.db
      .select({ createdAt: alerts.createdAt })
      .from(alerts)
      .innerJoin(conversations, eq(conversations.id, alerts.conversationId))
      .where(and(eq(alerts.districtId, ctx.districtId), scoped, inPeriod(alerts.createdAt, env.period)));
    for (const r of rows) put(r.createdAt, 1);
  }
  const value = (g: number[]): number | null => {
    switch (q.metric) {
      case "conversations":
      case "criticalAlerts":
        return g.length;
      case "firstResponseMedianHours":
        return round(lowerMedian(g), 1);
      case "cxScore":
        return g.length ? round(g.reduce((s, x) => s + x, 0) / g.length, 2) : null;
    }
  };
  return { metric: q.metric, interval: q.interval, points: starts.map((s, i) => ({ start: s.start, value: value(groups[i]!) })) };
}

const GROUP_COLUMN: Record<BreakdownBy, AnyPgColumn> = {
  department: conversations.departmentId,
  topic: conversations.topicId,
  school: conversations.schoolId,
  channel: conversations.channel,
  kind: conversations.kind,
};

async function labelsFor(ctx: Ctx, by: BreakdownBy): Promise<Map<string, string>> {
  switch (by) {
    case "department":
      return new Map((await listDepartments(ctx)).map((d) => [d.id, d.name]));
    case "school":
      return new Map((await listSchools(ctx)).map((s) => [s.id, s.name]));
    case "topic":
      return new Map((await listTopics(ctx, { includePrivate: true, includeInactive: true })).map((t) => [t.id, t.name.en]));
    default:
      return new Map();
  }
}

/** A figure per department, topic, school, channel or kind (current values), largest groups first; no value is "none". */
export async function reportBreakdown(ctx: Ctx, q: ReportQuery & { metric: BreakdownMetric; by: BreakdownBy }): Promise<ReportBreakdown> {
  const env = await resolvePeriod(ctx, q);
  const col = GROUP_COLUMN[q.by];
  const scoped = scopeWhere(ctx, q);
  let rows: { key: string | null; count: number; value: number | null }[];
  if (q.metric === "cxScore") {
    const r = await ctx.db
      .select({ key: sql<string | null>`${col}::text`, count: sql<number>`count(*)::int`, total: sql<string>`sum(${ratings.accuracy} + ${ratings.timeliness} + ${ratings.courtesy})` })
      .from(ratings)
      .innerJoin(conversations, eq(conversations.id, ratings.conversationId))
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
      })
      .from(conversations)
      .where(and(scoped, inPeriod(conversations.createdAt, env.period)))
      .groupBy(col);
    rows = r.map((x) => {
      const fr = num(x.frMedianSeconds);
      const value = q.metric === "conversations" ? x.count : q.metric === "withinStandardShare" ? ratio(x.within, x.decided) : fr === null ? null : round(fr / 3600, 1);
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
