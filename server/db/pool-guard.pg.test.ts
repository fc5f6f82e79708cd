import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase } from "../test/test-db.js";
import { openDatabase, type Database } from "./client.js";
import { NestedPoolAcquisitionError } from "./pool-guard.js";
import { inDistrict, tenantDb } from "./tenant.js";

// The pool guard (db/pool-guard.ts): a transaction that asks its own pool for a second connection throws, whatever
// the load; sequential, concurrent and queued work does not.

let base: Database & { dropped?: () => Promise<void> };
let guarded: Database;
let plain: Database;
const district = randomUUID();
const other = randomUUID();
const one = sql`select 1 as one`;

beforeAll(async () => {
  base = await openTestDatabase();
  guarded = await openDatabase({ databaseUrl: base.connectionString!, poolSize: 3, poolGuard: true });
  plain = await openDatabase({ databaseUrl: base.connectionString!, poolSize: 3 });
});
afterAll(async () => {
  await guarded?.close();
  await plain?.close();
  await base?.close();
});

/** The guard's error, which drizzle wraps in a DrizzleQueryError (as its `cause`) when a statement met it. */
async function guardError(attempt: Promise<unknown>): Promise<unknown> {
  const err = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof NestedPoolAcquisitionError ? err : (err as { cause?: unknown } | null)?.cause;
}

async function expectNested(attempt: Promise<unknown>): Promise<void> {
  const err = await guardError(attempt);
  expect(err).toBeInstanceOf(NestedPoolAcquisitionError);
  // what went wrong, then where the transaction holding the connection started
  expect((err as Error).message).toMatch(/^nested pool acquisition: pool\.(connect|query)\(\)[\s\S]*started at:\n\s+at \S/);
  expect((err as Error).message).toContain("pool-guard.pg.test.ts");
}

describe("pool guard", () => {
  it("throws on a nested inDistrict with the outer db, and the pool still serves afterwards", async () => {
    await expectNested(inDistrict(guarded.db, district, async () => inDistrict(guarded.db, other, (tx) => tx.execute(one))));
    await expect(guarded.db.execute(one)).resolves.toBeTruthy();
    expect(guarded.pool!.totalCount - guarded.pool!.idleCount).toBe(0); // nothing left checked out
  });

  it("throws on the outer db, a tenant handle or the raw executor inside a transaction", async () => {
    await expectNested(inDistrict(guarded.db, district, () => guarded.db.execute(one)));
    await expectNested(inDistrict(guarded.db, district, () => tenantDb(guarded, district).execute(one)));
    await expectNested(guarded.db.transaction(() => guarded.raw("select 1")));
    await expectNested(guarded.db.transaction(() => inDistrict(guarded.db, district, (tx) => tx.execute(one))));
  });

  it("does not throw on sequential transactions", async () => {
    for (let i = 0; i < 5; i++) {
      await inDistrict(guarded.db, district, (tx) => tx.execute(one));
      await guarded.db.transaction((tx) => tx.execute(one));
      await guarded.db.execute(one);
    }
  });

  it("does not throw on concurrent independent transactions, more than the pool has connections", async () => {
    const done = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 ? inDistrict(guarded.db, randomUUID(), async (tx) => (await tx.execute(one), i)) : guarded.db.transaction(async (tx) => (await tx.execute(one), i)),
      ),
    );
    expect(done).toHaveLength(12);
    await Promise.all(Array.from({ length: 6 }, () => tenantDb(guarded, district).execute(one))); // parallel tenant reads
  });

  it("does not throw on concurrent statements inside one transaction, a savepoint, or the side pool", async () => {
    await inDistrict(guarded.db, district, async (tx) => {
      await Promise.all([tx.execute(one), tx.execute(one), tx.execute(one), tx.execute(one)]);
      await tx.transaction((sp) => sp.execute(one));
      await guarded.side!.execute(one); // a pool of its own, made for statements a transaction waits on
    });
  });

  it("does not throw for work queued in a transaction that runs after its connection is released", async () => {
    let fire!: () => void;
    let queued!: Promise<unknown>;
    let later!: Promise<unknown>;
    await inDistrict(guarded.db, district, async (tx) => {
      // both inherit the transaction's async context and run only once it has committed and released
      const released = new Promise<void>((resolve) => (fire = resolve));
      queued = released.then(() => guarded.db.execute(one));
      later = released.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(() => inDistrict(guarded.db, other, (t) => t.execute(one)));
      await tx.execute(one);
    });
    fire();
    await expect(queued).resolves.toBeTruthy();
    await expect(later).resolves.toBeTruthy();
  });

  it("is off unless asked for (production)", async () => {
    await expect(inDistrict(plain.db, district, () => inDistrict(plain.db, other, (tx) => tx.execute(one)))).resolves.toBeTruthy();
  });
});
