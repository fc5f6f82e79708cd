import { randomUUID } from "node:crypto";
import { getTableColumns, sql, type SQL, type WithSubquery } from "drizzle-orm";
import { EVENTS_CTE, eventsStatements, eventValues, type EventValues } from "../../../events/emit.js";
import type { FieldValues } from "../../../../common/contract/forms.js";
import type { ChannelType, ConversationKind, Language, RequesterRole } from "../../../../common/enums.js";
import { conversations, departments, messages, outboundEmails, staff, type ConversationRow, type MessageRow } from "../../../db/schema/index.js";
import { keysOf, placeholdersFor, prefixed, reusable } from "../../../db/reusable.js";
import type { CheckedFile } from "../../../lib/attachments.js";
import { formatReference, takeNextNumber, type DistrictRow } from "../../districts/index.js";
import { emailValues, queueDelivery, type QueueEmailInput } from "../../mail/index.js";
import type { Ctx } from "../../shared/ctx.js";
import type { IntakeConfig } from "../intake-config.js";
import { completeIntake, intakeWrites, planIntake, type IntakeDraft, type IntakeWrites } from "./intake.js";
import { messageSearchVector, newMessageRow, storeAttachments } from "./store-message.js";

type Opening = {
  message: MessageRow;
  conversation: Omit<typeof conversations.$inferInsert, "search">;
  writes: IntakeWrites;
  events: EventValues | null;
  email: EmailValues | null;
  at: Date;
};

/**
 * The conversation's INSERT, which writes in WITH clauses its first message (whose foreign key is checked at the end
 * of the statement, when the conversation exists), what intake writes besides (`writes`): the round-robin cursor, the
 * assignee's last assignment, given `events` the timeline with its NOTIFYs (sent by the RETURNING clause reading
 * them, in seq order), and given `email` the acknowledgement's outbox row. One statement for all, built once per
 * shape (db/reusable.ts). The first message's words are the conversation's search vector; the subject's are added
 * by the conversations_search_bi trigger.
 */
const insertOpening = reusable<Opening, (ConversationRow & { notified?: number })[]>({
  shape: (o) => `${keysOf(o.conversation)}|${o.events?.count ?? "-"}|${o.writes.cursor ? "c" : ""}${o.writes.assigneeId ? "a" : ""}|${o.email ? keysOf(o.email) : "-"}`,
  build: (db, o) => {
    const p = (name: string) => sql.placeholder(name);
    const clauses: WithSubquery[] = [db.$with("first_message", { id: messages.id }).as(db.insert(messages).values(placeholdersFor(o.message, "m_")).returning({ id: messages.id }).getSQL())];
    if (o.writes.cursor) {
      clauses.push(db.$with("routed_cursor", { id: departments.id }).as(sql`update ${departments} set round_robin_cursor = ${p("cursor_staff")} where district_id = ${p("c_districtId")} and id = ${p("cursor_department")} returning id`));
    }
    if (o.writes.assigneeId) {
      clauses.push(db.$with("assigned_staff", { id: staff.id }).as(sql`update ${staff} set last_assigned_at = ${p("at")} where district_id = ${p("c_districtId")} and id = ${p("assignee")} returning id`));
    }
    if (o.email) {
      clauses.push(db.$with("acknowledgement", { id: outboundEmails.id }).as(db.insert(outboundEmails).values(placeholdersFor(o.email, "e_")).returning({ id: outboundEmails.id }).getSQL()));
    }
    let notified: { notified?: SQL<number> } = {};
    if (o.events) {
      const e = eventsStatements(o.events.count);
      clauses.push(db.$with(EVENTS_CTE, { seq: sql<number>`seq` }).as(e.insert));
      clauses.push(db.$with("opening_notified", { n: sql`1` }).as(e.notify));
      notified = { notified: sql<number>`(select count(*)::int from opening_notified)` };
    }
    return db
      .with(...clauses)
      .insert(conversations)
      .values({ ...placeholdersFor(o.conversation, "c_"), search: messageSearchVector(sql.placeholder("m_body")) })
      .returning({ ...getTableColumns(conversations), ...notified });
  },
  values: (o) => ({
    ...prefixed(o.message, "m_"),
    ...prefixed(o.conversation, "c_"),
    ...(o.writes.cursor ? { cursor_staff: o.writes.cursor.staffId, cursor_department: o.writes.cursor.departmentId } : {}),
    ...(o.writes.assigneeId ? { assignee: o.writes.assigneeId, at: o.at } : {}),
    ...o.events?.values,
    ...(o.email ? prefixed(o.email, "e_") : {}),
  }),
});

type EmailValues = ReturnType<typeof emailValues>;

/** What a new conversation's links are made of, known before it is written (conversations/links.ts). */
export type Opened = { id: string; reference: string; accessVersion: number };

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
 * statement. `acknowledgement`, given what the family's link and reply address are made of, is the email that
 * acknowledges the conversation (or null): it is written with the conversation and its delivery queued.
 */
export async function openConversation(
  ctx: Ctx,
  input: NewConversation,
  loaded: { district?: DistrictRow; config?: IntakeConfig } = {},
  acknowledgement?: (opened: Opened) => QueueEmailInput | null,
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
  const asContact = { kind: "contact", contactId: input.contactId } as const;
  const writes = intakeWrites(ctx, conversationId, plan, {
    openedDepartmentId: draft.departmentId,
    events: [
      { type: "conversation.created", payload: { reference, channel: input.channel, topicId: draft.topicId }, conversationId, actor: asContact },
      { type: "message.received", payload: { messageId: message.id, channel: input.channel }, conversationId, actor: asContact },
    ],
  });
  // rule watchers are added between routing's events and triage's: then completeIntake records the timeline in order
  const eventsWithInsert = writes.watchers.length === 0;
  const opened: Opened = { id: conversationId, reference, accessVersion: 1 };
  const ackInput = acknowledgement?.(opened) ?? null;
  const email = ackInput ? emailValues(ctx, { ...ackInput, conversationId }) : null;
  const [conversation] = await insertOpening(ctx.db, {
    message,
    conversation: {
      id: conversationId,
      districtId: ctx.districtId,
      number,
      reference,
      accessVersion: opened.accessVersion,
      ...draft,
      subject: draft.subject || reference,
      status: "new",
      contactId: input.contactId,
      isAnonymous: input.isAnonymous ?? false,
      updatedAt: now,
      lastMessageAt: now,
      ...plan.columns,
    },
    writes,
    events: eventsWithInsert ? eventValues(ctx, [...writes.events, ...writes.afterWatchers]) : null,
    email,
    at: now,
  });
  const { notified: _notified, ...conv } = conversation!;
  await storeAttachments(ctx, message.id, input.message.attachments ?? []);
  const routed = await completeIntake(ctx, conv, message, plan, writes, eventsWithInsert);
  if (email) await queueDelivery(ctx, email.id);
  return { conversation: routed, message };
}
