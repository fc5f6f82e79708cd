import { and, eq } from "drizzle-orm";
import { conversations, type ConversationRow } from "../../db/schema/index.js";
import { AppError, notFound } from "../../lib/errors.js";
import type { Ctx } from "../shared/ctx.js";
import { byIdInDistrict, can, type ConversationAction } from "./policy.js";

/**
 * Loads a conversation of ctx's district, locked for the rest of the transaction, and checks
 * that the actor may do `action`. Another district's id, or one the actor may not see, is not found.
 */
export async function loadForAction(ctx: Ctx, id: string, action: ConversationAction): Promise<ConversationRow> {
  const [row] = await ctx.db.select().from(conversations).where(byIdInDistrict(ctx.districtId, id)).for("update");
  if (!row || !can(ctx.actor, "view", row)) throw notFound("Conversation");
  if (!can(ctx.actor, action, row)) throw new AppError("forbidden", `Your role cannot ${action} this conversation`);
  return row;
}

export async function saveConversation(ctx: Ctx, id: string, changes: Partial<ConversationRow>): Promise<ConversationRow> {
  const [row] = await ctx.db
    .update(conversations)
    .set({ ...changes, updatedAt: ctx.now() })
    .where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, id)))
    .returning();
  return row!;
}
