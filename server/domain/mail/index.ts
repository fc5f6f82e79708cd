import { and, eq, gt } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { reusableInsert } from "../../db/reusable.js";
import { messages, outboundEmails, type OutboundEmailRow } from "../../db/schema/index.js";
import { emit } from "../../events/emit.js";
import type { Ctx } from "../shared/ctx.js";

export type { OutboundEmailRow };
export { escapeEmailHtml, renderEmail, type EmailTemplate } from "./templates.js";

export type QueueEmailInput = {
  purpose: "acknowledgement" | "reply" | "rating_request" | "staff";
  to: string;
  from: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html?: string | null;
  conversationId?: string | null;
  messageId?: string | null;
  inReplyTo?: string | null;
  references?: string | null;
  domain: string;
};

/** The email's INSERT, built once (db/reusable.ts): every submission queues its acknowledgement. */
const insertEmail = reusableInsert(outboundEmails);

/** The outbox row of an email to queue, its id decided here (so a statement that writes it can queue its delivery). */
export function emailValues(ctx: Ctx, input: QueueEmailInput): typeof outboundEmails.$inferInsert & { id: string } {
  return {
    id: randomUUID(),
    districtId: ctx.districtId,
    conversationId: input.conversationId ?? null,
    messageId: input.messageId ?? null,
    purpose: input.purpose,
    toAddress: input.to,
    fromAddress: input.from,
    replyTo: input.replyTo ?? null,
    subject: input.subject,
    textBody: input.text,
    htmlBody: input.html ?? null,
    headerMessageId: `<${randomUUID()}@${input.domain}>`,
    inReplyTo: input.inReplyTo ?? null,
    references: input.references ?? null,
    createdAt: ctx.now(),
  };
}

/** Queues the delivery of an email whose row the caller's transaction has written (emailValues). */
export async function queueDelivery(ctx: Ctx, emailId: string): Promise<void> {
  await ctx.enqueue(ctx.db, "deliver-email", { districtId: ctx.districtId, emailId });
}

/** Stores an email in the outbox and queues its delivery, in the caller's transaction. */
export async function queueEmail(ctx: Ctx, input: QueueEmailInput): Promise<OutboundEmailRow> {
  const [row] = await insertEmail(ctx.db, emailValues(ctx, input));
  await queueDelivery(ctx, row!.id);
  return row!;
}

export async function findEmail(ctx: Ctx, emailId: string): Promise<OutboundEmailRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.districtId, ctx.districtId), eq(outboundEmails.id, emailId)));
  return row;
}

/** Records the outcome of one delivery attempt on the email and on the message it carries. */
export async function recordDelivery(
  ctx: Ctx,
  email: OutboundEmailRow,
  outcome: { ok: true; transport: string } | { ok: false; transport: string; reason: string; final: boolean },
): Promise<void> {
  const status = outcome.ok ? "sent" : outcome.final ? "failed" : "queued";
  await ctx.db
    .update(outboundEmails)
    .set({
      status,
      transport: outcome.transport,
      attempts: email.attempts + 1,
      lastError: outcome.ok ? null : outcome.reason,
      sentAt: outcome.ok ? ctx.now() : null,
    })
    .where(and(eq(outboundEmails.districtId, ctx.districtId), eq(outboundEmails.id, email.id)));
  if (email.messageId && (outcome.ok || outcome.final)) {
    await ctx.db
      .update(messages)
      .set({ deliveryStatus: outcome.ok ? "sent" : "failed", deliveryError: outcome.ok ? null : outcome.reason })
      .where(and(eq(messages.districtId, ctx.districtId), eq(messages.id, email.messageId)));
  }
  if (outcome.ok) await emit(ctx, "email.sent", { emailId: email.id, purpose: email.purpose }, email.conversationId);
  else if (outcome.final) {
    await emit(ctx, "email.failed", { emailId: email.id, purpose: email.purpose, reason: outcome.reason }, email.conversationId);
    if (email.messageId) {
      await emit(ctx, "message.delivery_failed", { messageId: email.messageId, reason: outcome.reason }, email.conversationId);
    }
  }
}
export { recordBounce, type Bounce } from "./bounces.js";

/** How many emails of a purpose went to an address since a time (mail-loop and flood protection). */
export async function countRecentEmails(ctx: Ctx, to: string, purpose: QueueEmailInput["purpose"], since: Date): Promise<number> {
  const rows = await ctx.db
    .select({ id: outboundEmails.id })
    .from(outboundEmails)
    .where(
      and(
        eq(outboundEmails.districtId, ctx.districtId),
        eq(outboundEmails.toAddress, to),
        eq(outboundEmails.purpose, purpose),
        gt(outboundEmails.createdAt, since),
      ),
    );
  return rows.length;
}
