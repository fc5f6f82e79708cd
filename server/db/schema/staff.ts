import { sql } from "drizzle-orm";
import { boolean, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, type PgTableExtraConfigValue } from "drizzle-orm/pg-core";
import { departments, districts, type WeeklyHours } from "./districts.js";

/** A signed-in district user. `recorder` logs calls and letters but cannot reply; `viewer` only reads. */
export const staff = pgTable(
  "staff",
  {
    id: uuid("id").notNull().defaultRandom(),
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
    delegateStaffId: uuid("delegate_staff_id"),
    /** Personal working hours in the district's time zone; null = the district's business hours. */
    workingHours: jsonb("working_hours").$type<WeeklyHours>(),
    /** At most this many open conversations assigned automatically; null = no cap. */
    capacity: integer("capacity"),
    /** instant: an email per notification; daily: one digest a day; off: in-app only. */
    notifyEmail: text("notify_email").notNull().default("instant"),
    lastAssignedAt: timestamp("last_assigned_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t): PgTableExtraConfigValue[] => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "staff_delegate_staff_fk", columns: [t.districtId, t.delegateStaffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("set null"),
    uniqueIndex("staff_district_email_uq").on(t.districtId, t.email),
    check("staff_role_ck", sql`${t.role} in ('admin','supervisor','agent','recorder','viewer')`),
    check("staff_notify_email_ck", sql`${t.notifyEmail} in ('instant','daily','off')`),
  ],
);

export const staffDepartments = pgTable(
  "staff_departments",
  {
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    staffId: uuid("staff_id").notNull(),
    departmentId: uuid("department_id").notNull(),
  },
  (t) => [
    foreignKey({ name: "staff_departments_staff_fk", columns: [t.districtId, t.staffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("cascade"),
    foreignKey({ name: "staff_departments_department_fk", columns: [t.districtId, t.departmentId], foreignColumns: [departments.districtId, departments.id] }).onDelete("cascade"),
    primaryKey({ columns: [t.districtId, t.staffId, t.departmentId] }),
    index("staff_departments_district_idx").on(t.districtId, t.departmentId),
  ],
);

/** Browser sessions; the cookie holds a random token, the row holds its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    staffId: uuid("staff_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    csrfToken: text("csrf_token").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "sessions_staff_fk", columns: [t.districtId, t.staffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("cascade"),
    index("sessions_staff_idx").on(t.districtId, t.staffId),
    // The cookie names no district: the token hash leads, so a sign-in check reads one index entry.
    uniqueIndex("sessions_token_uq").on(t.tokenHash, t.districtId),
  ],
);

/** Bearer tokens for the staff API; acts as the staff member it belongs to. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").notNull().defaultRandom(),
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    staffId: uuid("staff_id").notNull(),
    tokenHash: text("token_hash").notNull(),
    name: text("name").notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.id] }),
    foreignKey({ name: "api_tokens_staff_fk", columns: [t.districtId, t.staffId], foreignColumns: [staff.districtId, staff.id] }).onDelete("cascade"),
    // The bearer token names no district: the token hash leads.
    uniqueIndex("api_tokens_token_uq").on(t.tokenHash, t.districtId),
  ],
);

export type StaffRow = typeof staff.$inferSelect;
