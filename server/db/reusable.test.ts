import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildDistrict, type TestDistrict } from "../test/factories.js";
import { testApp, type TestApp } from "../test/test-app.js";
import { keysOf, placeholdersFor, reusable, reusableInsert } from "./reusable.js";
import { channels, type ChannelRow } from "./schema/index.js";
import { inDistrict, tenantDb } from "./tenant.js";

let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "REU" });
  other = await buildDistrict(t, { prefix: "RUO" });
});
afterAll(() => t.close());

const insertChannel = reusableInsert(channels);

/** A channel of `districtId` by address, read with drizzle's own builder: what reusable statements are compared to. */
const byAddress = async (districtId: string, address: string) =>
  (await t.database.db.select().from(channels).where(and(eq(channels.districtId, districtId), eq(channels.address, address))))[0];

describe("reusable statements", () => {
  it("insert the row drizzle's builder would, each value through its column's encoder, and return it mapped", async () => {
    const createdAt = new Date("2026-03-02T08:15:30.123Z");
    const [row] = await insertChannel(t.database.db, {
      districtId: d.district.id,
      type: "sms",
      address: "+15550100001",
      name: "Texts",
      config: { provider: "twilio", numbers: ["+15550100001"], nested: { ok: true } },
      cursor: null,
      active: false,
      createdAt,
    });
    expect(row).toMatchObject({ type: "sms", address: "+15550100001", active: false, cursor: null, config: { provider: "twilio", numbers: ["+15550100001"], nested: { ok: true } } });
    expect(row!.createdAt).toEqual(createdAt);
    expect(await byAddress(d.district.id, "+15550100001")).toEqual(row);
    // null is SQL NULL, not the JSON value null
    const [{ isNull }] = (await t.database.raw(`select cursor is null as "isNull" from channels where id = $1`, [row!.id])).rows as [{ isNull: boolean }];
    expect(isNull).toBe(true);
  });

  it("build one statement per shape: a row that leaves a column out gets the column's default, not another row's value", async () => {
    const [full] = await insertChannel(t.database.db, { districtId: d.district.id, type: "sms", address: "+15550100002", name: "A", config: {}, active: false, createdAt: new Date("2026-01-01T00:00:00Z") });
    const [partial] = await insertChannel(t.database.db, { districtId: d.district.id, type: "sms", address: "+15550100003", name: "B" });
    expect(full).toMatchObject({ active: false, createdAt: new Date("2026-01-01T00:00:00Z") });
    expect(partial).toMatchObject({ name: "B", active: true, config: {} });
    expect(partial!.createdAt.getFullYear()).toBeGreaterThanOrEqual(2026);
    expect(partial!.createdAt.getTime()).not.toBe(full!.createdAt.getTime());
  });

  it("are built once per shape and then run with each input's own values, on the pool and in transactions", async () => {
    const build = vi.fn((db: Parameters<Parameters<typeof reusable>[0]["build"]>[0]) =>
      db.select().from(channels).where(and(eq(channels.districtId, sql.placeholder("districtId")), eq(channels.address, sql.placeholder("address")))),
    );
    const find = reusable<{ districtId: string; address: string }, ChannelRow[]>({ shape: keysOf, build, values: (i) => i });
    const [a] = await find(t.database.db, { districtId: d.district.id, address: "+15550100001" });
    const [b] = await t.database.db.transaction((tx) => find(tx, { districtId: d.district.id, address: "+15550100002" }));
    const none = await find(t.database.db, { districtId: d.district.id, address: "+15550199999" });
    expect([a?.name, b?.name, none]).toEqual(["Texts", "A", []]);
    expect(build).toHaveBeenCalledTimes(1);
  });

  it("run on the transaction they are given: what it wrote is gone when it rolls back", async () => {
    await expect(
      t.database.db.transaction(async (tx) => {
        await insertChannel(tx, { districtId: d.district.id, type: "sms", address: "+15550100004", name: "Rolled back" });
        expect((await tx.select().from(channels).where(eq(channels.address, "+15550100004"))).length).toBe(1);
        throw new Error("roll back");
      }),
    ).rejects.toThrow("roll back");
    expect(await byAddress(d.district.id, "+15550100004")).toBeUndefined();
  });

  it("run under the district a tenant transaction or handle sets: another district's rows are invisible to them", async () => {
    const find = reusable<{ address: string }, ChannelRow[]>({
      shape: () => "",
      build: (db) => db.select().from(channels).where(eq(channels.address, sql.placeholder("address"))),
      values: (i) => i,
    });
    expect(await find(t.database.db, { address: "+15550100001" })).toHaveLength(1); // the owner's handle sees it
    expect(await inDistrict(t.database.db, other.district.id, (tx) => find(tx, { address: "+15550100001" }))).toEqual([]);
    expect(await find(tenantDb(t.database, other.district.id), { address: "+15550100001" })).toEqual([]);
    expect(await inDistrict(t.database.db, d.district.id, (tx) => find(tx, { address: "+15550100001" }))).toHaveLength(1);
  });

  it("refuse a statement with a value built into it (every later input would get the first one's)", async () => {
    const frozen = reusable<{ address: string }, ChannelRow[]>({
      shape: () => "",
      build: (db, i) => db.select().from(channels).where(eq(channels.address, i.address)),
      values: () => ({}),
    });
    await expect(frozen(t.database.db, { address: "+15550100001" })).rejects.toThrow(/not a placeholder/);
  });

  it("refuse an input without a value for one of its placeholders", async () => {
    const find = reusable<{ address?: string }, ChannelRow[]>({
      shape: () => "",
      build: (db) => db.select().from(channels).where(eq(channels.address, sql.placeholder("address"))),
      values: (i) => ({ ...i }),
    });
    await expect(find(t.database.db, {})).rejects.toThrow(/no value for placeholder "address"/);
  });

  it("name a row's placeholders for the keys it gives a value", () => {
    expect(Object.keys(placeholdersFor({ a: 1, b: null, c: undefined }, "x_"))).toEqual(["a", "b"]);
    expect(keysOf({ a: 1, b: null, c: undefined })).toBe("a,b,");
  });
});
