import { and, asc, eq, gt, gte, sql } from "drizzle-orm";
import { RoutingRuleSchema, type RoutingRule, type RoutingRuleInput } from "../../../common/contract/routing.js";
import { routingRules, type RoutingRuleRow } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import type { Ctx } from "../shared/ctx.js";

export function ruleFromRow(r: RoutingRuleRow): RoutingRule {
  return RoutingRuleSchema.parse({
    id: r.id,
    name: r.name,
    enabled: r.enabled,
    position: r.position,
    conditions: r.conditions,
    actions: r.actions,
    stopProcessing: r.stopProcessing,
  });
}

// The engine compiles keyword phrases per rules array: keep one array per district while its rules are unchanged.
const cache = new Map<string, { signature: string; rules: RoutingRule[] }>();

/** The district's rules in order (position, then creation). */
export async function listRules(ctx: Ctx): Promise<RoutingRule[]> {
  const rows = await ctx.db
    .select()
    .from(routingRules)
    .where(eq(routingRules.districtId, ctx.districtId))
    .orderBy(asc(routingRules.position), asc(routingRules.createdAt));
  const signature = rows.map((r) => `${r.id}@${r.updatedAt.getTime()}:${r.position}`).join(",");
  const hit = cache.get(ctx.districtId);
  if (hit && hit.signature === signature) return hit.rules;
  const rules = rows.map(ruleFromRow);
  cache.set(ctx.districtId, { signature, rules });
  return rules;
}

async function nextPosition(ctx: Ctx): Promise<number> {
  const [row] = await ctx.db
    .select({ max: sql<number | null>`max(${routingRules.position})` })
    .from(routingRules)
    .where(eq(routingRules.districtId, ctx.districtId));
  return (row?.max ?? 0) + 1;
}

/** Makes room at `position` by shifting the rules at or after it one place down. */
async function shiftFrom(ctx: Ctx, position: number): Promise<void> {
  await ctx.db
    .update(routingRules)
    .set({ position: sql`${routingRules.position} + 1`, updatedAt: ctx.now() })
    .where(and(eq(routingRules.districtId, ctx.districtId), gte(routingRules.position, position)));
}

export async function createRule(ctx: Ctx, input: RoutingRuleInput): Promise<RoutingRule> {
  const position = input.position ?? (await nextPosition(ctx));
  if (input.position !== undefined) await shiftFrom(ctx, position);
  const [row] = await ctx.db
    .insert(routingRules)
    .values({
      districtId: ctx.districtId,
      position,
      name: input.name,
      enabled: input.enabled,
      conditions: input.conditions,
      actions: input.actions,
      stopProcessing: input.stopProcessing,
      createdAt: ctx.now(),
      updatedAt: ctx.now(),
    })
    .returning();
  return ruleFromRow(row!);
}

export async function updateRule(ctx: Ctx, id: string, input: RoutingRuleInput): Promise<RoutingRule> {
  const [current] = await ctx.db.select().from(routingRules).where(and(eq(routingRules.districtId, ctx.districtId), eq(routingRules.id, id))).for("update");
  if (!current) throw notFound("Routing rule");
  if (input.position !== undefined && input.position !== current.position) await moveRule(ctx, id, input.position);
  const [row] = await ctx.db
    .update(routingRules)
    .set({ name: input.name, enabled: input.enabled, conditions: input.conditions, actions: input.actions, stopProcessing: input.stopProcessing, updatedAt: ctx.now() })
    .where(and(eq(routingRules.districtId, ctx.districtId), eq(routingRules.id, id)))
    .returning();
  return ruleFromRow(row!);
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.db.delete(routingRules).where(and(eq(routingRules.districtId, ctx.districtId), eq(routingRules.id, id))).returning();
  if (!row) throw notFound("Routing rule");
  await ctx.db
    .update(routingRules)
    .set({ position: sql`${routingRules.position} - 1`, updatedAt: ctx.now() })
    .where(and(eq(routingRules.districtId, ctx.districtId), gt(routingRules.position, row.position)));
}

/** Moves a rule to `position` (1-based), renumbering the others so positions stay 1..n. */
export async function moveRule(ctx: Ctx, id: string, position: number): Promise<RoutingRule[]> {
  const rules = await ctx.db
    .select()
    .from(routingRules)
    .where(eq(routingRules.districtId, ctx.districtId))
    .orderBy(asc(routingRules.position), asc(routingRules.createdAt));
  const idx = rules.findIndex((r) => r.id === id);
  if (idx < 0) throw notFound("Routing rule");
  const [moved] = rules.splice(idx, 1);
  rules.splice(Math.max(0, Math.min(rules.length, position - 1)), 0, moved!);
  for (const [i, r] of rules.entries()) {
    if (r.position !== i + 1) {
      await ctx.db.update(routingRules).set({ position: i + 1, updatedAt: ctx.now() }).where(and(eq(routingRules.districtId, ctx.districtId), eq(routingRules.id, r.id)));
    }
  }
  return listRules(ctx);
}
