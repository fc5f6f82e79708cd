import { sql } from "drizzle-orm";
import { bigint, boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid, type PgTableExtraConfigValue } from "drizzle-orm/pg-core";
import type { FormDefinition, LocalizedText } from "../../../common/contract/forms.js";
import { staff } from "./staff.js";

export type WeeklyHours = Record<"mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun", [string, string][]>;
/** A closed day or span of days on the district calendar (local dates, end inclusive): holidays, school breaks. */
export type HolidayEntry = { start: string; end: string; name: string };

/**
 * The tenant. Every other tenant row carries its id, and has it first in its primary key, its unique indexes and its
 * foreign keys (docs/SCALING.md, "Past one database server"); this table keeps `id` alone as its key.
 */
export const districts = pgTable(
  "districts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull().unique(),
    name: text("name").notNull(),
    referencePrefix: text("reference_prefix").notNull(),
    timeZone: text("time_zone").notNull().default("America/Los_Angeles"),
    languages: text("languages").array().notNull().default(sql`ARRAY['en','es']::text[]`),
    /** The response-time promise shown to families, in business days. */
    responseDays: integer("response_days").notNull().default(1),
    weeklyHours: jsonb("weekly_hours").$type<WeeklyHours>(),
    holidays: jsonb("holidays").$type<HolidayEntry[]>().notNull().default([]),
    /** Learned routing routes on its own above this confidence, below it waits in triage with suggestions; null = the threshold fitted when the model was trained. */
    routingThreshold: real("routing_threshold"),
    /** The last fallback of assignment when nobody in a department is available. */
    ownerStaffId: uuid("owner_staff_id"),
    replyDomain: text("reply_domain").notNull(),
    fromEmail: text("from_email").notNull(),
    websiteUrl: text("website_url"),
    safetyPhone: text("safety_phone"),
    nextNumber: integer("next_number").notNull().default(1001),
    /**
     * Bumped by triggers (migration 0009) whenever the district's intake configuration changes: topics, schools,
     * departments' names, alert categories, routing rules, service standards. A process keeps that configuration
     * while the version it was read at is current (domain/conversations/intake-config.ts).
     */
    configVersion: bigint("config_version", { mode: "number" }).notNull().default(0),
    /** HMAC key for the family's private links and reply addresses; never leaves the server. */
    signingKey: text("signing_key").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t): PgTableExtraConfigValue[] => [
    // (id, owner) → staff (district_id, id): the owner is one of the district's own staff. The migration says
    // ON DELETE SET NULL ("owner_staff_id"), which drizzle cannot declare (the same for every nullable composite key).
    foreignKey({ name: "districts_owner_staff_fk", columns: [t.id, t.ownerStaffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("set null"),
  ],
);

export const schools = pgTable(
  "schools",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    code: text("code").notNull(),
    level: text("level").notNull().default("elementary"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex("schools_district_code_uq").on(t.districtId, t.code),
  ],
);

export const departments = pgTable(
  "departments",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    email: text("email"),
    assignmentPolicy: text("assignment_policy").notNull().default("round_robin"),
    ownerStaffId: uuid("owner_staff_id"),
    /** Round robin: the member assigned last. */
    roundRobinCursor: uuid("round_robin_cursor"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "departments_owner_staff_fk", columns: [t.districtId, t.ownerStaffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("set null"),
    uniqueIndex("departments_district_slug_uq").on(t.districtId, t.slug),
    check("departments_assignment_policy_ck", sql`${t.assignmentPolicy} in ('round_robin','least_load','queue')`),
  ],
);

export const categories = pgTable(
  "categories",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    uniqueIndex("categories_district_slug_uq").on(t.districtId, t.slug),
  ],
);

/** A subject a family can write about, with its own short form and owner department. */
export const topics = pgTable(
  "topics",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    categoryId: uuid("category_id"),
    departmentId: uuid("department_id"),
    slug: text("slug").notNull(),
    name: jsonb("name").$type<LocalizedText>().notNull(),
    description: jsonb("description").$type<LocalizedText>(),
    form: jsonb("form").$type<FormDefinition>().notNull().default({ fields: [] }),
    /** Private topics are reachable by direct link only (e.g. the anonymous safety tip line). */
    isPrivate: boolean("is_private").notNull().default(false),
    allowAnonymous: boolean("allow_anonymous").notNull().default(false),
    defaultKind: text("default_kind").notNull().default("question"),
    position: integer("position").notNull().default(0),
    active: boolean("active").notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "topics_category_fk", columns: [t.districtId, t.categoryId], foreignColumns: [categories.districtId, categories.id] }).onDelete("set null"),
    foreignKey({ name: "topics_department_fk", columns: [t.districtId, t.departmentId], foreignColumns: [departments.districtId, departments.id] }).onDelete("set null"),
    uniqueIndex("topics_district_slug_uq").on(t.districtId, t.slug),
    index("topics_district_category_idx").on(t.districtId, t.categoryId),
    check("topics_default_kind_ck", sql`${t.defaultKind} in ('question','concern','comment','suggestion','compliment')`),
  ],
);

export type DistrictRow = typeof districts.$inferSelect;
export type SchoolRow = typeof schools.$inferSelect;
export type DepartmentRow = typeof departments.$inferSelect;
export type CategoryRow = typeof categories.$inferSelect;
export type TopicRow = typeof topics.$inferSelect;
