/** Backlog by age and breaches by clock (docs/METRICS.md "Backlog and service standards"). */
import { and, eq, lt, sql } from "drizzle-orm";
import type { ReportBacklog, ReportBreaches } from "../../../common/contract/reports.js";
import { conversations, events } from "../../db/schema/index.js";
import type { Ctx } from "../shared/ctx.js";
import { conversationInScope, inPeriod, periodOut, resolvePeriod, scopeWhere, ts, type ReportQuery } from "./shared.js";


const AGE_BUCKETS = [
  { key: "lt_1d", label: "Under 1 day", upToDays: 1 },
  { key: "1_3d", label: "1–3 days", upToDays: 3 },
  { key: "3_7d", label: "3–7 days", upToDays: 7 },
  { key: "7_30d", label: "7–30 days", upToDays: 30 },
  { key: "gte_30d", label: "30 days or more", upToDays: Number.POSITIVE_INFINITY },
] as const;

/** Conversations open at the snapshot instant (created before it, not resolved before it), by wall-clock age. */
export async function reportBacklog(ctx: Ctx, q: ReportQuery): Promise<ReportBacklog> {
  const env = await resolvePeriod(ctx, q);
  const snap = env.snapshotAt;
  const ageDays = sql`extract(epoch from (${ts(snap)} - ${conversations.createdAt})) / 86400`;
  const bucket = sql<number>`case when ${ageDays} < 1 then 0 when ${ageDays} < 3 then 1 when ${ageDays} < 7 then 2 when ${ageDays} < 30 then 3 else 4 end`;
  const rows = await ctx.db
    .select({ bucket, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(
      and(
        scopeWhere(ctx, q),
        lt(conversations.createdAt, snap),
        sql`(${conversations.status} in ('new', 'open', 'pending') or ${conversations.resolvedAt} >= ${ts(snap)})`,
      ),
    )
    .groupBy(sql`1`); // by position: the bucket expression binds parameters, so it cannot be repeated
  const counts = AGE_BUCKETS.map(() => 0);
  for (const r of rows) counts[Number(r.bucket)] = r.n;
  return {
    period: periodOut(env.period, env.snapshotAt),
    total: counts.reduce((s, n) => s + n, 0),
    buckets: AGE_BUCKETS.map((b, i) => ({ key: b.key, label: b.label, count: counts[i]! })),
  };
}

const CLOCKS = [
  { key: "first_response", label: "First response" },
  { key: "next_response", label: "Next response" },
  { key: "resolution", label: "Resolution" },
] as const;

/** `sla.breached` events in the period, by clock, of conversations in scope. */
export async function reportBreaches(ctx: Ctx, q: ReportQuery): Promise<ReportBreaches> {
  const env = await resolvePeriod(ctx, q);
  const clock = sql<string>`${events.data}->>'clock'`;
  const rows = await ctx.db
    .select({ clock, n: sql<number>`count(*)::int` })
    .from(events)
    .where(and(eq(events.districtId, ctx.districtId), eq(events.type, "sla.breached"), conversationInScope(ctx, q, events.conversationId), inPeriod(events.createdAt, env.period)))
    .groupBy(clock);
  const byClock = CLOCKS.map((c) => ({ key: c.key, label: c.label, count: rows.find((r) => r.clock === c.key)?.n ?? 0 }));
  return { period: periodOut(env.period, env.snapshotAt), total: byClock.reduce((s, c) => s + c.count, 0), byClock };
}
