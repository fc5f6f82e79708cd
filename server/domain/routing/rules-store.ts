import { and, asc, eq, gt, gte, inArray, sql } from "drizzle-orm";
import { RoutingRuleSchema, type RoutingRule, type RoutingRuleInput } from "../../../common/contract/routing.js";
import { categories, departments, routingRules, schools, slaPolicies, staff, topics, type RoutingRuleRow } from "../../db/schema/index.js";
import { AppError, notFound } from "../../lib/errors.js";
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

/**
 * Every id a rule names (topics, categories, schools, departments, staff, service standards) must be the district's
 * own: a rule can never route into, or name, another district's data.
 */
async function checkRefs(ctx: Ctx, input: RoutingRuleInput): Promise<void> {
  const want = { topics: new Set<string>(), categories: new Set<string>(), schools: new Set<string>(), departments: new Set<string>(), staff: new Set<string>(), sla: new Set<string>() };
  for (const c of input.conditions) {
    if (c.type === "topic") c.topicIds.forEach((id) => want.topics.add(id));
    if (c.type === "category") c.categoryIds.forEach((id) => want.categories.add(id));
    if (c.type === "school") c.schoolIds.forEach((id) => want.schools.add(id));
    if (c.type === "department") c.departmentIds.forEach((id) => want.departments.add(id));
  }
  for (const a of input.actions) {
    if (a.type === "setDepartment") want.departments.add(a.departmentId);
    if (a.type === "assignPerson") want.staff.add(a.staffId);
    if (a.type === "addWatchers") a.staffIds.forEach((id) => want.staff.add(id));
    if (a.type === "applySla") want.sla.add(a.slaPolicyId);
  }
  const tables = [
    ["topics", topics, want.topics],
    ["categories", categories, want.categories],
    ["schools", schools, want.schools],
    ["departments", departments, want.departments],
    ["staff", staff, want.staff],
    ["service standards", slaPolicies, want.sla],
  ] as const;
  for (const [name, table, ids] of tables) {
    if (ids.size === 0) continue;
    const found = await ctx.db
      .select({ id: table.id })
      .from(table)
      .where(and(eq(table.districtId, ctx.districtId), inArray(table.id, [...ids])));
    if (found.length !== ids.size) {
      const missing = [...ids].filter((id) => !found.some((f) => f.id === id));
      throw new AppError("validation_failed", `This rule names ${name} that do not exist in this district`, {
        invalidParams: missing.map((id) => ({ name: `${name}:${id}`, reason: "not_found" })),
      });
    }
  }
}

export async function createRule(ctx: Ctx, input: RoutingRuleInput): Promise<RoutingRule> {
  await checkRefs(ctx, input);
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
  await checkRefs(ctx, input);
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
