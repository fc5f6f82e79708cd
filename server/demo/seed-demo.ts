import { eq, sql } from "drizzle-orm";
import { randomInt } from "node:crypto";
import type { Db, Tx } from "../db/client.js";
import {
  categories,
  contactIdentities,
  contacts,
  conversations,
  departments,
  districts,
  events,
  messages,
  ratings,
  schools,
  topics,
} from "../db/schema/index.js";
import { createChannel } from "../domain/channels/index.js";
import { createDistrict } from "../domain/districts/index.js";
import { createStaff } from "../domain/staff/index.js";
import { AppError } from "../lib/errors.js";
import { generateActivity, type DemoWorld } from "./activity.js";
import { DEMO_CATEGORIES, DEMO_TOPICS } from "./catalog/index.js";
import type { WorldStaff } from "./lifecycle.js";
import { DEMO_DEPARTMENTS, DEMO_DISTRICT, DEMO_SCHOOLS, DEMO_STAFF, type DepartmentSlug } from "./organization.js";
import { seedOperations } from "./operations.js";
import { createRng } from "./rng.js";

export type SeedDemoOptions = {
  /** The moment "now" for the generated year of activity (default: the current time). */
  now?: Date;
  /** How many conversations to invent (default 2,000). */
  conversations?: number;
  /** PRNG seed: the same seed and `now` give the same district. */
  seed?: number;
  /** The admin's password; a random one is generated (and returned once) when not given. */
  adminPassword?: string;
};

export type SeedDemoResult = {
  districtId: string;
  slug: string;
  adminEmail: string;
  adminPassword: string;
  counts: { conversations: number; messages: number; events: number; ratings: number; contacts: number; staff: number; topics: number };
  ms: number;
};

export const DEMO_CONVERSATIONS = 2000;
const DEFAULT_SEED = 20_240_817;

/** A password people can read aloud: four groups of four from an alphabet without look-alikes. */
export function generatePassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  return Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join("")).join("-");
}

async function insertAll<T extends Record<string, unknown>>(tx: Tx, table: Parameters<Tx["insert"]>[0], rows: T[], chunk = 400): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await tx.insert(table).values(rows.slice(i, i + chunk));
}

/** Whether the demo district is already in this database. */
export async function demoExists(db: Db | Tx): Promise<boolean> {
  const [row] = await db.select({ id: districts.id }).from(districts).where(eq(districts.slug, DEMO_DISTRICT.slug));
  return Boolean(row);
}

/**
 * Creates Riverside Unified with its schools, departments, topics and staff, and about a year of
 * realistic conversations, in one transaction. Refuses (conflict) when the district already exists.
 */
export async function seedDemo(db: Db, opts: SeedDemoOptions = {}): Promise<SeedDemoResult> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const adminPassword = opts.adminPassword ?? generatePassword();
  const count = opts.conversations ?? DEMO_CONVERSATIONS;
  return db.transaction(async (tx) => {
    // Two servers booting on an empty PostgreSQL database must not both seed.
    await tx.execute(sql`select pg_advisory_xact_lock(727002)`);
    if (await demoExists(tx)) {
      throw new AppError("conflict", `The demo district "${DEMO_DISTRICT.slug}" already exists in this database; nothing was changed.`);
    }
    const district = await createDistrict(tx, { ...DEMO_DISTRICT, weeklyHours: DEMO_DISTRICT.weeklyHours });
    const districtId = district.id;
    // The Let's Talk mailbox: mail to it (SMTP_PORT, the webhook or IMAP) lands in the inbox.
    await createChannel({ db: tx, districtId }, { type: "email", address: district.fromEmail, name: "Let's Talk mailbox" });
    const schoolRows = await tx.insert(schools).values(DEMO_SCHOOLS.map((s) => ({ districtId, ...s }))).returning();
    const deptRows = await tx.insert(departments).values(DEMO_DEPARTMENTS.map((d) => ({ districtId, ...d }))).returning();
    const deptBySlug = Object.fromEntries(deptRows.map((d) => [d.slug, d])) as Record<DepartmentSlug, (typeof deptRows)[number]>;
    const catRows = await tx
      .insert(categories)
      .values(DEMO_CATEGORIES.map((c, i) => ({ districtId, slug: c.slug, name: c.name, position: i + 1 })))
      .returning();
    const topicRows = await tx
      .insert(topics)
      .values(
        DEMO_TOPICS.map((t, i) => ({
          districtId,
          categoryId: t.category ? (catRows.find((c) => c.slug === t.category)?.id ?? null) : null,
          departmentId: deptBySlug[t.department].id,
          slug: t.slug,
          name: t.name,
          description: t.description,
          form: { fields: t.fields },
          isPrivate: t.isPrivate ?? false,
          allowAnonymous: t.allowAnonymous ?? false,
          defaultKind: t.defaultKind,
          position: i + 1,
        })),
      )
      .returning();

    const staff: WorldStaff[] = [];
    const staffByEmail = new Map<string, string>();
    for (const s of DEMO_STAFF) {
      const row = await createStaff(
        { db: tx, districtId },
        {
          email: s.email,
          name: s.name,
          role: s.role,
          password: s.role === "admin" ? adminPassword : null,
          departmentIds: s.departments.map((d) => deptBySlug[d].id),
        },
      );
      staffByEmail.set(s.email, row.id);
      staff.push({ id: row.id, name: s.name, first: s.name.split(" ")[0]!, role: s.role, departments: s.departments, spanish: s.spanish ?? false });
    }

    const world: DemoWorld = {
      rng: createRng(opts.seed ?? DEFAULT_SEED),
      now,
      timeZone: district.timeZone,
      districtId,
      prefix: district.referencePrefix,
      firstNumber: district.nextNumber,
      schools: schoolRows.map((s) => ({ id: s.id, name: s.name, level: s.level as DemoWorld["schools"][number]["level"] })),
      topics: topicRows.map((t, i) => ({ def: DEMO_TOPICS[i]!, id: t.id, departmentId: t.departmentId! })),
      departments: deptBySlug,
      staff,
    };
    const activity = generateActivity(world, count);
    await insertAll(tx, contacts, activity.contacts);
    await insertAll(tx, contactIdentities, activity.identities);
    await insertAll(tx, conversations, activity.conversations, 200);
    await insertAll(tx, messages, activity.messages);
    await insertAll(tx, ratings, activity.ratings);
    await insertAll(tx, events, activity.events, 500);
    await seedOperations(tx, { districtId, now, departments: deptBySlug, topics: topicRows, staffByEmail });
    // The next reference number continues after the invented ones.
    await tx
      .update(districts)
      .set({ nextNumber: district.nextNumber + count })
      .where(eq(districts.id, districtId));

    return {
      districtId,
      slug: district.slug,
      adminEmail: DEMO_STAFF.find((s) => s.role === "admin")!.email,
      adminPassword,
      counts: {
        conversations: activity.conversations.length,
        messages: activity.messages.length,
        events: activity.events.length,
        ratings: activity.ratings.filter((r) => r.submittedAt).length,
        contacts: activity.contacts.length,
        staff: staff.length,
        topics: topicRows.length,
      },
      ms: Math.round(performance.now() - started),
    };
  });
}
