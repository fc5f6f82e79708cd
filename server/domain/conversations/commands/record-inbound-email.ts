import { and, eq, inArray } from "drizzle-orm";
import type { Language } from "../../../../common/enums.js";
import { normalizeEmail } from "../../../../common/utils/contact-address.js";
import { guessLanguage } from "../../../../common/utils/language.js";
import { promiseText } from "../../../../common/utils/promise.js";
import { conversationParticipants, messages, staff, type ConversationRow, type DistrictRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import type { CheckedFile } from "../../../lib/attachments.js";
import { findOrCreateContact } from "../../contacts/index.js";
import { getDistrict } from "../../districts/index.js";
import { countRecentEmails, queueEmail, recordBounce, renderEmail, type Bounce } from "../../mail/index.js";
import type { Ctx } from "../../shared/ctx.js";
import { replyAddress, statusUrl } from "../links.js";
import { saveConversation } from "../load.js";
import { findThread, type ThreadMatch } from "../threading.js";
import { slaColumnsFor } from "../../sla/index.js";
import { addContactMessage } from "./add-contact-message.js";
import { openConversation } from "./open-conversation.js";
import { storeMessage } from "./store-message.js";

export type InboundEmail = {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: { address: string; name: string | null };
  to: string[];
  cc: string[];
  subject: string;
  visibleText: string;
  quotedText: string | null;
  html: string | null;
  attachments: CheckedFile[];
  /** The sender asked not to get automatic answers (RFC 3834 Precedence/Auto-Submitted on a real message). */
  suppressAcknowledgement?: boolean;
  automatic: null | { kind: "auto_reply"; reason: string } | { kind: "feedback_report"; reason: string; recipients: string[] } | ({ kind: "bounce" } & Bounce);
};

export type InboundEmailOutcome =
  | { kind: "recorded"; conversationId: string; messageId: string; created: boolean; threadedBy: ThreadMatch["by"] | "new"; asStaff: boolean }
  | { kind: "duplicate"; conversationId: string }
  | { kind: "bounce"; emailId: string | null; conversationId: string | null }
  | { kind: "auto_reply"; conversationId: string | null }
  | { kind: "feedback_report"; conversationId: string | null }
  | { kind: "ignored"; reason: string };

const ACK_LIMIT_PER_HOUR = 3;
const NO_REPLY = /^(no-?reply|do-?not-?reply|mailer-daemon|postmaster|bounces?)([+.@-]|$)/i;

function isDistrictAddress(district: DistrictRow, address: string): boolean {
  const a = address.toLowerCase();
  return a === district.fromEmail.toLowerCase() || a.endsWith(`@${district.replyDomain.toLowerCase()}`);
}

async function staffByEmail(ctx: Ctx, email: string): Promise<{ id: string; name: string } | undefined> {
  const [row] = await ctx.db
    .select({ id: staff.id, name: staff.name })
    .from(staff)
    .where(and(eq(staff.districtId, ctx.districtId), eq(staff.email, email), eq(staff.active, true)));
  return row;
}

/** CC'd and To'd people (not the district, not staff, not the requester) join the conversation as participants. */
async function addParticipants(ctx: Ctx, district: DistrictRow, conv: ConversationRow, addresses: string[]): Promise<void> {
  const wanted = [...new Set(addresses.map((a) => normalizeEmail(a)).filter((a): a is string => Boolean(a)))].filter(
    (a) => !isDistrictAddress(district, a),
  );
  if (wanted.length === 0) return;
  const staffRows = await ctx.db
    .select({ email: staff.email })
    .from(staff)
    .where(and(eq(staff.districtId, ctx.districtId), inArray(staff.email, wanted)));
  for (const address of wanted.filter((a) => !staffRows.some((s) => s.email === a)).slice(0, 20)) {
    const contact = await findOrCreateContact(ctx, { email: address });
    if (contact.id === conv.contactId) continue;
    const inserted = await ctx.db
      .insert(conversationParticipants)
      .values({ districtId: ctx.districtId, conversationId: conv.id, contactId: contact.id, role: "cc", createdAt: ctx.now() })
      .onConflictDoNothing()
      .returning();
    if (inserted.length > 0) await emit(ctx, "participant.added", { contactId: contact.id, role: "cc" }, conv.id);
  }
}

async function acknowledge(ctx: Ctx, district: DistrictRow, conv: ConversationRow, to: string, email: InboundEmail): Promise<void> {
  if (NO_REPLY.test(to) || email.suppressAcknowledgement) return;
  const hourAgo = new Date(ctx.now().getTime() - 3_600_000);
  if ((await countRecentEmails(ctx, to, "acknowledgement", hourAgo)) >= ACK_LIMIT_PER_HOUR) return;
  const lang = conv.language as Language;
  const rendered = renderEmail(lang, {
    kind: "acknowledgement",
    districtName: district.name,
    reference: conv.reference,
    topic: email.subject || conv.reference,
    statusUrl: statusUrl(ctx, district, conv),
    promise: promiseText(lang, district.responseDays),
    message: email.visibleText,
  });
  await queueEmail(ctx, {
    purpose: "acknowledgement",
    to,
    from: `${district.name} <${district.fromEmail}>`,
    replyTo: replyAddress(district, conv),
    ...rendered,
    conversationId: conv.id,
    inReplyTo: email.messageId,
    references: email.messageId,
    domain: district.replyDomain,
  });
}

async function recordAutomatic(ctx: Ctx, district: DistrictRow, email: InboundEmail): Promise<InboundEmailOutcome> {
  const auto = email.automatic!;
  if (auto.kind === "bounce") {
    const r = await recordBounce(ctx, auto);
    return { kind: "bounce", ...r };
  }
  const thread = await findThread(ctx, district, { ...threadKeys(email), from: email.from.address });
  const conversationId = thread?.conversation.id ?? null;
  if (auto.kind === "auto_reply") {
    if (conversationId) await emit(ctx, "email.auto_reply_received", { messageId: email.messageId, reason: auto.reason }, conversationId);
    return { kind: "auto_reply", conversationId };
  }
  await emit(ctx, "email.complaint_received", { recipients: auto.recipients }, conversationId);
  return { kind: "feedback_report", conversationId };
}

const threadKeys = (e: InboundEmail) => ({ recipients: [...e.to, ...e.cc], inReplyTo: e.inReplyTo, references: e.references, subject: e.subject });

/**
 * One inbound email into the universal inbox. Automatic mail (bounces, out-of-office, abuse reports) never
 * opens a conversation. A reply threads into its conversation (see findThread) whoever sends it: the requester,
 * a CC'd participant, or staff answering from their own mail client (recorded as a sent reply). Otherwise a new
 * conversation opens and the sender gets one acknowledgement (rate-limited, never to no-reply senders).
 */
export async function recordInboundEmail(ctx: Ctx, email: InboundEmail): Promise<InboundEmailOutcome> {
  const district = await getDistrict(ctx);
  const from = normalizeEmail(email.from.address);
  if (email.automatic) return recordAutomatic(ctx, district, email);
  if (!from) return { kind: "ignored", reason: "no sender address" };
  if (isDistrictAddress(district, from)) return { kind: "ignored", reason: "sent by the district's own address (loop)" };
  if (email.messageId) {
    const [dup] = await ctx.db
      .select({ conversationId: messages.conversationId })
      .from(messages)
      .where(and(eq(messages.districtId, ctx.districtId), eq(messages.emailMessageId, email.messageId)))
      .limit(1);
    if (dup) return { kind: "duplicate", conversationId: dup.conversationId };
  }
  const staffMember = await staffByEmail(ctx, from);
  const thread = await findThread(ctx, district, { ...threadKeys(email), from });
  const body = email.visibleText.trim() || (email.attachments.length > 0 ? "(attachments only)" : "(empty message)");
  const messageFields = { body, attachments: email.attachments, quotedText: email.quotedText, htmlBody: email.html, emailMessageId: email.messageId };

  if (thread) {
    const conv = thread.conversation;
    if (staffMember) {
      const asStaff: Ctx = { ...ctx, actor: { kind: "staff", staffId: staffMember.id, role: "agent", departmentIds: [], name: staffMember.name } };
      const message = await storeMessage(asStaff, { conversationId: conv.id, direction: "outbound", channel: "email", authorStaffId: staffMember.id, deliveryStatus: "sent", ...messageFields });
      const answered = { firstResponseAt: conv.firstResponseAt ?? ctx.now(), lastMessageAt: ctx.now(), status: conv.status === "new" ? "open" : conv.status };
      await saveConversation(ctx, conv.id, { ...answered, ...(await slaColumnsFor(ctx, { ...conv, ...answered }, { kind: "staff_reply" })) });
      await emit(asStaff, "message.sent", { messageId: message.id }, conv.id);
      return { kind: "recorded", conversationId: conv.id, messageId: message.id, created: false, threadedBy: thread.by, asStaff: true };
    }
    const contact = await findOrCreateContact(ctx, { email: from, name: email.from.name });
    const { message } = await addContactMessage(ctx, conv.id, { channel: "email", authorContactId: contact.id, ...messageFields });
    await addParticipants(ctx, district, conv, [from, ...email.to, ...email.cc]);
    return { kind: "recorded", conversationId: conv.id, messageId: message.id, created: false, threadedBy: thread.by, asStaff: false };
  }

  const language = guessLanguage(`${email.subject}\n${email.visibleText}`);
  const contact = await findOrCreateContact(ctx, { email: from, name: email.from.name, language });
  const { conversation, message } = await openConversation(ctx, {
    channel: "email",
    subject: email.subject.trim() || body.split("\n")[0]!.slice(0, 80),
    language,
    kind: "question",
    requesterRole: staffMember ? "staff" : "parent",
    contactId: contact.id,
    message: messageFields,
  });
  await addParticipants(ctx, district, conversation, [...email.to, ...email.cc]);
  await acknowledge(ctx, district, conversation, from, email);
  return { kind: "recorded", conversationId: conversation.id, messageId: message.id, created: true, threadedBy: "new", asStaff: false };
}
