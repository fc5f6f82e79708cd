import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, buildInquiry, type TestDistrict } from "../test/factories.js";
import { testApp, type TestApp } from "../test/test-app.js";
import { conversations, districts } from "./schema/index.js";
import { inDistrict, TENANT_ROLE, tenantDb } from "./tenant.js";

// Row-level security (migration 0008) as defence in depth: a tenant transaction sees and changes only its district.
let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let tenantTables: string[];

const count = async (rows: unknown) => Number((rows as { rows?: { n: unknown }[] }).rows?.[0]?.n ?? (rows as { n: unknown }[])[0]?.n);
const rowsOf = (r: unknown): Record<string, unknown>[] => ((r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]));

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  await buildInquiry(t, a);
  await buildInquiry(t, b);
  tenantTables = rowsOf(
    await t.database.db.execute(sql`select c.table_name as name from information_schema.columns c
      join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where c.table_schema = 'public' and c.column_name = 'district_id' and tb.table_type = 'BASE TABLE' order by 1`),
  ).map((r) => String(r.name));
});
afterAll(() => t.close());

describe("row-level security", () => {
  it("guards every table that carries a district, and districts itself (a new table without the policy fails here)", async () => {
    expect(tenantTables.length).toBeGreaterThan(20);
    const guarded = rowsOf(
      await t.database.db.execute(sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relrowsecurity and c.relforcerowsecurity
          and exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'district_isolation')`),
    ).map((r) => String(r.name));
    expect(guarded.sort()).toEqual([...tenantTables, "districts"].sort());
  });

  it("a tenant transaction without a district sees nothing in any table", async () => {
    await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${TENANT_ROLE}, true)`);
      for (const table of [...tenantTables, "districts"]) {
        expect(await count(await tx.execute(sql`select count(*) as n from ${sql.identifier(table)}`)), table).toBe(0);
      }
    });
    // the owner's connection still sees both districts' rows
    expect(await count(await t.database.db.execute(sql`select count(*) as n from conversations`))).toBeGreaterThanOrEqual(2);
  });

  it("a district's transaction can read, change or confirm none of another district's rows", async () => {
    await inDistrict(t.database.db, a.district.id, async (tx) => {
      const seen = rowsOf(await tx.execute(sql`select distinct district_id from conversations`)).map((r) => r.district_id);
      expect(seen).toEqual([a.district.id]);
      expect(await count(await tx.execute(sql`select count(*) as n from districts`))).toBe(1);
      // B's conversation by its id: not found, not updated, not deleted
      const bConv = b.district.id;
      expect(await count(await tx.execute(sql`select count(*) as n from conversations where district_id = ${bConv}`))).toBe(0);
      const upd = rowsOf(await tx.execute(sql`update conversations set subject = 'changed' where district_id = ${bConv} returning id`));
      expect(upd).toEqual([]);
      const del = rowsOf(await tx.execute(sql`delete from contacts where district_id = ${bConv} returning id`));
      expect(del).toEqual([]);
    });
    expect(await count(await t.database.db.execute(sql`select count(*) as n from conversations where subject = 'changed'`))).toBe(0);
  });

  it("a district's transaction cannot write a row into another district", async () => {
    await expect(
      inDistrict(t.database.db, a.district.id, (tx) => tx.execute(sql`insert into contacts (district_id, name) values (${b.district.id}, 'Intruder')`)),
    ).rejects.toThrow();
    expect(await count(await t.database.db.execute(sql`select count(*) as n from contacts where name = 'Intruder'`))).toBe(0);
  });

  describe("a district's tenant handle (reads and writes outside an explicit transaction)", () => {
    it("runs every statement as the tenant role with the district set, and leaves the pooled connection as it was", async () => {
      const db = tenantDb(t.database, a.district.id);
      const [who] = rowsOf(await db.execute(sql`select current_user as role, current_setting('app.district_id', true) as district`));
      expect(who).toEqual({ role: TENANT_ROLE, district: a.district.id });
      await expect(db.execute(sql`select 1 / 0`)).rejects.toThrow();
      // the settings were the statement's transaction's only: the owner's connections are untouched
      for (let i = 0; i < 3; i++) {
        const [owner] = rowsOf(await t.database.db.execute(sql`select current_user as role, coalesce(current_setting('app.district_id', true), '') as district`));
        expect(owner).toEqual({ role: expect.not.stringMatching(TENANT_ROLE), district: "" });
      }
    });

    it("a query that forgets the district filter sees only the handle's district", async () => {
      const db = tenantDb(t.database, a.district.id);
      const seen = await db.selectDistinct({ districtId: conversations.districtId }).from(conversations);
      expect(seen).toEqual([{ districtId: a.district.id }]);
      expect((await db.select({ id: districts.id }).from(districts)).map((d) => d.id)).toEqual([a.district.id]);
      // a district that does not exist sees nothing at all
      expect(await tenantDb(t.database, "00000000-0000-0000-0000-000000000000").select().from(conversations)).toEqual([]);
    });

    it("cannot change, delete or write another district's rows", async () => {
      const db = tenantDb(t.database, a.district.id);
      expect(await db.update(conversations).set({ subject: "changed" }).where(sql`district_id = ${b.district.id}`).returning({ id: conversations.id })).toEqual([]);
      expect(rowsOf(await db.execute(sql`delete from contacts where district_id = ${b.district.id} returning id`))).toEqual([]);
      await expect(db.execute(sql`insert into contacts (district_id, name) values (${b.district.id}, 'Intruder')`)).rejects.toThrow();
      expect(await count(await t.database.db.execute(sql`select count(*) as n from contacts where name = 'Intruder'`))).toBe(0);
      expect(await count(await t.database.db.execute(sql`select count(*) as n from conversations where subject = 'changed'`))).toBe(0);
    });

    it("keeps parallel queries parallel (one pool connection each on PostgreSQL)", async () => {
      const db = tenantDb(t.database, a.district.id);
      const pids = await Promise.all(
        [1, 2, 3].map(async () => rowsOf(await db.execute(sql`select pg_backend_pid() as pid, pg_sleep(0.05), (select count(*) from conversations) as n`))[0]!),
      );
      expect(pids.map((p) => Number(p.n))).toEqual([1, 1, 1]);
      if (t.database.kind === "postgres") expect(new Set(pids.map((p) => p.pid)).size).toBe(3);
    });

    it("opens explicit transactions as inDistrict does", async () => {
      const [who] = await tenantDb(t.database, b.district.id).transaction(async (tx) =>
        rowsOf(await tx.execute(sql`select current_user as role, current_setting('app.district_id', true) as district`)),
      );
      expect(who).toEqual({ role: TENANT_ROLE, district: b.district.id });
    });

    it("refuses a district id that is not a uuid (it is spliced into the settings batch)", () => {
      expect(() => tenantDb(t.database, "x'; drop table districts; --")).toThrow(/uuid/);
    });
  });
});
