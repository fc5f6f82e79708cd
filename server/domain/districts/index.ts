import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { reusable } from "../../db/reusable.js";
import {
  categories,
  departments,
  districts,
  schools,
  topics,
  type CategoryRow,
  type DepartmentRow,
  type DistrictRow,
  type SchoolRow,
  type TopicRow,
} from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import type { Ctx, NumberSource } from "../shared/ctx.js";

export type { CategoryRow, DepartmentRow, DistrictRow, SchoolRow, TopicRow };

/** The district of a slug: every public request reads it, so its statement is built once (db/reusable.ts). */
const districtBySlug = reusable<string, DistrictRow[]>({
  shape: () => "",
  build: (db) => db.select().from(districts).where(eq(districts.slug, sql.placeholder("slug"))).limit(1),
  values: (slug) => ({ slug }),
});

/** Tenant resolution at the public edge: the slug in the URL names the district. */
export async function findDistrictBySlug(db: Db | Tx, slug: string): Promise<DistrictRow | undefined> {
  if (!/^[a-z0-9-]{1,64}$/.test(slug)) return undefined;
  const [row] = await districtBySlug(db, slug);
  return row;
}

export async function getDistrict(ctx: Ctx): Promise<DistrictRow> {
  const [row] = await ctx.db.select().from(districts).where(eq(districts.id, ctx.districtId)).limit(1);
  if (!row) throw notFound("District");
  return row;
}

export async function listCategories(ctx: Ctx): Promise<CategoryRow[]> {
  return ctx.db.select().from(categories).where(eq(categories.districtId, ctx.districtId)).orderBy(asc(categories.position));
}

/** Active topics; private ones (reachable only by direct link) are left out unless asked for. */
export async function listTopics(ctx: Ctx, opts: { includePrivate?: boolean; includeInactive?: boolean } = {}): Promise<TopicRow[]> {
  const rows = await ctx.db.select().from(topics).where(eq(topics.districtId, ctx.districtId)).orderBy(asc(topics.position));
  return rows.filter((t) => (opts.includeInactive || t.active) && (opts.includePrivate || !t.isPrivate));
}

export async function findTopicBySlug(ctx: Ctx, slug: string): Promise<TopicRow | undefined> {
  if (!/^[a-z0-9-]{1,100}$/.test(slug)) return undefined;
  const [row] = await ctx.db
    .select()
    .from(topics)
    .where(and(eq(topics.districtId, ctx.districtId), eq(topics.slug, slug), eq(topics.active, true)))
    .limit(1);
  return row;
}

export async function listSchools(ctx: Ctx): Promise<SchoolRow[]> {
  return ctx.db.select().from(schools).where(eq(schools.districtId, ctx.districtId)).orderBy(asc(schools.name));
}

export async function listDepartments(ctx: Ctx): Promise<DepartmentRow[]> {
  return ctx.db.select().from(departments).where(eq(departments.districtId, ctx.districtId)).orderBy(asc(departments.name));
}

/** `RUSD-1042`: the district's prefix and the conversation's per-district number. */
export function formatReference(prefix: string, number: number): string {
  return `${prefix}-${number}`;
}

/**
 * Takes the next per-district conversation number. Through `ctx.app.numbers` (PostgreSQL) it is committed at once on
 * its own connection, without waiting for the disk (Database.side), holding the district row for one short
 * statement: a submission that then fails leaves a gap in the references (never a reuse of a stored one: the
 * conversation that stores a number commits synchronously after it, so its flush carries the number's). Otherwise
 * it is taken in the caller's transaction, whose row lock serialises concurrent submissions until commit.
 */
export async function takeNextNumber(ctx: Ctx): Promise<{ number: number; prefix: string }> {
  return ctx.app.numbers ? ctx.app.numbers(ctx.districtId) : takeNumberWith(ctx.db, ctx.districtId);
}

/** `UPDATE … RETURNING` of the district's counter on `db` (a transaction, or the pool for an autocommit). */
export async function takeNumberWith(db: Ctx["db"], districtId: string): Promise<{ number: number; prefix: string }> {
  const [row] = await db
    .update(districts)
    .set({ nextNumber: sql`${districts.nextNumber} + 1` })
    .where(eq(districts.id, districtId))
    .returning({ next: districts.nextNumber, prefix: districts.referencePrefix });
  if (!row) throw notFound("District");
  return { number: row.next - 1, prefix: row.prefix };
}
export { createDistrict, type NewDistrict } from "./create-district.js";

/**
 * The number source of PostgreSQL deployments: each number committed on its own through the database's side pool
 * (see takeNextNumber and Database.side).
 * None for PGlite, whose single connection is inside the caller's transaction.
 */
export function separateNumberSource(database: { side?: Ctx["db"] | undefined }): NumberSource | undefined {
  const side = database.side;
  return side ? (districtId) => takeNumberWith(side, districtId) : undefined;
}
