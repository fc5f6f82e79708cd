/** Satisfaction (ratings, distribution, response rate) and critical alerts (docs/METRICS.md). */
import { and, eq, isNotNull, lt, sql, type SQL } from "drizzle-orm";
import type { ReportAlerts, ReportSatisfaction } from "../../../common/contract/reports.js";
import { alertCategories, alerts, ratings } from "../../db/schema/index.js";
import { BUILT_IN_CATEGORIES } from "../alerts/index.js";
import type { Ctx } from "../shared/ctx.js";
import { conversationInScope, inPeriod, num, periodOut, ratingAggregates, ratio, resolvePeriod, round, type ReportQuery } from "./shared.js";

const DIMENSIONS = ["accuracy", "timeliness", "courtesy"] as const;

/** Ratings submitted in the period (of conversations in scope): means, cxScore, response rate, the count of each score. */
export async function reportSatisfaction(ctx: Ctx, q: ReportQuery): Promise<ReportSatisfaction> {
  const env = await resolvePeriod(ctx, q);
  const submitted = and(eq(ratings.districtId, ctx.districtId), conversationInScope(ctx, q, ratings.conversationId), isNotNull(ratings.submittedAt), inPeriod(ratings.submittedAt, env.period));
  const [agg] = await ctx.db
    .select(ratingAggregates)
    .from(ratings)
    .where(submitted);
  // the count of each score of each dimension, in one pass: d1 … d10 per dimension
  const scoreCounts = Object.fromEntries(
    DIMENSIONS.flatMap((d) => Array.from({ length: 10 }, (_, i) => [`${d}${i + 1}`, sql<number>`(count(*) filter (where ${ratings[d]} = ${i + 1}))::int`])),
  ) as Record<string, SQL<number>>;
  const [counts] = await ctx.db.select(scoreCounts).from(ratings).where(submitted);
  const distribution = {
    accuracy: Array.from({ length: 10 }, (_, i) => Number(counts![`accuracy${i + 1}`])),
    timeliness: Array.from({ length: 10 }, (_, i) => Number(counts![`timeliness${i + 1}`])),
    courtesy: Array.from({ length: 10 }, (_, i) => Number(counts![`courtesy${i + 1}`])),
  };
  const [requested] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(ratings)
    .where(and(eq(ratings.districtId, ctx.districtId), conversationInScope(ctx, q, ratings.conversationId), inPeriod(ratings.requestedAt, env.period)));
  const count = agg!.count;
  return {
    period: periodOut(env.period, env.snapshotAt),
    count,
    cxScore: count ? round(Number(agg!.total) / (3 * count), 2) : null,
    ratings: { accuracy: round(num(agg!.accuracy), 2), timeliness: round(num(agg!.timeliness), 2), courtesy: round(num(agg!.courtesy), 2) },
    responseRate: ratio(count, requested!.n),
    distribution,
  };
}

const SEVERITY_LABELS: Record<string, string> = { critical: "Critical", high: "High" };

/** Alerts raised in the period on conversations in scope: by category and severity, downgrades, acknowledgement. */
export async function reportAlerts(ctx: Ctx, q: ReportQuery): Promise<ReportAlerts> {
  const env = await resolvePeriod(ctx, q);
  const inScope = and(eq(alerts.districtId, ctx.districtId), conversationInScope(ctx, q, alerts.conversationId));
  const raised = and(inScope, inPeriod(alerts.createdAt, env.period));
  const group = async (col: typeof alerts.category | typeof alerts.severity) =>
    ctx.db
      .select({ key: col, n: sql<number>`count(*)::int` })
      .from(alerts)
      .where(raised)
      .groupBy(col);
  const byCategory = await group(alerts.category);
  const bySeverity = await group(alerts.severity);
  const [agg] = await ctx.db
    .select({
      total: sql<number>`count(*)::int`,
      downgraded: sql<number>`(count(*) filter (where ${alerts.status} = 'downgraded'))::int`,
      ackMedianSeconds: sql<string | null>`percentile_disc(0.5) within group (order by extract(epoch from (${alerts.acknowledgedAt} - ${alerts.createdAt})))`,
    })
    .from(alerts)
    .where(raised);
  const reason = sql<string>`lower(btrim(${alerts.downgradeReason}))`;
  const reasons = await ctx.db
    .select({ key: reason, n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(raised, eq(alerts.status, "downgraded"), isNotNull(alerts.downgradeReason)))
    .groupBy(reason)
    .orderBy(sql`count(*) desc`, reason)
    .limit(10);
  const [unacked] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(alerts)
    .where(and(inScope, eq(alerts.status, "active"), lt(alerts.createdAt, env.snapshotAt)));
  // built-in names first (a district's rows may not exist yet), then the district's own categories
  const names = new Map(BUILT_IN_CATEGORIES.map((c) => [c.key, c.name.en]));
  for (const c of await ctx.db.select({ key: alertCategories.key, name: alertCategories.name }).from(alertCategories).where(eq(alertCategories.districtId, ctx.districtId)))
    names.set(c.key, c.name.en);
  const sorted = <T extends { key: string; label: string; count: number }>(rows: T[]) => rows.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const ack = num(agg!.ackMedianSeconds);
  return {
    period: periodOut(env.period, env.snapshotAt),
    total: agg!.total,
    unacknowledged: unacked!.n,
    timeToAcknowledgeMedianMinutes: ack === null ? null : round(ack / 60, 1),
    byCategory: sorted(byCategory.map((r) => ({ key: r.key, label: names.get(r.key) ?? r.key, count: r.n }))),
    bySeverity: sorted(bySeverity.map((r) => ({ key: r.key, label: SEVERITY_LABELS[r.key] ?? r.key, count: r.n }))),
    downgraded: agg!.downgraded,
    downgradeReasons: reasons.map((r) => ({ key: r.key, label: r.key, count: r.n })),
  };
}
