import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/test-db.js";
import type { Database } from "./client.js";

// What each pool's commit waits for (db/client.ts, Database.side). The main pool's transactions hold what is
// acknowledged to a sender: their commits wait for the disk. The side pool's counters (reference numbers, rate-limit
// hits) do not, which is safe only because no acknowledgement rests on them alone.

let database: Database;

const setting = async (db: Database["db"]): Promise<string> =>
  ((await db.execute(sql`select current_setting('synchronous_commit') as v`)) as unknown as { rows: { v: string }[] }).rows[0]!.v;

beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describe("commit modes on PostgreSQL", () => {
  it("the main pool commits synchronously, in and out of a transaction", async () => {
    expect(await setting(database.db)).toBe("on");
    expect(await database.db.transaction((tx) => setting(tx as unknown as Database["db"]))).toBe("on");
  });

  it("the side pool, for counters only, commits without waiting for the disk", async () => {
    expect(database.side).toBeDefined();
    expect(await setting(database.side!)).toBe("off");
  });
});
