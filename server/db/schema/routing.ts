import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { RuleAction, RuleCondition } from "../../../common/contract/routing.js";
import type { LocalizedText } from "../../../common/contract/forms.js";
import { conversations, messages } from "./conversations.js";
import { departments, districts, topics } from "./districts.js";
import { staff } from "./staff.js";

/** An ordered condition → action rule, run once when a conversation arrives (see domain/routing). */
export const routingRules = pgTable(
  "routing_rules",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    conditions: jsonb("conditions").$type<RuleCondition[]>().notNull().default([]),
    actions: jsonb("actions").$type<RuleAction[]>().notNull().default([]),
    stopProcessing: boolean("stop_processing").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    index("routing_rules_district_idx").on(t.districtId, t.position),
  ],
);

/** The learned-routing model of a district (RoutingClassifier.toJSON), retrained from routed history. */
export const routingModels = pgTable("routing_models", {
  districtId: uuid("district_id").primaryKey().references(() => districts.id, { onDelete: "cascade" }),
  model: jsonb("model").$type<Record<string, unknown>>().notNull(),
  examples: integer("examples").notNull(),
  trainedAt: timestamp("trained_at", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

export type SlaEscalation = { notifySupervisors: boolean; raisePriority: boolean; reassignToStaffId: string | null };

/** A service standard: targets in business minutes for conversations of a topic and/or priority. */
export const slaPolicies = pgTable(
  "sla_policies",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** null = any topic; null priority = any priority. The most specific match wins (topic+priority, topic, priority, default). */
    topicId: uuid("topic_id"),
    priority: text("priority"),
    firstResponseMinutes: integer("first_response_minutes"),
    nextResponseMinutes: integer("next_response_minutes"),
    resolutionMinutes: integer("resolution_minutes"),
    warnAtPercent: integer("warn_at_percent").notNull().default(75),
    escalation: jsonb("escalation").$type<SlaEscalation>().notNull().default({ notifySupervisors: true, raisePriority: false, reassignToStaffId: null }),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "sla_policies_topic_fk", columns: [t.districtId, t.topicId], foreignColumns: [topics.districtId, topics.id] }).onDelete("cascade"),
    index("sla_policies_district_idx").on(t.districtId),
    check("sla_policies_priority_ck", sql`${t.priority} is null or ${t.priority} in ('critical','high','normal','low')`),
    check("sla_policies_warn_ck", sql`${t.warnAtPercent} between 1 and 99`),
  ],
);

/** Critical-alert categories: the built-in ones (self_harm, violence, weapons, abuse, harassment) and the district's own. */
export const alertCategories = pgTable(
  "alert_categories",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    builtIn: boolean("built_in").notNull().default(false),
    /** District-defined categories only: the phrases that raise it. */
    phrases: text("phrases").array().notNull().default(sql`ARRAY[]::text[]`),
    severity: text("severity").notNull().default("high"),
    enabled: boolean("enabled").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex("alert_categories_district_key_uq").on(t.districtId, t.key),
    check("alert_categories_severity_ck", sql`${t.severity} in ('critical','high')`),
  ],
);

/** The responder team of an alert category. */
export const alertResponders = pgTable(
  "alert_responders",
  {
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id").notNull(),
    staffId: uuid("staff_id").notNull(),
  },
  (t) => [
    foreignKey({ name: "alert_responders_category_fk", columns: [t.districtId, t.categoryId], foreignColumns: [alertCategories.districtId, alertCategories.id] }).onDelete("cascade"),
    foreignKey({ name: "alert_responders_staff_fk", columns: [t.districtId, t.staffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("cascade"),
    primaryKey({ columns: [t.districtId, t.categoryId, t.staffId] }),
    index("alert_responders_district_idx").on(t.districtId, t.staffId),
  ],
);

/** One raised alert on one message; acknowledged or downgraded (with a reason) by a responder. */
export const alerts = pgTable(
  "alerts",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    messageId: uuid("message_id"),
    category: text("category").notNull(),
    severity: text("severity").notNull(),
    score: real("score").notNull(),
    evidence: jsonb("evidence").$type<{ phrase: string; start: number; end: number }[]>().notNull().default([]),
    status: text("status").notNull().default("active"),
    acknowledgedBy: uuid("acknowledged_by"),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    downgradedBy: uuid("downgraded_by"),
    downgradedAt: timestamp("downgraded_at", { withTimezone: true }),
    downgradeReason: text("downgrade_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "alerts_conversation_fk", columns: [t.districtId, t.conversationId], foreignColumns: [conversations.districtId, conversations.id] }).onDelete("cascade"),
    foreignKey({ name: "alerts_message_fk", columns: [t.districtId, t.messageId], foreignColumns: [messages.districtId, messages.id] }).onDelete("cascade"),
    foreignKey({ name: "alerts_acknowledged_by_fk", columns: [t.districtId, t.acknowledgedBy], foreignColumns: [staff.districtId, staff.id] }).onDelete("set null"),
    foreignKey({ name: "alerts_downgraded_by_fk", columns: [t.districtId, t.downgradedBy], foreignColumns: [staff.districtId, staff.id] }).onDelete("set null"),
    index("alerts_conversation_idx").on(t.districtId, t.conversationId),
    index("alerts_status_idx").on(t.districtId, t.status, t.createdAt),
    check("alerts_severity_ck", sql`${t.severity} in ('critical','high')`),
    check("alerts_status_ck", sql`${t.status} in ('active','acknowledged','downgraded')`),
  ],
);

/** Staff who follow a conversation they do not own (rule watchers, alert responders, mentioned people). */
export const conversationWatchers = pgTable(
  "conversation_watchers",
  {
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    conversationId: uuid("conversation_id").notNull(),
    staffId: uuid("staff_id").notNull(),
    reason: text("reason").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    foreignKey({ name: "conversation_watchers_conversation_fk", columns: [t.districtId, t.conversationId], foreignColumns: [conversations.districtId, conversations.id] }).onDelete("cascade"),
    foreignKey({ name: "conversation_watchers_staff_fk", columns: [t.districtId, t.staffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("cascade"),
    primaryKey({ columns: [t.districtId, t.conversationId, t.staffId] }),
    index("conversation_watchers_staff_idx").on(t.districtId, t.staffId),
  ],
);

/** A staff member's notification: shown in the in-app feed, emailed at once or in the daily digest. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    staffId: uuid("staff_id").notNull(),
    type: text("type").notNull(),
    conversationId: uuid("conversation_id"),
    actorStaffId: uuid("actor_staff_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    readAt: timestamp("read_at", { withTimezone: true }),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "notifications_staff_fk", columns: [t.districtId, t.staffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("cascade"),
    foreignKey({ name: "notifications_conversation_fk", columns: [t.districtId, t.conversationId], foreignColumns: [conversations.districtId, conversations.id] }).onDelete("cascade"),
    foreignKey({ name: "notifications_actor_staff_fk", columns: [t.districtId, t.actorStaffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("set null"),
    index("notifications_staff_idx").on(t.districtId, t.staffId, t.createdAt),
    check("notifications_type_ck", sql`${t.type} in ('assigned','mentioned','family_replied','alert','sla_warning','sla_breach','triage','escalated')`),
  ],
);

/** Many families reporting the same thing (bus 42 late this morning): answered and resolved together. */
export const incidentClusters = pgTable(
  "incident_clusters",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    title: text("title").notNull(),
    topicId: uuid("topic_id"),
    departmentId: uuid("department_id"),
    status: text("status").notNull().default("open"),
    firstAt: timestamp("first_at", { withTimezone: true }).notNull(),
    lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "incident_clusters_topic_fk", columns: [t.districtId, t.topicId], foreignColumns: [topics.districtId, topics.id] }).onDelete("set null"),
    foreignKey({ name: "incident_clusters_department_fk", columns: [t.districtId, t.departmentId], foreignColumns: [departments.districtId, departments.id] }).onDelete("set null"),
    index("incident_clusters_district_idx").on(t.districtId, t.status, t.lastAt),
    check("incident_clusters_status_ck", sql`${t.status} in ('open','resolved')`),
  ],
);

export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type SlaPolicyRow = typeof slaPolicies.$inferSelect;
export type AlertCategoryRow = typeof alertCategories.$inferSelect;
export type AlertRow = typeof alerts.$inferSelect;
export type NotificationRow = typeof notifications.$inferSelect;
export type IncidentClusterRow = typeof incidentClusters.$inferSelect;
