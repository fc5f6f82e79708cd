import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboundDeliveries, messages } from "../../db/schema/index.js";
import { storeInboundDelivery } from "../../domain/channels/index.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { TEST_PUBLIC_URL, testApp, type TestApp } from "../../test/test-app.js";
import { createLogger } from "../../lib/logger.js";
import { ingestInboundEmailJob } from "./ingest-inbound-email.js";

let t: TestApp;
let d: TestDistrict;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
});
afterAll(() => t.close());

const raw = (id: string) =>
  Buffer.from(
    `From: Pat <pat@example.com>\r\nTo: ${d.emailChannel.address}\r\nSubject: Bus 12\r\nMessage-ID: <${id}@example.com>\r\nDate: Mon, 2 Mar 2026 08:00:00 -0800\r\n\r\nThe bus was late.\r\n`,
  );

describe("ingest-inbound-email", () => {
  it("files a delivery once even when two runs of its job overlap (pg-boss delivers at least once)", async () => {
    await t.tx(d.district.id, { kind: "system", reason: "test" }, (ctx) =>
      storeInboundDelivery(ctx, d.emailChannel, { providerMessageId: "<overlap-1@example.com>", source: "webhook", raw: raw("overlap-1") }),
    );
    const [delivery] = await t.database.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.districtId, d.district.id));
    const deps = { database: t.database, publicUrl: TEST_PUBLIC_URL, mailer: t.mailer, enqueue: t.jobs.enqueue, now: t.clock.now };
    const job = { id: "test", log: createLogger("silent") };
    const payload = { districtId: d.district.id, deliveryId: delivery!.id };
    await Promise.all([ingestInboundEmailJob.handler(deps, payload, job), ingestInboundEmailJob.handler(deps, payload, job)]);
    const filed = await t.database.db
      .select()
      .from(messages)
      .where(and(eq(messages.districtId, d.district.id), eq(messages.emailMessageId, "<overlap-1@example.com>")));
    expect(filed).toHaveLength(1);
    const [after] = await t.database.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.id, delivery!.id));
    expect(after!.status).toBe("processed");
  });
});
