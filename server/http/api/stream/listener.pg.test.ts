import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { openStream as open } from "../../../test/sse.js";
import { testApp, type TestApp } from "../../../test/test-app.js";

// PostgreSQL only (collected when TEST_DB=postgres): PGlite's listener is in-process and cannot drop.
let t: TestApp;
let base: string;
let a: TestDistrict;
let admin: TestStaff;
const openStream = (s: TestStaff) => open(s, {}, base);

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  a = await buildDistrict(t);
  admin = await buildStaff(t, a.district.id, { role: "admin" });
});
afterAll(() => t.close());

describe("the live hub on PostgreSQL", () => {
  it("reconnects its PostgreSQL listener and delivers what happened meanwhile", async () => {
    const stream = await openStream(admin);
    try {
      const killed = await t.database.raw(
        "select pg_terminate_backend(pid) as ok from pg_stat_activity where datname = current_database() and query ilike 'LISTEN%' and pid <> pg_backend_pid()",
      );
      expect(killed.rows).toHaveLength(1);
      const during = await buildInquiry(t, a, { message: "Written while the listener was down" });
      const f = await stream.sse.nextEvent();
      expect(f).toMatchObject({ event: "conversation.created" });
      expect(JSON.parse(f!.data!).conversationId).toBe(during.conversation.id);
    } finally {
      stream.close();
    }
  });

});
