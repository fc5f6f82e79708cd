import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { departments, districts, type WeeklyHours } from "./districts.js";

/** A signed-in district user. `recorder` logs calls and letters but cannot reply; `viewer` only reads. */
export const staff = pgTable(
  "staff",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    isService: boolean("is_service").notNull().default(false),
    /** Out of office: no new assignments between these instants (open-ended when null); work goes to the delegate. */
    outOfOfficeFrom: timestamp("out_of_office_from", { withTimezone: true }),
    outOfOfficeUntil: timestamp("out_of_office_until", { withTimezone: true }),
    delegateStaffId: uuid("delegate_staff_id").references((): AnyPgColumn => staff.id, { onDelete: "set null" }),
    /** Personal working hours in the district's time zone; null = the district's business hours. */
    workingHours: jsonb("working_hours").$type<WeeklyHours>(),
    /** At most this many open conversations assigned automatically; null = no cap. */
    capacity: integer("capacity"),
    /** instant: an email per notification; daily: one digest a day; off: in-app only. */
    notifyEmail: text("notify_email").notNull().default("instant"),
    lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("staff_district_email_uq").on(t.districtId, t.email),
    check("staff_role_ck", sql`${t.role} in ('admin','supervisor','agent','recorder','viewer')`),
    check("staff_notify_email_ck", sql`${t.notifyEmail} in ('instant','daily','off')`),
  ],
);

export const staffDepartments = pgTable(
  "staff_departments",
  {
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    staffId: uuid("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    departmentId: uuid("department_id").notNull().references(() => departments.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.departmentId] }), index("staff_departments_district_idx").on(t.districtId, t.departmentId)],
);

/** Browser sessions; the cookie holds a random token, the row holds its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    staffId: uuid("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    csrfToken: text("csrf_token").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sessions_staff_idx").on(t.districtId, t.staffId)],
);

/** Bearer tokens for the staff API; acts as the staff member it belongs to. */
export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
  staffId: uuid("staff_id").notNull().references(() => staff.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  name: text("name").notNull(),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type StaffRow = typeof staff.$inferSelect;
