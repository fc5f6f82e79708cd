import type { ConversationStatus } from "../../../../common/enums.js";
import type { ConversationRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import { AppError } from "../../../lib/errors.js";
import { requestRating } from "../../ratings/index.js";
import { slaColumnsFor } from "../../sla/index.js";
import type { Ctx } from "../../shared/ctx.js";
import { loadForAction, saveConversation } from "../load.js";
import { canTransition } from "../status.js";

/**
 * Moves a conversation through its lifecycle. Resolving stamps the time and sends the family a
 * one-time rating link; reopening clears the resolution.
 */
export async function changeStatus(ctx: Ctx, conversationId: string, to: ConversationStatus): Promise<ConversationRow> {
  const conv = await loadForAction(ctx, conversationId, "changeStatus");
  const from = conv.status as ConversationStatus;
  if (from === to) return conv;
  if (!canTransition(from, to)) throw new AppError("conflict", `A ${from} conversation cannot become ${to}`);
  const now = ctx.now();
  const sla = await slaColumnsFor(ctx, { ...conv, status: to }, { kind: "status", from, to });
  const saved = await saveConversation(ctx, conv.id, { status: to, resolvedAt: to === "resolved" ? now : null, ...sla });
  await emit(ctx, "conversation.status_changed", { from, to }, conv.id);
  if (to === "resolved") {
    const rating = await requestRating(ctx, saved);
    await emit(ctx, "conversation.resolved", { ratingRequested: rating !== null }, conv.id);
  }
  return saved;
}
