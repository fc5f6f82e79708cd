import { and, desc, eq, gt, inArray } from "drizzle-orm";
import { messages, outboundEmails } from "../../db/schema/index.js";
import { emit } from "../../events/emit.js";
import { markEmailBouncing } from "../contacts/index.js";
import type { Ctx } from "../shared/ctx.js";

export type Bounce = { originalMessageId: string | null; recipients: string[]; permanent: boolean; status: string | null; reason: string };

/**
 * A delivery failure report: the outbound email it answers (by Message-ID, else the latest email to
 * that address this week) is marked failed with the reason, and the address is flagged as bouncing.
 */
export async function recordBounce(ctx: Ctx, b: Bounce): Promise<{ emailId: string | null; conversationId: string | null }> {
  const recipients = b.recipients.map((r) => r.trim().toLowerCase()).filter(Boolean);
  let [email] = b.originalMessageId
    ? await ctx.db
        .select()
        .from(outboundEmails)
        .where(and(eq(outboundEmails.districtId, ctx.districtId), eq(outboundEmails.headerMessageId, b.originalMessageId)))
    : [];
  if (!email && recipients.length > 0) {
    [email] = await ctx.db
      .select()
      .from(outboundEmails)
      .where(
        and(
          eq(outboundEmails.districtId, ctx.districtId),
          inArray(outboundEmails.toAddress, recipients),
          gt(outboundEmails.createdAt, new Date(ctx.now().getTime() - 7 * 86_400_000)),
        ),
      )
      .orderBy(desc(outboundEmails.createdAt))
      .limit(1);
  }
  const to = recipients.length > 0 ? recipients : email ? [email.toAddress] : [];
  if (b.permanent) await markEmailBouncing(ctx, to);
  if (email && b.permanent) {
    const reason = `${b.status ?? "5.0.0"} ${b.reason}`.trim().slice(0, 500);
    await ctx.db.update(outboundEmails).set({ status: "failed", lastError: reason }).where(and(eq(outboundEmails.districtId, ctx.districtId), eq(outboundEmails.id, email.id)));
    if (email.messageId) {
      await ctx.db
        .update(messages)
        .set({ deliveryStatus: "failed", deliveryError: reason })
        .where(and(eq(messages.districtId, ctx.districtId), eq(messages.id, email.messageId)));
    }
  }
  await emit(ctx, "email.bounced", { emailId: email?.id ?? null, recipients: to, permanent: b.permanent, status: b.status }, email?.conversationId ?? null);
  return { emailId: email?.id ?? null, conversationId: email?.conversationId ?? null };
}
