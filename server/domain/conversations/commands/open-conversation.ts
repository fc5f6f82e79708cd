import type { FieldValues } from "../../../../common/contract/forms.js";
import type { ChannelType, ConversationKind, Language, RequesterRole } from "../../../../common/enums.js";
import { conversations, type ConversationRow, type MessageRow } from "../../../db/schema/index.js";
import { emitAll } from "../../../events/emit.js";
import type { CheckedFile } from "../../../lib/attachments.js";
import { formatReference, takeNextNumber, type DistrictRow } from "../../districts/index.js";
import type { Ctx } from "../../shared/ctx.js";
import type { IntakeConfig } from "../intake-config.js";
import { afterConversationOpened } from "./intake.js";
import { storeMessage } from "./store-message.js";

export type NewConversation = {
  channel: ChannelType;
  subject: string;
  language: Language;
  kind: ConversationKind;
  requesterRole: RequesterRole;
  contactId: string | null;
  topicId?: string | null;
  departmentId?: string | null;
  schoolId?: string | null;
  fields?: FieldValues;
  isAnonymous?: boolean;
  message: { body: string; attachments?: CheckedFile[]; quotedText?: string | null; htmlBody?: string | null; emailMessageId?: string | null };
};

/**
 * Opens a conversation with the next district reference and its first inbound message, on any channel, then
 * routes it, checks it for critical alerts and starts its service-standard clocks (intake.ts), all in the caller's
 * transaction.
 */
export async function openConversation(
  ctx: Ctx,
  input: NewConversation,
  loaded: { district?: DistrictRow; config?: IntakeConfig } = {},
): Promise<{ conversation: ConversationRow; message: MessageRow }> {
  const { number, prefix } = await takeNextNumber(ctx);
  const reference = formatReference(prefix, number);
  const now = ctx.now();
  const [conversation] = await ctx.db
    .insert(conversations)
    .values({
      districtId: ctx.districtId,
      number,
      reference,
      subject: input.subject.slice(0, 200) || reference,
      kind: input.kind,
      requesterRole: input.requesterRole,
      status: "new",
      priority: "normal",
      channel: input.channel,
      language: input.language,
      topicId: input.topicId ?? null,
      departmentId: input.departmentId ?? null,
      schoolId: input.schoolId ?? null,
      contactId: input.contactId,
      fields: input.fields ?? {},
      isAnonymous: input.isAnonymous ?? false,
      createdAt: now,
      updatedAt: now,
      lastMessageAt: now,
    })
    .returning();
  const conv = conversation!;
  const message = await storeMessage(ctx, {
    conversationId: conv.id,
    direction: "inbound",
    channel: conv.channel,
    authorContactId: input.contactId,
    ...input.message,
  });
  const asContact: Ctx = { ...ctx, actor: { kind: "contact", contactId: input.contactId } };
  await emitAll(asContact, [
    { type: "conversation.created", payload: { reference, channel: conv.channel, topicId: conv.topicId }, conversationId: conv.id },
    { type: "message.received", payload: { messageId: message.id, channel: conv.channel }, conversationId: conv.id },
  ]);
  const routed = await afterConversationOpened(ctx, conv, message, loaded);
  return { conversation: routed, message };
}
