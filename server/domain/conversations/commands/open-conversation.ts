import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { FieldValues } from "../../../../common/contract/forms.js";
import type { ChannelType, ConversationKind, Language, RequesterRole } from "../../../../common/enums.js";
import { conversations, messages, type ConversationRow, type MessageRow } from "../../../db/schema/index.js";
import { keysOf, placeholdersFor, prefixed, reusable } from "../../../db/reusable.js";
import type { CheckedFile } from "../../../lib/attachments.js";
import { formatReference, takeNextNumber, type DistrictRow } from "../../districts/index.js";
import type { Ctx } from "../../shared/ctx.js";
import type { IntakeConfig } from "../intake-config.js";
import { completeIntake, planIntake, type IntakeDraft } from "./intake.js";
import { messageSearchVector, newMessageRow, storeAttachments } from "./store-message.js";

type Opening = { message: MessageRow; conversation: Omit<typeof conversations.$inferInsert, "search"> };

/**
 * The conversation's INSERT, which writes its first message in a WITH clause (the message's foreign key is checked at
 * the end of the statement, when the conversation exists): one statement for both, built once per set of columns
 * (db/reusable.ts). The first message's words are its search vector; the subject's are added by the
 * conversations_search_bi trigger.
 */
const insertOpening = reusable<Opening, ConversationRow[]>({
  shape: (o) => keysOf(o.conversation),
  build: (db, o) => {
    const first = db.$with("first_message", { id: messages.id }).as(db.insert(messages).values(placeholdersFor(o.message, "m_")).returning({ id: messages.id }).getSQL());
    return db
      .with(first)
      .insert(conversations)
      .values({ ...placeholdersFor(o.conversation, "c_"), search: messageSearchVector(sql.placeholder("m_body")) })
      .returning();
  },
  values: (o) => ({ ...prefixed(o.message, "m_"), ...prefixed(o.conversation, "c_") }),
});

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
 * Opens a conversation with the next district reference and its first inbound message, on any channel, routed,
 * checked for critical alerts and on its service-standard clocks (intake.ts), all in the caller's transaction. The
 * routing, the clocks and the first message's words for search are decided before the conversation is written, so
 * it is written once (an update rewrites every index of the row), and its opening and routing events are one
 * statement.
 */
export async function openConversation(
  ctx: Ctx,
  input: NewConversation,
  loaded: { district?: DistrictRow; config?: IntakeConfig } = {},
): Promise<{ conversation: ConversationRow; message: MessageRow }> {
  const now = ctx.now();
  const draft: IntakeDraft = {
    topicId: input.topicId ?? null,
    schoolId: input.schoolId ?? null,
    departmentId: input.departmentId ?? null,
    channel: input.channel,
    language: input.language,
    requesterRole: input.requesterRole,
    kind: input.kind,
    priority: "normal",
    fields: input.fields ?? {},
    subject: input.subject.slice(0, 200),
    tags: [],
    createdAt: now,
  };
  // on PostgreSQL the number is taken on a connection of its own (ctx.app.numbers), while intake decides
  const [plan, { number, prefix }] = ctx.app.numbers
    ? await Promise.all([planIntake(ctx, draft, input.message.body, loaded), takeNextNumber(ctx)])
    : [await planIntake(ctx, draft, input.message.body, loaded), await takeNextNumber(ctx)];
  const reference = formatReference(prefix, number);
  const conversationId = randomUUID();
  const message = newMessageRow(ctx, { conversationId, direction: "inbound", channel: input.channel, authorContactId: input.contactId, ...input.message });
  const [conversation] = await insertOpening(ctx.db, {
    message,
    conversation: {
      id: conversationId,
      districtId: ctx.districtId,
      number,
      reference,
      ...draft,
      subject: draft.subject || reference,
      status: "new",
      contactId: input.contactId,
      isAnonymous: input.isAnonymous ?? false,
      updatedAt: now,
      lastMessageAt: now,
      ...plan.columns,
    },
  });
  const conv = conversation!;
  await storeAttachments(ctx, message.id, input.message.attachments ?? []);
  const asContact = { kind: "contact", contactId: input.contactId } as const;
  const routed = await completeIntake(ctx, conv, message, plan, {
    openedDepartmentId: draft.departmentId,
    events: [
      { type: "conversation.created", payload: { reference, channel: conv.channel, topicId: conv.topicId }, conversationId: conv.id, actor: asContact },
      { type: "message.received", payload: { messageId: message.id, channel: conv.channel }, conversationId: conv.id, actor: asContact },
    ],
  });
  return { conversation: routed, message };
}
