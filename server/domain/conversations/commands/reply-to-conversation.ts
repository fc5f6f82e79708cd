import { getDistrict } from "../../districts/index.js";
import { findReplyEmail } from "../../contacts/index.js";
import { queueEmail, renderEmail } from "../../mail/index.js";
import { emit } from "../../../events/emit.js";
import { AppError } from "../../../lib/errors.js";
import type { Language } from "../../../../common/enums.js";
import type { MessageRow } from "../../../db/schema/index.js";
import type { Ctx } from "../../shared/ctx.js";
import { replyAddress, statusUrl } from "../links.js";
import { loadForAction, saveConversation } from "../load.js";
import { storeMessage } from "./store-message.js";
import { lastEmailHeaders } from "./email-thread.js";

/**
 * A staff answer to the family: stored as an outbound message and delivered by email with the
 * reference number, a threading reply address and the private link. The first answer stops the
 * first-response clock; a new conversation becomes open.
 */
export async function replyToConversation(ctx: Ctx, conversationId: string, body: string): Promise<MessageRow> {
  if (ctx.actor.kind !== "staff") throw new AppError("forbidden", "Only staff reply");
  const conv = await loadForAction(ctx, conversationId, "reply");
  const to = await findReplyEmail(ctx, conv.contactId);
  if (!to) {
    throw new AppError("conflict", "This family left no email address we can reach; call them or add a note instead");
  }
  const message = await storeMessage(ctx, {
    conversationId: conv.id,
    direction: "outbound",
    channel: "email",
    body,
    authorStaffId: ctx.actor.staffId,
    deliveryStatus: "queued",
  });
  const now = ctx.now();
  await saveConversation(ctx, conv.id, {
    firstResponseAt: conv.firstResponseAt ?? now,
    lastMessageAt: now,
    status: conv.status === "new" || conv.status === "resolved" ? "open" : conv.status,
  });
  if (conv.status === "new") await emit(ctx, "conversation.status_changed", { from: "new", to: "open" }, conv.id);
  await emit(ctx, "message.sent", { messageId: message.id }, conv.id);

  const district = await getDistrict(ctx);
  const rendered = renderEmail(conv.language as Language, {
    kind: "reply",
    districtName: district.name,
    reference: conv.reference,
    staffName: ctx.actor.name,
    body,
    statusUrl: statusUrl(ctx, district, conv),
  });
  const thread = await lastEmailHeaders(ctx, conv.id);
  await queueEmail(ctx, {
    purpose: "reply",
    to,
    from: `${district.name} <${district.fromEmail}>`,
    replyTo: replyAddress(district, conv),
    ...rendered,
    conversationId: conv.id,
    messageId: message.id,
    inReplyTo: thread.inReplyTo,
    references: thread.references,
    domain: district.replyDomain,
  });
  return message;
}
