import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes, randomUUID } from "node:crypto";
import pg from "pg";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../test/factories.js";
import { postgresAdminUrl, testEngine } from "../test/test-db.js";
import { testApp, type TestApp } from "../test/test-app.js";
import { MIGRATIONS_DIR, migrateDatabase, openDatabase, type Database } from "./client.js";

// Composite district keys (issue 6, migration 0010): ready for distribution by district. Every tenant table keys on
// district_id, and a foreign key between tenant tables carries it on both sides, so no row points into another district.

type Row = Record<string, unknown>;
let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let aAgent: TestStaff;
let bAgent: TestStaff;

const q = async (text: string, values?: unknown[]): Promise<Row[]> => (await t.database.raw(text, values)).rows;
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : String(v).replace(/^\{|\}$/g, "").split(",").filter(Boolean));
const errorCode = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
    return undefined;
  } catch (e) {
    const err = e as { code?: string; cause?: { code?: string } };
    return err.code ?? err.cause?.code;
  }
};

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  aAgent = await buildStaff(t, a.district.id, { role: "agent", departmentIds: [a.departments.transportation.id] });
  bAgent = await buildStaff(t, b.district.id, { role: "agent", departmentIds: [b.departments.transportation.id] });
});
afterAll(() => t.close());

/** Tables with a district_id column: the tenant tables (districts itself is the reference table of the key). */
async function tenantTables(): Promise<string[]> {
  const rows = await q(`select c.table_name as name from information_schema.columns c
    join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
    where c.table_schema = 'public' and c.column_name = 'district_id' and tb.table_type = 'BASE TABLE' order by 1`);
  return rows.map((r) => String(r.name));
}

describe("the catalogue (a future table that forgets district_id fails here)", () => {
  it("every tenant table has district_id in its primary key, and in every unique constraint and unique index", async () => {
    const tables = await tenantTables();
    expect(tables.length).toBeGreaterThan(25);
    const rows = await q(`select c.relname as table_name, i.relname as index_name, x.indisprimary as is_primary,
        array(select a.attname from unnest(x.indkey::int2[]) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.oid and a.attnum = k.n order by k.i)::text[] as columns
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and x.indisunique`);
    const missingPk = tables.filter((name) => !rows.some((r) => r.table_name === name && r.is_primary));
    expect(missingPk, "tenant tables without a primary key").toEqual([]);
    const offenders = rows
      .filter((r) => tables.includes(String(r.table_name)) && !strings(r.columns).includes("district_id"))
      .map((r) => `${String(r.table_name)}.${String(r.index_name)} (${strings(r.columns).join(", ")})`);
    expect(offenders, "unique keys without district_id").toEqual([]);
    // the primary key leads with district_id (Citus's shard pruning and the convention of every composite index)
    const notLeading = rows
      .filter((r) => tables.includes(String(r.table_name)) && r.is_primary && strings(r.columns)[0] !== "district_id")
      .map((r) => String(r.table_name));
    expect(notLeading).toEqual([]);
  });

  it("every foreign key between tenant tables pairs district_id with district_id, and SET NULL never nulls it", async () => {
    const tables = await tenantTables();
    const fks = await q(`select con.conname as name, src.relname as source, dst.relname as target, con.confdeltype as on_delete,
        array(select a.attname from unnest(con.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
        array(select a.attname from unnest(con.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.n order by k.i)::text[] as foreign_columns,
        array(select a.attname from unnest(con.confdelsetcols) k(n) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.n)::text[] as set_null_columns
      from pg_constraint con join pg_class src on src.oid = con.conrelid join pg_class dst on dst.oid = con.confrelid
      join pg_namespace n on n.oid = src.relnamespace
      where n.nspname = 'public' and con.contype = 'f'`);
    const between = fks.filter((f) => tables.includes(String(f.source)) && tables.includes(String(f.target)));
    expect(between.length).toBeGreaterThan(40);
    const offenders = between
      .filter((f) => {
        const cols = strings(f.columns);
        const ref = strings(f.foreign_columns);
        const i = cols.indexOf("district_id");
        return i < 0 || ref[i] !== "district_id";
      })
      .map((f) => `${String(f.name)}: ${String(f.source)} (${strings(f.columns).join(", ")}) → ${String(f.target)} (${strings(f.foreign_columns).join(", ")})`);
    expect(offenders, "foreign keys between tenant tables without district_id on both sides").toEqual([]);
    // ON DELETE SET NULL on a composite key must name its own column: a plain SET NULL would null district_id too
    const setNull = fks.filter((f) => f.on_delete === "n" && strings(f.columns).length > 1);
    expect(setNull.length).toBeGreaterThan(15);
    const badSetNull = setNull
      .filter((f) => strings(f.set_null_columns).length === 0 || strings(f.set_null_columns).includes("district_id") || strings(f.set_null_columns).includes("id"))
      .map((f) => String(f.name));
    expect(badSetNull).toEqual([]);
    // a tenant table's other foreign keys point at the reference table districts only
    const elsewhere = fks
      .filter((f) => tables.includes(String(f.source)) && !tables.includes(String(f.target)) && f.target !== "districts")
      .map((f) => String(f.name));
    expect(elsewhere).toEqual([]);
  });
});

describe("a row can never point at another district's row (foreign-key violation, 23503)", () => {
  it("a message in district A on district B's conversation", async () => {
    const bConv = (await buildInquiry(t, b)).conversation;
    const code = await errorCode(
      q(`insert into messages (district_id, conversation_id, direction, channel, body) values ($1, $2, 'note', 'web_form', 'cross')`, [a.district.id, bConv.id]),
    );
    expect(code).toBe("23503");
    // the same row in B's own district is accepted
    await q(`insert into messages (district_id, conversation_id, direction, channel, body) values ($1, $2, 'note', 'web_form', 'own')`, [b.district.id, bConv.id]);
  });

  it("district A's conversation assigned to district B's staff, or on B's topic (nullable keys are checked when set)", async () => {
    const aConv = (await buildInquiry(t, a)).conversation;
    expect(await errorCode(q(`update conversations set assignee_id = $1 where district_id = $2 and id = $3`, [bAgent.staff.id, a.district.id, aConv.id]))).toBe("23503");
    expect(await errorCode(q(`update conversations set topic_id = $1 where district_id = $2 and id = $3`, [b.topics.bus.id, a.district.id, aConv.id]))).toBe("23503");
    expect(await errorCode(q(`insert into staff_departments (district_id, staff_id, department_id) values ($1, $2, $3)`, [a.district.id, aAgent.staff.id, b.departments.nutrition.id]))).toBe("23503");
    expect(await errorCode(q(`update districts set owner_staff_id = $1 where id = $2`, [bAgent.staff.id, a.district.id]))).toBe("23503");
    // a null reference is not checked, and A's own staff is accepted
    await q(`update conversations set assignee_id = null where district_id = $1 and id = $2`, [a.district.id, aConv.id]);
    await q(`update conversations set assignee_id = $1 where district_id = $2 and id = $3`, [aAgent.staff.id, a.district.id, aConv.id]);
  });

  it("the same id in another district is another row: a composite key tells them apart", async () => {
    const id = randomUUID();
    await q(`insert into contacts (district_id, id, name) values ($1, $3, 'A'), ($2, $3, 'B')`, [a.district.id, b.district.id, id]);
    const rows = await q(`select district_id from contacts where id = $1 order by name`, [id]);
    expect(rows.map((r) => r.district_id)).toEqual([a.district.id, b.district.id]);
  });
});

describe("ON DELETE actions on composite keys", () => {
  it("SET NULL clears only the reference, never district_id; CASCADE deletes the district's own rows", async () => {
    const leaving = await buildStaff(t, a.district.id, { role: "agent", departmentIds: [a.departments.transportation.id] });
    const conv = (await buildInquiry(t, a)).conversation;
    await q(`update conversations set assignee_id = $1 where district_id = $2 and id = $3`, [leaving.staff.id, a.district.id, conv.id]);
    await q(`update departments set owner_staff_id = $1 where district_id = $2 and id = $3`, [leaving.staff.id, a.district.id, a.departments.nutrition.id]);
    await q(`update districts set owner_staff_id = $1 where id = $2`, [leaving.staff.id, a.district.id]);
    await q(`insert into messages (district_id, conversation_id, direction, channel, body, author_staff_id) values ($1, $2, 'note', 'web_form', 'note', $3)`, [a.district.id, conv.id, leaving.staff.id]);
    await q(`insert into conversation_watchers (district_id, conversation_id, staff_id, reason) values ($1, $2, $3, 'rule')`, [a.district.id, conv.id, leaving.staff.id]);

    await q(`delete from staff where district_id = $1 and id = $2`, [a.district.id, leaving.staff.id]);

    const [c] = await q(`select district_id, assignee_id from conversations where district_id = $1 and id = $2`, [a.district.id, conv.id]);
    expect(c).toEqual({ district_id: a.district.id, assignee_id: null });
    const [dep] = await q(`select owner_staff_id from departments where district_id = $1 and id = $2`, [a.district.id, a.departments.nutrition.id]);
    expect(dep!.owner_staff_id).toBeNull();
    const [d] = await q(`select owner_staff_id from districts where id = $1`, [a.district.id]);
    expect(d!.owner_staff_id).toBeNull();
    const [m] = await q(`select district_id, author_staff_id from messages where district_id = $1 and conversation_id = $2 and body = 'note'`, [a.district.id, conv.id]);
    expect(m).toEqual({ district_id: a.district.id, author_staff_id: null });
    const watchers = await q(`select 1 from conversation_watchers where district_id = $1 and staff_id = $2`, [a.district.id, leaving.staff.id]);
    expect(watchers).toEqual([]);
    const memberships = await q(`select 1 from staff_departments where district_id = $1 and staff_id = $2`, [a.district.id, leaving.staff.id]);
    expect(memberships).toEqual([]);
  });

  it("deleting a conversation cascades to its messages, events and emails; deleting a contact clears its references", async () => {
    const created = await buildInquiry(t, a, { email: "leaving@example.com" });
    const conv = created.conversation;
    const contactId = conv.contactId!;
    await q(`delete from contacts where district_id = $1 and id = $2`, [a.district.id, contactId]);
    const [c] = await q(`select contact_id from conversations where district_id = $1 and id = $2`, [a.district.id, conv.id]);
    expect(c!.contact_id).toBeNull();
    const authored = await q(`select author_contact_id from messages where district_id = $1 and conversation_id = $2 and direction = 'inbound'`, [a.district.id, conv.id]);
    expect(authored.length).toBeGreaterThan(0);
    expect(authored.every((r) => r.author_contact_id === null)).toBe(true);

    await q(`delete from conversations where district_id = $1 and id = $2`, [a.district.id, conv.id]);
    for (const table of ["messages", "events", "outbound_emails"]) {
      expect(await q(`select 1 from ${table} where district_id = $1 and conversation_id = $2`, [a.district.id, conv.id]), table).toEqual([]);
    }
  });
});

/** The migrations before 0010, in a scratch folder, so a database can be stopped just before the composite keys. */
function migrationsBefore(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fo-migrations-"));
  fs.mkdirSync(path.join(dir, "meta"));
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta/_journal.json"), "utf8")) as { entries: { tag: string }[] };
  const stop = journal.entries.findIndex((e) => e.tag === tag);
  expect(stop).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, stop);
  for (const e of journal.entries) fs.copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
  return dir;
}

async function scratchDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (testEngine() !== "postgres") {
    const database = await openDatabase({});
    return { database, drop: () => database.close() };
  }
  const name = `frontoffice_keys_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`).finally(() => admin.end());
  const url = new URL(postgresAdminUrl());
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 2 });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: postgresAdminUrl() });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
    },
  };
}

// One district's worth of rows in every tenant table, written against the schema before 0010 (plain SQL, no app code).
const SEED = `
insert into districts (id, slug, name, reference_prefix, reply_domain, from_email, signing_key)
  values ('d0000000-0000-4000-8000-000000000001', 'seeded', 'Seeded USD', 'SUSD', 'seeded.test', 'letstalk@seeded.test', 'k');
insert into staff (id, district_id, email, name, role) values
  ('50000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'ana@seeded.test', 'Ana', 'admin'),
  ('50000000-0000-4000-8000-000000000002', 'd0000000-0000-4000-8000-000000000001', 'ben@seeded.test', 'Ben', 'agent');
update staff set delegate_staff_id = '50000000-0000-4000-8000-000000000001' where id = '50000000-0000-4000-8000-000000000002';
update districts set owner_staff_id = '50000000-0000-4000-8000-000000000001';
insert into departments (id, district_id, name, slug, owner_staff_id)
  values ('de000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'Transportation', 'transportation', '50000000-0000-4000-8000-000000000001');
insert into staff_departments (district_id, staff_id, department_id)
  values ('d0000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000002', 'de000000-0000-4000-8000-000000000001');
insert into sessions (district_id, staff_id, token_hash, csrf_token, expires_at)
  values ('d0000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000002', 'session-hash', 'csrf', now() + interval '1 day');
insert into api_tokens (district_id, staff_id, token_hash, name)
  values ('d0000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000002', 'token-hash', 'ci');
insert into schools (id, district_id, name, code) values ('5c000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'Oak', 'OAK');
insert into categories (id, district_id, slug, name) values ('ca000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'general', '{"en":"General"}');
insert into topics (id, district_id, category_id, department_id, slug, name)
  values ('70000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'ca000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-000000000001', 'bus', '{"en":"Bus"}');
insert into sla_policies (id, district_id, name, topic_id) values ('5a000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'Bus', '70000000-0000-4000-8000-000000000001');
insert into incident_clusters (id, district_id, key, title, topic_id, department_id, first_at, last_at)
  values ('c1000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'bus-42', 'Bus 42', '70000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-000000000001', now(), now());
insert into contacts (id, district_id, name) values ('c0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'Family');
insert into contact_identities (district_id, contact_id, kind, value) values ('d0000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', 'email', 'family@example.com');
insert into conversations (id, district_id, number, reference, subject, channel, topic_id, department_id, assignee_id, school_id, contact_id, sla_policy_id, cluster_id)
  values ('cc000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 1001, 'SUSD-1001', 'Late bus', 'web_form',
          '70000000-0000-4000-8000-000000000001', 'de000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000002',
          '5c000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001');
insert into messages (id, district_id, conversation_id, direction, channel, body, author_contact_id)
  values ('a0000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000001', 'inbound', 'web_form', 'The bus was late', 'c0000000-0000-4000-8000-000000000001');
insert into attachments (district_id, message_id, filename, content_type, size, sha256, data)
  values ('d0000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'a.txt', 'text/plain', 1, 'x', '\\x41');
insert into events (district_id, conversation_id, type, actor_kind) values ('d0000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000001', 'conversation.created', 'system');
insert into ratings (district_id, conversation_id, token_hash, expires_at) values ('d0000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000001', 'rating-hash', now() + interval '7 days');
insert into outbound_emails (district_id, conversation_id, message_id, purpose, to_address, from_address, subject, text_body, header_message_id)
  values ('d0000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'ack', 'family@example.com', 'letstalk@seeded.test', 'Re', 'Thanks', '<m@seeded.test>');
insert into channels (id, district_id, type, address, name) values ('cb000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'email', 'letstalk@seeded.test', 'Mailbox');
insert into inbound_deliveries (district_id, channel_id, provider_message_id, source, raw, size)
  values ('d0000000-0000-4000-8000-000000000001', 'cb000000-0000-4000-8000-000000000001', '<x@example.com>', 'smtp', '\\x41', 1);
insert into conversation_participants (district_id, conversation_id, contact_id)
  values ('d0000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000001', 'c0000000-0000-4000-8000-000000000001');
insert into routing_rules (district_id, position, name) values ('d0000000-0000-4000-8000-000000000001', 1, 'Buses');
insert into routing_models (district_id, model, examples, trained_at, updated_at) values ('d0000000-0000-4000-8000-000000000001', '{}', 0, now(), now());
insert into alert_categories (id, district_id, key, name) values ('ac000000-0000-4000-8000-000000000001', 'd0000000-0000-4000-8000-000000000001', 'violence', '{"en":"Violence"}');
insert into alert_responders (district_id, category_id, staff_id) values ('d0000000-0000-4000-8000-000000000001', 'ac000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000001');
insert into alerts (district_id, conversation_id, message_id, category, severity, score, acknowledged_by)
  values ('d0000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000001', 'a0000000-0000-4000-8000-000000000001', 'violence', 'high', 0.9, '50000000-0000-4000-8000-000000000001');
insert into conversation_watchers (district_id, conversation_id, staff_id, reason)
  values ('d0000000-0000-4000-8000-000000000001', 'cc000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000001', 'alert');
insert into notifications (district_id, staff_id, type, conversation_id, actor_staff_id)
  values ('d0000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000002', 'assigned', 'cc000000-0000-4000-8000-000000000001', '50000000-0000-4000-8000-000000000001');
insert into idempotency_keys (district_id, key, fingerprint, created_at) values ('d0000000-0000-4000-8000-000000000001', 'k1', 'f', now());
`;

describe("migration 0010 on a database with rows", () => {
  it("keeps every row of every tenant table and leaves them keyed by district", async () => {
    const { database, drop } = await scratchDatabase();
    const before = migrationsBefore("0010_composite_district_keys");
    try {
      if (database.kind === "pglite") await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder: before });
      else await migratePg(database.db as unknown as Parameters<typeof migratePg>[0], { migrationsFolder: before });
      await database.raw(SEED);
      const tables = (
        await database.raw(`select c.table_name as name from information_schema.columns c
          join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
          where c.table_schema = 'public' and c.column_name = 'district_id' and tb.table_type = 'BASE TABLE' order by 1`)
      ).rows.map((r) => String(r.name));
      const counts = async () => {
        const out: Record<string, number> = {};
        for (const table of tables) out[table] = Number((await database.raw(`select count(*) as n from ${table}`)).rows[0]!.n);
        return out;
      };
      const seeded = await counts();
      expect(Object.entries(seeded).filter(([, n]) => n === 0), "every tenant table has a row").toEqual([]);

      await migrateDatabase(database);

      expect(await counts()).toEqual(seeded);
      const [pk] = (await database.raw(`select pg_get_constraintdef(oid) as def from pg_constraint where conrelid = 'conversations'::regclass and contype = 'p'`)).rows;
      expect(pk!.def).toBe("PRIMARY KEY (district_id, id)");
      const [conv] = (
        await database.raw(`select assignee_id, contact_id, cluster_id from conversations where district_id = 'd0000000-0000-4000-8000-000000000001'`)
      ).rows;
      expect(conv).toEqual({
        assignee_id: "50000000-0000-4000-8000-000000000002",
        contact_id: "c0000000-0000-4000-8000-000000000001",
        cluster_id: "c1000000-0000-4000-8000-000000000001",
      });
    } finally {
      fs.rmSync(before, { recursive: true, force: true });
      await drop();
    }
  }, 180_000); // a fresh database and every migration: about 12 s on PGlite on a quiet machine
});
