/**
 * Breakdowns (docs/METRICS.md "by"): a figure per group of the conversations' current values, labelled. Without
 * scope filters, for a period of local dates and a group that is a rollup dimension, the figures come from the
 * rollups (rollup.ts), exactly the same as reading every conversation of the period; otherwise from the conversations.
 */
import { and, eq, isNotNull, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { BreakdownBy, BreakdownMetric, ReportBreakdown } from "../../../common/contract/reports.js";
import { conversations, ratings, staff, topics } from "../../db/schema/index.js";
import { listCategories, listDepartments, listSchools, listTopics } from "../districts/index.js";
import type { Ctx } from "../shared/ctx.js";
import { decidedSql, frSeconds, resSeconds, withinSql } from "./columns.js";
import {
  medianHours,
  rollupKey,
  rollupTotalsByKey,
  type CountColumn,
  type Histogram,
  type HistogramColumn,
  type RollupDim,
  type RollupTotals,
} from "./rollup.js";
import { inPeriod, num, ratio, resolvePeriod, round, scopeWhere, type Env, type ReportQuery } from "./shared.js";

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

type BreakdownQuery = ReportQuery & { metric: BreakdownMetric; by: BreakdownBy };
/** A group's figure; `key` null is the group without a value ("none"); `count` its conversations (ratings for cxScore). */
type Row = { key: string | null; count: number; value: number | null };

/** The groupings that are rollup dimensions (rollup.ts DIMS): category, requester role and assignee are not. */
const ROLLUP_DIMS: Partial<Record<BreakdownBy, RollupDim>> = { department: "department", school: "school", topic: "topic", channel: "channel", kind: "kind", language: "language" };

/**
 * What each metric reads from the rollups. Every one is served exactly (docs/METRICS.md "Rollups"):
 * - conversations: `conversations`, keyed by the local day of creation, by the current value, as the raw count;
 * - firstResponseMedianHours: the `fr` histogram (created that day, first response − creation in 180 s units);
 * - resolutionMedianHours: the `res` histogram, keyed by the CREATION day (the conversations created in the period
 *   and resolved now), which is the raw breakdown's definition (`resolved_minutes` is by resolution day: not used);
 * - withinStandardShare: `within` and `decided` (answered or first response breached, keyed by creation day); the
 *   snapshot-dependent rest of "decided" (unanswered, not breached, due by the snapshot) is read from the
 *   conversations by the same grouping (the summary's dueQ);
 * - cxScore: `rated` and `rating_total`, keyed by the SUBMISSION day of the rating under its conversation's current
 *   value, as the raw breakdown (ratings submitted in the period, grouped by their conversation's current value).
 */
const ROLLUP_READS: Record<BreakdownMetric, { counts: CountColumn[]; histograms: HistogramColumn[] }> = {
  conversations: { counts: ["conversations"], histograms: [] },
  firstResponseMedianHours: { counts: ["conversations"], histograms: ["fr"] },
  resolutionMedianHours: { counts: ["conversations"], histograms: ["res"] },
  withinStandardShare: { counts: ["conversations", "decided", "within"], histograms: [] },
  cxScore: { counts: ["rated", "rating_total"], histograms: [] },
};

/** The parts of the rollup totals a breakdown uses, which add up (and subtract) group by group. */
type Part = { conversations: number; decided: number; within: number; rated: number; ratingTotal: number; hist: Histogram };

function partOf(t: RollupTotals | undefined, metric: BreakdownMetric): Part {
  const hist = !t ? new Map<number, number>() : metric === "firstResponseMedianHours" ? t.fr : metric === "resolutionMedianHours" ? t.res : new Map<number, number>();
  return { conversations: t?.conversations ?? 0, decided: t?.decided ?? 0, within: t?.within ?? 0, rated: t?.rated ?? 0, ratingTotal: t?.ratingTotal ?? 0, hist };
}

/**
 * The rollups keep no row for a null department, school or topic (rollup.ts, `key is not null`): every
 * conversation is in the `all` row, so the "none" group is `all` less the sum of the keyed groups, count by count
 * and histogram unit by unit (exact: the same conversations and ratings, added up once each).
 */
function noneOf(all: Part, keyed: Iterable<Part>): Part {
  const none: Part = { ...all, hist: new Map(all.hist) };
  for (const p of keyed) {
    none.conversations -= p.conversations;
    none.decided -= p.decided;
    none.within -= p.within;
    none.rated -= p.rated;
    none.ratingTotal -= p.ratingTotal;
    for (const [v, n] of p.hist) none.hist.set(v, (none.hist.get(v) ?? 0) - n);
  }
  for (const [v, n] of none.hist) if (n === 0) none.hist.delete(v);
  return none;
}

/**
 * The breakdown's rows from the rollups, for a period of local dates without scope filters and a rollup
 * dimension: the same rows, counts and values as rawRows. Null when the rollups cannot serve (more dirty days than
 * a query recomputes): the caller reads the conversations.
 */
async function rolledRows(ctx: Ctx, env: Env, q: BreakdownQuery, dim: RollupDim): Promise<Row[] | null> {
  const days = env.days!.period;
  const reads = ROLLUP_READS[q.metric];
  const col = GROUP_EXPR[q.by];
  // first response neither given nor breached but due by the snapshot, per group: "decided" at the snapshot
  const dueQ =
    q.metric === "withinStandardShare"
      ? ctx.db
          .select({ key: sql<string | null>`${col}::text`, n: sql<number>`count(*)::int` })
          .from(conversations)
          .where(
            and(
              scopeWhere(ctx, q),
              inPeriod(conversations.createdAt, env.period),
              isNull(conversations.firstResponseAt),
              sql`not ('first_response' = any(${conversations.slaBreached}))`,
              lte(conversations.firstResponseDueAt, env.snapshotAt),
            ),
          )
          .groupBy(col)
      : Promise.resolve([]);
  const [byKey, all, due] = await Promise.all([
    rollupTotalsByKey(ctx, env.timeZone, dim, days.from, days.to, reads),
    rollupTotalsByKey(ctx, env.timeZone, "all", days.from, days.to, { ...reads, keys: [""] }),
    dueQ,
  ]);
  if (!byKey || !all) return null;
  const parts = new Map<string | null, Part>([...byKey].map(([k, t]) => [k, partOf(t, q.metric)]));
  parts.set(null, noneOf(partOf(all.get(""), q.metric), parts.values()));
  const dueBy = new Map(due.map((r) => [r.key, r.n]));
  const rows: Row[] = [];
  for (const [key, p] of parts) {
    // only groups with rows, as the raw query: conversations created in the period (ratings submitted for cxScore)
    const count = q.metric === "cxScore" ? p.rated : p.conversations;
    if (count <= 0) continue;
    const value =
      q.metric === "conversations"
        ? p.conversations
        : q.metric === "cxScore"
          ? round(p.ratingTotal / (3 * p.rated), 2)
          : q.metric === "withinStandardShare"
            ? ratio(p.within, p.decided + (dueBy.get(key) ?? 0))
            : medianHours(p.hist);
    rows.push({ key, count, value });
  }
  return rows;
}

/** The breakdown's rows read from the conversations (and ratings) of the period: any grouping, scope and period. */
async function rawRows(ctx: Ctx, env: Env, q: BreakdownQuery): Promise<Row[]> {
  const col = GROUP_EXPR[q.by];
  const topicJoin = sql`${topics.id} = ${conversations.topicId} and ${topics.districtId} = ${conversations.districtId}`;
  const scoped = scopeWhere(ctx, q);
  let rows: Row[];
  if (q.metric === "cxScore") {
    const r = await ctx.db
      .select({ key: sql<string | null>`${col}::text`, count: sql<number>`count(*)::int`, total: sql<string>`sum(${ratings.accuracy} + ${ratings.timeliness} + ${ratings.courtesy})` })
      .from(ratings)
      .innerJoin(conversations, and(eq(conversations.districtId, ratings.districtId), eq(conversations.id, ratings.conversationId)))
      .leftJoin(topics, topicJoin)
      .where(and(eq(ratings.districtId, ctx.districtId), scoped, isNotNull(ratings.submittedAt), inPeriod(ratings.submittedAt, env.period)))
      .groupBy(col);
    rows = r.map((x) => ({ key: x.key, count: x.count, value: round(Number(x.total) / (3 * x.count), 2) }));
  } else {
    // only the metric's own aggregate: each median is a sort of every group's rows (a year: about 200,000)
    const notAsked = sql<null>`null`;
    const query = ctx.db
      .select({
        key: sql<string | null>`${col}::text`,
        count: sql<number>`count(*)::int`,
        frMedianSeconds: q.metric === "firstResponseMedianHours" ? sql<string | null>`percentile_disc(0.5) within group (order by ${frSeconds})` : notAsked,
        decided: q.metric === "withinStandardShare" ? sql<number>`(count(*) filter (where ${decidedSql(env.snapshotAt)}))::int` : notAsked,
        within: q.metric === "withinStandardShare" ? sql<number>`(count(*) filter (where ${withinSql}))::int` : notAsked,
        resMedianSeconds:
          q.metric === "resolutionMedianHours"
            ? sql<string | null>`percentile_disc(0.5) within group (order by ${resSeconds}) filter (where ${conversations.status} = 'resolved')`
            : notAsked,
      })
      .from(conversations)
      .$dynamic();
    // topics are joined only for the category of a conversation's topic
    const r = await (q.by === "category" ? query.leftJoin(topics, topicJoin) : query).where(and(scoped, inPeriod(conversations.createdAt, env.period))).groupBy(col);
    rows = r.map((x) => {
      const hours = (v: string | null) => (num(v) === null ? null : round(num(v)! / 3600, 1));
      const value =
        q.metric === "conversations"
          ? x.count
          : q.metric === "withinStandardShare"
            ? ratio(x.within ?? 0, x.decided ?? 0)
            : hours(q.metric === "resolutionMedianHours" ? x.resMedianSeconds : x.frMedianSeconds);
      return { key: x.key, count: x.count, value };
    });
  }
  return rows;
}

/** A figure per department, topic, school, channel or kind (current values), largest groups first; no value is "none". */
export async function reportBreakdown(ctx: Ctx, q: BreakdownQuery): Promise<ReportBreakdown> {
  const env = await resolvePeriod(ctx, q);
  // the rollups serve a period of local dates without any scope filter (a filter on another dimension than the
  // grouping would need combined keys, which the rollups do not keep), grouped by one of their dimensions
  const dim = ROLLUP_DIMS[q.by];
  const rolled = env.days && dim && rollupKey(q)?.dim === "all" ? await rolledRows(ctx, env, q, dim) : null;
  const rows = rolled ?? (await rawRows(ctx, env, q));
  const labels = await labelsFor(ctx, q.by);
  return {
    metric: q.metric,
    by: q.by,
    rows: rows
      .map((r) => ({ key: r.key ?? "none", label: r.key === null ? "None" : (labels.get(r.key) ?? r.key), value: r.value, count: r.count }))
      // equal counts and labels (two groups of the same name) in key order, so the order never depends on the read
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label) || a.key.localeCompare(b.key)),
  };
}

