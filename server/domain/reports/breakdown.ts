/** Breakdowns (docs/METRICS.md "by"): a figure per group of the conversations' current values, labelled. */
import { and, eq, isNotNull, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { BreakdownBy, BreakdownMetric, ReportBreakdown } from "../../../common/contract/reports.js";
import { conversations, ratings, staff, topics } from "../../db/schema/index.js";
import { listCategories, listDepartments, listSchools, listTopics } from "../districts/index.js";
import type { Ctx } from "../shared/ctx.js";
import { decidedSql, frSeconds, resSeconds, withinSql } from "./columns.js";
import { inPeriod, num, ratio, resolvePeriod, round, scopeWhere, type ReportQuery } from "./shared.js";

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
      .innerJoin(conversations, and(eq(conversations.districtId, ratings.districtId), eq(conversations.id, ratings.conversationId)))
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

