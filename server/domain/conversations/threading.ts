import { and, eq, inArray } from "drizzle-orm";
import {
  contactIdentities,
  conversationParticipants,
  conversations,
  messages,
  outboundEmails,
  type ConversationRow,
  type DistrictRow,
} from "../../db/schema/index.js";
import { conversationIdFromToken, verifyConversationToken } from "../../lib/signed-links.js";
import type { Ctx } from "../shared/ctx.js";

export type ThreadMatch = { conversation: ConversationRow; by: "reply_token" | "in_reply_to" | "subject_reference" };

async function byId(ctx: Ctx, id: string): Promise<ConversationRow | undefined> {
  const [row] = await ctx.db.select().from(conversations).where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, id)));
  return row;
}

/** The conversation named by a signed plus-address (`letstalk+<token>@reply-domain`) among the recipients. */
async function byReplyToken(ctx: Ctx, district: DistrictRow, recipients: string[]): Promise<ConversationRow | undefined> {
  for (const address of recipients) {
    const m = /^[^+@]+\+([A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{20,40})@(.+)$/.exec(address.trim());
    if (!m || m[2]!.toLowerCase() !== district.replyDomain.toLowerCase()) continue;
    const id = conversationIdFromToken(m[1]!);
    const conv = id ? await byId(ctx, id) : undefined;
    if (conv && verifyConversationToken(district.signingKey, "reply", m[1]!, conv.accessVersion)) return conv;
  }
  return undefined;
}

/** The conversation of any Message-ID this email answers (ours, or an earlier inbound one). */
async function byMessageIds(ctx: Ctx, ids: string[]): Promise<ConversationRow | undefined> {
  if (ids.length === 0) return undefined;
  const [out] = await ctx.db
    .select({ id: outboundEmails.conversationId })
    .from(outboundEmails)
    .where(and(eq(outboundEmails.districtId, ctx.districtId), inArray(outboundEmails.headerMessageId, ids)))
    .limit(1);
  if (out?.id) return byId(ctx, out.id);
  const [inb] = await ctx.db
    .select({ id: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.districtId, ctx.districtId), inArray(messages.emailMessageId, ids)))
    .limit(1);
  return inb ? byId(ctx, inb.id) : undefined;
}

/** True when the address belongs to the requester or a participant of the conversation. */
export async function isParticipant(ctx: Ctx, conv: ConversationRow, email: string): Promise<boolean> {
  const [identity] = await ctx.db
    .select({ contactId: contactIdentities.contactId })
    .from(contactIdentities)
    .where(and(eq(contactIdentities.districtId, ctx.districtId), eq(contactIdentities.kind, "email"), eq(contactIdentities.value, email)));
  if (!identity) return false;
  if (identity.contactId === conv.contactId) return true;
  const [p] = await ctx.db
    .select({ c: conversationParticipants.contactId })
    .from(conversationParticipants)
    .where(
      and(
        eq(conversationParticipants.districtId, ctx.districtId),
        eq(conversationParticipants.conversationId, conv.id),
        eq(conversationParticipants.contactId, identity.contactId),
      ),
    );
  return Boolean(p);
}

/**
 * Finds the conversation an email continues, in layers: our signed reply address, then
 * In-Reply-To/References against stored Message-IDs, then a `[RUSD-1042]` subject tag — the last only
 * when the sender is already on that conversation, so quoting someone else's number opens a new case.
 */
export async function findThread(
  ctx: Ctx,
  district: DistrictRow,
  email: { recipients: string[]; inReplyTo: string | null; references: string[]; subject: string; from: string },
): Promise<ThreadMatch | undefined> {
  const token = await byReplyToken(ctx, district, email.recipients);
  if (token) return { conversation: token, by: "reply_token" };
  const ids = [...new Set([email.inReplyTo, ...email.references.slice().reverse()].filter((x): x is string => Boolean(x)))].slice(0, 50);
  const replied = await byMessageIds(ctx, ids);
  if (replied) return { conversation: replied, by: "in_reply_to" };
  const escaped = district.referencePrefix.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const tag = new RegExp(`\\[(${escaped}-\\d{1,9})\\]`, "i").exec(email.subject);
  if (tag) {
    const [conv] = await ctx.db
      .select()
      .from(conversations)
      // by its number (the district's unique index), the whole reference compared too
      .where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.number, Number(tag[1]!.slice(tag[1]!.lastIndexOf("-") + 1))), eq(conversations.reference, tag[1]!.toUpperCase())));
    if (conv && (await isParticipant(ctx, conv, email.from))) return { conversation: conv, by: "subject_reference" };
  }
  return undefined;
}
