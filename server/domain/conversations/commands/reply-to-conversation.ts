import { getDistrict } from "../../districts/index.js";
import { findReplyEmail } from "../../contacts/index.js";
import { queueEmail, renderEmail } from "../../mail/index.js";
import { emit } from "../../../events/emit.js";
import { AppError } from "../../../lib/errors.js";
import type { Language } from "../../../../common/enums.js";
import { and, desc, eq, gt, isNull, ne, or } from "drizzle-orm";
import { messages, staff, type MessageRow } from "../../../db/schema/index.js";
import { slaColumnsFor } from "../../sla/index.js";
import type { Ctx } from "../../shared/ctx.js";
import { replyAddress, statusUrl } from "../links.js";
import { loadForAction, saveConversation } from "../load.js";
import { storeMessage } from "./store-message.js";
import { lastEmailHeaders } from "./email-thread.js";

export type ReplyOptions = {
  /** when the replier opened the conversation: a reply someone else sent since then is a collision */
  openedAt?: Date | null;
  /** send anyway after the collision warning */
  force?: boolean;
};

/**
 * Two people answering the same family: if another staff member sent a reply after this one opened the
 * conversation, the send stops with a conflict naming them, and the replier decides (read it, or send anyway).
 */
async function checkCollision(ctx: Ctx, conversationId: string, openedAt: Date): Promise<void> {
  const me = ctx.actor.kind === "staff" ? ctx.actor.staffId : null;
  const [other] = await ctx.db
    .select({ id: messages.id, name: staff.name })
    .from(messages)
    .leftJoin(staff, and(eq(staff.districtId, messages.districtId), eq(staff.id, messages.authorStaffId)))
    .where(
      and(
        eq(messages.districtId, ctx.districtId),
        eq(messages.conversationId, conversationId),
        eq(messages.direction, "outbound"),
        gt(messages.createdAt, openedAt),
        me ? or(ne(messages.authorStaffId, me), isNull(messages.authorStaffId)) : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt))
    .limit(1);
  if (other) {
    throw new AppError("conflict", `${other.name ?? "Someone"} replied to this family after you opened the conversation. Read their reply, then send yours if it is still needed.`, {
      invalidParams: [{ name: "openedAt", reason: "reply_collision" }],
    });
  }
}

/**
 * A staff answer to the family: stored as an outbound message and delivered by email with the
 * reference number, a threading reply address and the private link. The first answer stops the
 * first-response clock; a new conversation becomes open.
 */
export async function replyToConversation(ctx: Ctx, conversationId: string, body: string, opts: ReplyOptions = {}): Promise<MessageRow> {
  if (ctx.actor.kind !== "staff") throw new AppError("forbidden", "Only staff reply");
  const conv = await loadForAction(ctx, conversationId, "reply");
  if (opts.openedAt && !opts.force) await checkCollision(ctx, conv.id, opts.openedAt);
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
  const answered = {
    firstResponseAt: conv.firstResponseAt ?? now,
    lastMessageAt: now,
    status: conv.status === "new" || conv.status === "resolved" ? "open" : conv.status,
  };
  let sla = await slaColumnsFor(ctx, { ...conv, ...answered }, { kind: "staff_reply" });
  if (conv.status === "resolved") sla = await slaColumnsFor(ctx, { ...conv, ...answered, ...sla }, { kind: "status", from: "resolved", to: "open" });
  await saveConversation(ctx, conv.id, { ...answered, ...sla });
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
