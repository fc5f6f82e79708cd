import { and, eq } from "drizzle-orm";
import { conversations, conversationWatchers, type ConversationRow } from "../../db/schema/index.js";
import { AppError, notFound } from "../../lib/errors.js";
import type { Ctx } from "../shared/ctx.js";
import { stampServiceTimes } from "./service-times.js";
import { byIdInDistrict, can, type ConversationAction } from "./policy.js";

/**
 * Loads a conversation of ctx's district, locked for the rest of the transaction, and checks
 * that the actor may do `action`. Another district's id, or one the actor may not see, is not found.
 */
export async function loadForAction(ctx: Ctx, id: string, action: ConversationAction): Promise<ConversationRow> {
  const [row] = await ctx.db.select().from(conversations).where(byIdInDistrict(ctx.districtId, id)).for("update");
  const scoped = await visibleScope(ctx, row);
  if (!can(ctx.actor, action, scoped)) throw new AppError("forbidden", `Your role cannot ${action} this conversation`);
  return row!;
}

/**
 * The conversation as its policy scope for the actor (with its watchers when the actor is not otherwise in scope);
 * a missing row, or one the actor may not see, is not found.
 */
async function visibleScope(ctx: Ctx, row: ConversationRow | undefined): Promise<ConversationRow & { watcherIds?: string[] }> {
  if (!row) throw notFound("Conversation");
  const scoped = can(ctx.actor, "view", row) ? row : { ...row, watcherIds: await watcherIdsOf(ctx, row.id) };
  if (!can(ctx.actor, "view", scoped)) throw notFound("Conversation");
  return scoped;
}

export async function watcherIdsOf(ctx: Ctx, conversationId: string): Promise<string[]> {
  const rows = await ctx.db
    .select({ staffId: conversationWatchers.staffId })
    .from(conversationWatchers)
    .where(and(eq(conversationWatchers.districtId, ctx.districtId), eq(conversationWatchers.conversationId, conversationId)));
  return rows.map((r) => r.staffId);
}

export async function saveConversation(ctx: Ctx, id: string, changes: Partial<ConversationRow>): Promise<ConversationRow> {
  const [row] = await ctx.db
    .update(conversations)
    .set({ ...changes, ...(changes.resolvedAt === null ? { resolutionBusinessMinutes: null } : {}), updatedAt: ctx.now() })
    .where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, id)))
    .returning();
  return stampServiceTimes(ctx, row!);
}

/** Checks the actor may see the conversation (watchers included), without locking it. */
export async function loadForView(ctx: Ctx, id: string): Promise<ConversationRow> {
  const [row] = await ctx.db.select().from(conversations).where(byIdInDistrict(ctx.districtId, id));
  await visibleScope(ctx, row);
  return row!;
}
