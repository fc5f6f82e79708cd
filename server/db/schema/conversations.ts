import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { FieldValues } from "../../../common/contract/forms.js";
import { departments, districts, schools, topics } from "./districts.js";
import { incidentClusters, slaPolicies } from "./routing.js";
import { staff } from "./staff.js";
import type { RoutingExplanation } from "../../../common/contract/routing.js";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/** A community member: parent, student, resident. */
export const contacts = pgTable(
  "contacts",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    name: text("name"),
    preferredLanguage: text("preferred_language").notNull().default("en"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index("contacts_district_idx").on(t.districtId, t.createdAt),
  ],
);

/** A contact's address on one channel (normalised email or E.164 phone). */
export const contactIdentities = pgTable(
  "contact_identities",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    contactId: uuid("contact_id").notNull(),
    kind: text("kind").notNull(),
    value: text("value").notNull(),
    bouncing: boolean("bouncing").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "contact_identities_contact_fk", columns: [t.districtId, t.contactId], foreignColumns: [contacts.districtId, contacts.id] }).onDelete("cascade"),
    uniqueIndex("contact_identities_value_uq").on(t.districtId, t.kind, t.value),
    index("contact_identities_contact_idx").on(t.districtId, t.contactId),
    check("contact_identities_kind_ck", sql`${t.kind} in ('email','phone')`),
  ],
);

/** One case: everything a family said and the district answered about one matter. */
export const conversations = pgTable(
  "conversations",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    number: integer("number").notNull(),
    reference: text("reference").notNull(),
    subject: text("subject").notNull(),
    kind: text("kind").notNull().default("question"),
    requesterRole: text("requester_role").notNull().default("parent"),
    status: text("status").notNull().default("new"),
    priority: text("priority").notNull().default("normal"),
    channel: text("channel").notNull(),
    language: text("language").notNull().default("en"),
    topicId: uuid("topic_id"),
    departmentId: uuid("department_id"),
    assigneeId: uuid("assignee_id"),
    schoolId: uuid("school_id"),
    contactId: uuid("contact_id"),
    fields: jsonb("fields").$type<FieldValues>().notNull().default({}),
    isAnonymous: boolean("is_anonymous").notNull().default(false),
    /** Bumped to revoke every private link previously sent for this conversation. */
    accessVersion: integer("access_version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    firstResponseAt: timestamp("first_response_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /**
     * Business minutes from creation to the first response / to the (last) resolution, minus the pauses (pending, or
     * resolved before a reopen), stamped when they happen on the district calendar of that moment (docs/METRICS.md),
     * so reports take medians in SQL. Null until then; the reports compute the same from the timeline when null.
     */
    firstResponseBusinessMinutes: integer("first_response_business_minutes"),
    resolutionBusinessMinutes: integer("resolution_business_minutes"),
    tags: text("tags").array().notNull().default(sql`ARRAY[]::text[]`),
    /** Why it went where it went: the routing steps, and the classifier's suggestions when it waits in triage. */
    routing: jsonb("routing").$type<RoutingExplanation>(),
    /** Nobody could be chosen (no department, nobody available, low confidence): waits in the triage queue. */
    inTriage: boolean("in_triage").notNull().default(false),
    slaPolicyId: uuid("sla_policy_id"),
    firstResponseDueAt: timestamp("first_response_due_at", { withTimezone: true }),
    nextResponseDueAt: timestamp("next_response_due_at", { withTimezone: true }),
    resolutionDueAt: timestamp("resolution_due_at", { withTimezone: true }),
    slaPausedAt: timestamp("sla_paused_at", { withTimezone: true }),
    slaWarned: text("sla_warned").array().notNull().default(sql`ARRAY[]::text[]`),
    slaBreached: text("sla_breached").array().notNull().default(sql`ARRAY[]::text[]`),
    /** The next instant a service-standard warning or breach falls due (the sweeper's index); null when none. */
    slaNextCheckAt: timestamp("sla_next_check_at", { withTimezone: true }),
    /** active while a raised alert waits for a responder; acknowledged / downgraded afterwards. */
    alertStatus: text("alert_status"),
    clusterId: uuid("cluster_id"),
    /** What incident detection compares (content words, numbers, short form answers), kept so later reports need not re-read messages. */
    incidentTerms: text("incident_terms").array(),
    search: tsvector("search"),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "conversations_topic_fk", columns: [t.districtId, t.topicId], foreignColumns: [topics.districtId, topics.id] }).onDelete("set null"),
    foreignKey({ name: "conversations_department_fk", columns: [t.districtId, t.departmentId], foreignColumns: [departments.districtId, departments.id] }).onDelete("set null"),
    foreignKey({ name: "conversations_assignee_fk", columns: [t.districtId, t.assigneeId], foreignColumns: [staff.districtId, staff.id] }).onDelete("set null"),
    foreignKey({ name: "conversations_school_fk", columns: [t.districtId, t.schoolId], foreignColumns: [schools.districtId, schools.id] }).onDelete("set null"),
    foreignKey({ name: "conversations_contact_fk", columns: [t.districtId, t.contactId], foreignColumns: [contacts.districtId, contacts.id] }).onDelete("set null"),
    foreignKey({ name: "conversations_sla_policy_fk", columns: [t.districtId, t.slaPolicyId], foreignColumns: [slaPolicies.districtId, slaPolicies.id] }).onDelete("set null"),
    foreignKey({ name: "conversations_cluster_fk", columns: [t.districtId, t.clusterId], foreignColumns: [incidentClusters.districtId, incidentClusters.id] }).onDelete("set null"),
    uniqueIndex("conversations_district_number_uq").on(t.districtId, t.number),
    index("conversations_inbox_idx").on(t.districtId, t.status, t.lastMessageAt),
    index("conversations_recent_idx").on(t.districtId, t.lastMessageAt, t.id),
    // The inbox's default orders (waiting alerts pinned first, then newest), so a first page reads 50 index entries
    // instead of sorting the district: the expression must stay identical to PIN in domain/conversations/queries.ts.
    index("conversations_inbox_latest_idx").on(t.districtId, sql`(case when alert_status = 'active' then 0 else 1 end)`, t.lastMessageAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_inbox_created_idx").on(t.districtId, sql`(case when alert_status = 'active' then 0 else 1 end)`, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("conversations_assignee_idx").on(t.districtId, t.assigneeId, t.status),
    index("conversations_department_idx").on(t.districtId, t.departmentId, t.status),
    index("conversations_contact_idx").on(t.districtId, t.contactId),
    // (district_id, created_at) is conversations_report_idx, created by hand in 0007_report_times.sql because drizzle
    // cannot declare INCLUDE: it carries the columns the reports read, so their period scans are index-only.
    /** reports: resolved in a period, and open-at-an-instant snapshots in the past */
    index("conversations_resolved_idx").on(t.districtId, t.resolvedAt),
    index("conversations_search_idx").using("gin", t.search),
    /** search by reference ("RUSD-1042", any case) beside the full text: a bitmap OR of both indexes */
    index("conversations_sla_check_idx").on(t.slaNextCheckAt),
    index("conversations_triage_idx").on(t.districtId, t.inTriage, t.status),
    index("conversations_cluster_idx").on(t.districtId, t.clusterId),
    /**
     * Incident detection's candidates (clusters/index.ts): a topic's (or, topic null, a department's) newest reports
     * since an instant, newest first, found by range instead of the district's every unresolved conversation.
     */
    index("conversations_topic_created_idx").on(t.districtId, t.topicId, t.createdAt, t.id),
    check("conversations_alert_status_ck", sql`${t.alertStatus} is null or ${t.alertStatus} in ('active','acknowledged','downgraded')`),
    check("conversations_status_ck", sql`${t.status} in ('new','open','pending','resolved')`),
    check("conversations_priority_ck", sql`${t.priority} in ('critical','high','normal','low')`),
    check("conversations_kind_ck", sql`${t.kind} in ('question','concern','comment','suggestion','compliment')`),
    check("conversations_requester_role_ck", sql`${t.requesterRole} in ('parent','student','staff','community')`),
    check("conversations_language_ck", sql`${t.language} in ('en','es')`),
  ],
);

/** inbound (from the family), outbound (staff reply), note (internal, never sent). */
export const messages = pgTable(
  "messages",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    direction: text("direction").notNull(),
    channel: text("channel").notNull(),
    body: text("body").notNull(),
    /** Quoted history and signature folded away from the visible text (email). */
    quotedText: text("quoted_text"),
    /** Sanitised HTML of an inbound email, for "show original". */
    htmlBody: text("html_body"),
    authorStaffId: uuid("author_staff_id"),
    authorContactId: uuid("author_contact_id"),
    deliveryStatus: text("delivery_status"),
    deliveryError: text("delivery_error"),
    emailMessageId: text("email_message_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "messages_conversation_fk", columns: [t.districtId, t.conversationId], foreignColumns: [conversations.districtId, conversations.id] }).onDelete("cascade"),
    foreignKey({ name: "messages_author_staff_fk", columns: [t.districtId, t.authorStaffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("set null"),
    foreignKey({ name: "messages_author_contact_fk", columns: [t.districtId, t.authorContactId], foreignColumns: [contacts.districtId, contacts.id] }).onDelete("set null"),
    index("messages_conversation_idx").on(t.districtId, t.conversationId, t.createdAt),
    index("messages_email_message_id_idx").on(t.districtId, t.emailMessageId),
    check("messages_direction_ck", sql`${t.direction} in ('inbound','outbound','note')`),
    check("messages_delivery_status_ck", sql`${t.deliveryStatus} is null or ${t.deliveryStatus} in ('queued','sent','failed')`),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").notNull(),
    filename: text("filename").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    data: bytea("data").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "attachments_message_fk", columns: [t.districtId, t.messageId], foreignColumns: [messages.districtId, messages.id] }).onDelete("cascade"),
    index("attachments_message_idx").on(t.districtId, t.messageId),
  ],
);

/** The timeline and the outbox: every action with its actor, written in the same transaction as the change. */
export const events = pgTable(
  "events",
  {
    seq: bigserial("seq", { mode: "number" }).notNull(),
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id"),
    type: text("type").notNull(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.seq] }),
    uniqueIndex("events_id_uq").on(t.districtId, t.id),
    foreignKey({ name: "events_conversation_fk", columns: [t.districtId, t.conversationId], foreignColumns: [conversations.districtId, conversations.id] }).onDelete("cascade"),
    index("events_conversation_idx").on(t.districtId, t.conversationId, t.seq),
    /** reports: events of one type in a period (breaches) */
    index("events_type_created_idx").on(t.districtId, t.type, t.createdAt),
  ],
);

/** A one-time satisfaction survey sent when a conversation is resolved. */
export const ratings = pgTable(
  "ratings",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    accuracy: smallint("accuracy"),
    timeliness: smallint("timeliness"),
    courtesy: smallint("courtesy"),
    comment: text("comment"),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "ratings_conversation_fk", columns: [t.districtId, t.conversationId], foreignColumns: [conversations.districtId, conversations.id] }).onDelete("cascade"),
    uniqueIndex("ratings_token_uq").on(t.districtId, t.tokenHash),
    index("ratings_conversation_idx").on(t.districtId, t.conversationId),
    index("ratings_submitted_idx").on(t.districtId, t.submittedAt),
    index("ratings_requested_idx").on(t.districtId, t.requestedAt),
    check("ratings_scale_ck", sql`(${t.accuracy} is null or ${t.accuracy} between 1 and 10) and (${t.timeliness} is null or ${t.timeliness} between 1 and 10) and (${t.courtesy} is null or ${t.courtesy} between 1 and 10)`),
  ],
);

/** Every email Front Office sends; the development sink (/dev/outbox) reads it too. */
export const outboundEmails = pgTable(
  "outbound_emails",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id"),
    messageId: uuid("message_id"),
    purpose: text("purpose").notNull(),
    toAddress: text("to_address").notNull(),
    fromAddress: text("from_address").notNull(),
    replyTo: text("reply_to"),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body"),
    headerMessageId: text("header_message_id").notNull(),
    inReplyTo: text("in_reply_to"),
    references: text("references"),
    status: text("status").notNull().default("queued"),
    transport: text("transport"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "outbound_emails_conversation_fk", columns: [t.districtId, t.conversationId], foreignColumns: [conversations.districtId, conversations.id] }).onDelete("cascade"),
    foreignKey({ name: "outbound_emails_message_fk", columns: [t.districtId, t.messageId], foreignColumns: [messages.districtId, messages.id] }).onDelete("cascade"),
    index("outbound_emails_district_idx").on(t.districtId, t.createdAt),
    index("outbound_emails_header_idx").on(t.districtId, t.headerMessageId),
    check("outbound_emails_status_ck", sql`${t.status} in ('queued','sent','failed')`),
  ],
);

export type ContactRow = typeof contacts.$inferSelect;
export type ConversationRow = typeof conversations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type RatingRow = typeof ratings.$inferSelect;
export type OutboundEmailRow = typeof outboundEmails.$inferSelect;
