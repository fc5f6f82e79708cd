import type { MessageRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import type { CheckedFile } from "../../../lib/attachments.js";
import type { Ctx } from "../../shared/ctx.js";
import { loadForAction, saveConversation } from "../load.js";
import { storeMessage } from "./store-message.js";

/**
 * The family writes back (from their private link, or by email): the thread never breaks.
 * A pending or resolved conversation reopens, because the family is waiting on us again.
 */
export async function addContactMessage(
  ctx: Ctx,
  conversationId: string,
  input: { body: string; channel: string; attachments?: CheckedFile[] },
): Promise<MessageRow> {
  const conv = await loadForAction({ ...ctx, actor: { kind: "system", reason: "contact-reply" } }, conversationId, "view");
  const message = await storeMessage(ctx, {
    conversationId: conv.id,
    direction: "inbound",
    channel: input.channel,
    body: input.body,
    authorContactId: conv.contactId,
    attachments: input.attachments ?? [],
  });
  const reopen = conv.status === "pending" || conv.status === "resolved";
  await saveConversation(ctx, conv.id, {
    lastMessageAt: ctx.now(),
    ...(reopen ? { status: "open", resolvedAt: null } : {}),
  });
  const actorCtx: Ctx = { ...ctx, actor: { kind: "contact", contactId: conv.contactId } };
  await emit(actorCtx, "message.received", { messageId: message.id, channel: input.channel }, conv.id);
  if (reopen) await emit(actorCtx, "conversation.status_changed", { from: conv.status, to: "open" }, conv.id);
  return message;
}
