import type { ConversationRow, MessageRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import type { CheckedFile } from "../../../lib/attachments.js";
import type { Ctx } from "../../shared/ctx.js";
import { loadForAction, saveConversation } from "../load.js";
import { afterFamilyMessage } from "./intake.js";
import { storeMessage } from "./store-message.js";

export type ContactMessage = {
  body: string;
  channel: string;
  attachments?: CheckedFile[];
  /** who wrote it, when not the conversation's contact (a CC'd parent answering by email) */
  authorContactId?: string | null;
  quotedText?: string | null;
  htmlBody?: string | null;
  emailMessageId?: string | null;
};

/**
 * The family writes back (from their private link, by email, on any channel): the thread never breaks.
 * A pending or resolved conversation reopens, because the family is waiting on us again; the new message is
 * checked for critical alerts and restarts the response clock (intake.ts).
 */
export async function addContactMessage(
  ctx: Ctx,
  conversationId: string,
  input: ContactMessage,
): Promise<{ message: MessageRow; conversation: ConversationRow }> {
  const conv = await loadForAction({ ...ctx, actor: { kind: "system", reason: "contact-reply" } }, conversationId, "view");
  const author = input.authorContactId === undefined ? conv.contactId : input.authorContactId;
  const message = await storeMessage(ctx, {
    conversationId: conv.id,
    direction: "inbound",
    channel: input.channel,
    body: input.body,
    authorContactId: author,
    attachments: input.attachments ?? [],
    quotedText: input.quotedText ?? null,
    htmlBody: input.htmlBody ?? null,
    emailMessageId: input.emailMessageId ?? null,
  });
  const reopen = conv.status === "pending" || conv.status === "resolved";
  const saved = await saveConversation(ctx, conv.id, {
    lastMessageAt: ctx.now(),
    ...(reopen ? { status: "open", resolvedAt: null } : {}),
  });
  const actorCtx: Ctx = { ...ctx, actor: { kind: "contact", contactId: author } };
  await emit(actorCtx, "message.received", { messageId: message.id, channel: input.channel }, conv.id);
  if (reopen) await emit(actorCtx, "conversation.status_changed", { from: conv.status, to: "open" }, conv.id);
  const conversation = await afterFamilyMessage(ctx, saved, message, conv.status);
  return { message, conversation };
}
