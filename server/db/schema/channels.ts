import { sql } from "drizzle-orm";
import { boolean, check, customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { conversations, contacts } from "./conversations.js";
import { districts } from "./districts.js";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * A configured endpoint of a district (an email address, an SMS number…). The address names the
 * district at the edge: nothing in an inbound payload is trusted for tenancy.
 */
export const channels = pgTable(
  "channels",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    address: text("address").notNull(),
    name: text("name").notNull(),
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    /** SHA-256 of the secret an inbound-mail provider presents on /webhooks/email/raw. */
    webhookSecretHash: text("webhook_secret_hash"),
    /** Poller position (IMAP: uidValidity + last uid), advanced only after the messages are stored. */
    cursor: jsonb("cursor").$type<Record<string, unknown>>(),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    // An address names one district (createChannel refuses an address another district has); the unique index
    // carries district_id like every tenant index, with the address first for the inbound lookup.
    uniqueIndex("channels_type_address_uq").on(t.type, t.address, t.districtId),
    index("channels_district_idx").on(t.districtId, t.type),
    check("channels_type_ck", sql`${t.type} in ('web_form','email','sms','facebook','instagram','phone')`),
  ],
);

/** A raw inbound delivery, stored before the sender gets its acknowledgement (SMTP 250, HTTP 2xx). */
export const inboundDeliveries = pgTable(
  "inbound_deliveries",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    channelId: uuid("channel_id").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    source: text("source").notNull(),
    raw: bytea("raw").notNull(),
    size: integer("size").notNull(),
    status: text("status").notNull().default("pending"),
    outcome: jsonb("outcome").$type<Record<string, unknown>>(),
    error: text("error"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "inbound_deliveries_channel_fk", columns: [t.districtId, t.channelId], foreignColumns: [channels.districtId, channels.id] }).onDelete("cascade"),
    uniqueIndex("inbound_deliveries_provider_uq").on(t.districtId, t.channelId, t.providerMessageId),
    index("inbound_deliveries_status_idx").on(t.districtId, t.status, t.receivedAt),
    check("inbound_deliveries_status_ck", sql`${t.status} in ('pending','processed','failed')`),
  ],
);

/** People on a conversation besides the requester (CC'd family members, a spouse): they reply into it. */
export const conversationParticipants = pgTable(
  "conversation_participants",
  {
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    role: text("role").notNull().default("cc"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "conversation_participants_conversation_fk", columns: [t.districtId, t.conversationId], foreignColumns: [conversations.districtId, conversations.id] }).onDelete("cascade"),
    foreignKey({ name: "conversation_participants_contact_fk", columns: [t.districtId, t.contactId], foreignColumns: [contacts.districtId, contacts.id] }).onDelete("cascade"),
    primaryKey({ columns: [t.districtId, t.conversationId, t.contactId] }),
    index("conversation_participants_contact_idx").on(t.districtId, t.contactId),
    check("conversation_participants_role_ck", sql`${t.role} in ('requester','cc')`),
  ],
);

export type ChannelRow = typeof channels.$inferSelect;
export type InboundDeliveryRow = typeof inboundDeliveries.$inferSelect;
