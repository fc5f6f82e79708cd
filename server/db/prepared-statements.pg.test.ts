import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/test-db.js";
import { openDatabase, type Database } from "./client.js";
import { preparedStatementCount, withPreparedStatements } from "./prepared-statements.js";
import { districts } from "./schema/index.js";

// Named statements on PostgreSQL (db/prepared-statements.ts), seen from the server: pg_prepared_statements lists a
// session's protocol-level prepared statements. Each handle here has one connection, so its session is the one read.

let base: Database;
const opened: Database[] = [];

async function oneConnection(preparedStatements: boolean): Promise<Database> {
  const db = await openDatabase({ databaseUrl: base.connectionString!, poolSize: 1, preparedStatements });
  opened.push(db);
  return db;
}

async function preparedOn(db: Database): Promise<{ name: string; statement: string }[]> {
  return (await db.pool!.query<{ name: string; statement: string }>("select name, statement from pg_prepared_statements where not from_sql")).rows;
}

const bySlug = (db: Database, slug: string) => db.db.select({ name: districts.name }).from(districts).where(eq(districts.slug, slug));

beforeAll(async () => {
  base = await openTestDatabase();
  await base.db.insert(districts).values([
    { slug: "north", name: "North USD", referencePrefix: "NUSD", replyDomain: "north.example", fromEmail: "letstalk@north.example", signingKey: "k1" },
    { slug: "south", name: "South USD", referencePrefix: "SUSD", replyDomain: "south.example", fromEmail: "letstalk@south.example", signingKey: "k2" },
  ]);
});
afterAll(async () => {
  for (const db of opened) await db.close();
  await base.close();
});

describe("prepared statements", () => {
  it("prepares a statement issued inside withPreparedStatements once per connection, and answers each run with its own values", async () => {
    const db = await oneConnection(true);
    expect(await withPreparedStatements(() => bySlug(db, "north"))).toEqual([{ name: "North USD" }]);
    expect(await withPreparedStatements(() => bySlug(db, "south"))).toEqual([{ name: "South USD" }]);
    expect(await withPreparedStatements(() => bySlug(db, "nowhere"))).toEqual([]);
    const named = await preparedOn(db);
    expect(named).toHaveLength(1);
    expect(named[0]!.name).toMatch(/^fo_/);
    expect(named[0]!.statement).toContain('from "districts"');
  });

  it("names a statement that waited for a connection another, unnamed one held", async () => {
    const db = await oneConnection(true);
    const holder = db.db.execute(sql`select pg_sleep(0.05), ${1}::int`);
    const waiter = withPreparedStatements(() => bySlug(db, "north"));
    await holder;
    expect(await waiter).toEqual([{ name: "North USD" }]);
    expect((await preparedOn(db)).map((p) => p.statement)).toEqual([expect.stringContaining('from "districts"')]);
  });

  it("leaves unnamed a statement that waited for a connection a named one held", async () => {
    const db = await oneConnection(true);
    const holder = withPreparedStatements(() => db.db.execute(sql`select pg_sleep(0.05), ${2}::int`));
    const waiter = (async () => db.db.execute(sql`select count(*) from ${districts} where ${districts.slug} <> ${"y"}`))();
    await Promise.all([holder, waiter]);
    expect((await preparedOn(db)).map((p) => p.statement)).toEqual([expect.stringContaining("pg_sleep")]);
  });

  it("leaves every other statement unnamed (reports and searches are planned for their own parameters)", async () => {
    const db = await oneConnection(true);
    expect(await bySlug(db, "north")).toEqual([{ name: "North USD" }]);
    await db.db.execute(sql`select count(*) from ${districts} where ${districts.slug} <> ${"x"}`);
    expect(await preparedOn(db)).toEqual([]);
  });

  it("names nothing when turned off (DATABASE_PREPARED_STATEMENTS=off, for a pooler that cannot keep them)", async () => {
    const db = await oneConnection(false);
    expect(await withPreparedStatements(() => bySlug(db, "south"))).toEqual([{ name: "South USD" }]);
    expect(await preparedOn(db)).toEqual([]);
  });

  it("names at most 500 statement texts in a process, whatever comes", async () => {
    const db = await oneConnection(true);
    await withPreparedStatements(async () => {
      for (let i = 0; i < 520; i++) await db.db.execute(sql`select ${i}::int + ${sql.raw(String(i))} as n`);
    });
    expect(preparedStatementCount()).toBe(500);
    expect((await preparedOn(db)).length).toBeLessThanOrEqual(500);
    // past the bound a statement still runs, unnamed
    expect(await withPreparedStatements(() => bySlug(db, "north"))).toEqual([{ name: "North USD" }]);
  });
});
