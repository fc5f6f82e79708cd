import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, buildInquiry, type TestDistrict } from "../test/factories.js";
import { testApp, type TestApp } from "../test/test-app.js";
import { inDistrict, TENANT_ROLE } from "./tenant.js";

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
});
