import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys } from "../../db/schema/index.js";
import { IDEMPOTENCY_TTL_MS, runIdempotent } from "../../domain/idempotency/index.js";
import { createLogger } from "../../lib/logger.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { TEST_PUBLIC_URL, testApp, type TestApp } from "../../test/test-app.js";
import { expireIdempotencyKeysJob } from "./expire-idempotency-keys.js";

let t: TestApp;
let d: TestDistrict;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
});
afterAll(() => t.close());

describe("expire-idempotency-keys", () => {
  it("deletes keys older than 24 hours and keeps younger ones", async () => {
    const store = (key: string) =>
      t.tx(d.district.id, { kind: "system", reason: "test" }, (ctx) => runIdempotent(ctx, { key, fingerprint: "f", status: 201 }, async () => ({ ok: true })));
    await store("old");
    t.clock.advance(IDEMPOTENCY_TTL_MS - 60_000);
    await store("young");
    t.clock.advance(120_000);
    try {
      const deps = { database: t.database, publicUrl: TEST_PUBLIC_URL, mailer: t.mailer, enqueue: t.jobs.enqueue, now: t.clock.now };
      await expireIdempotencyKeysJob.handler(deps, {}, { id: "test", log: createLogger("silent") });
      const left = await t.database.db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.districtId, d.district.id));
      expect(left.map((k) => k.key)).toEqual(["young"]);
    } finally {
      t.clock.advance(-(IDEMPOTENCY_TTL_MS + 60_000));
    }
  });
});
