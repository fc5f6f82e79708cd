import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Mailer, OutgoingEmail } from "../channels/email/mailer.js";
import { createLogger } from "../lib/logger.js";
import { buildDistrict, buildInquiry, type TestDistrict } from "../test/factories.js";
import { TEST_PUBLIC_URL, testApp, type TestApp } from "../test/test-app.js";
import { WORK_CONCURRENCY } from "../lib/work.js";
import { createJobRunner, WORK_BATCH } from "./runner.js";

let t: TestApp;
let d: TestDistrict;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
});
afterAll(() => t.close());

/** A relay that takes 10 ms a message and records when each send began and how many were under way at once. */
function slowMailer(): Mailer & { started: number[]; sent: OutgoingEmail[]; mostAtOnce: number } {
  let under = 0;
  const m = {
    transport: "smtp" as const,
    started: [] as number[],
    sent: [] as OutgoingEmail[],
    mostAtOnce: 0,
    async send(mail: OutgoingEmail) {
      m.started.push(performance.now());
      m.mostAtOnce = Math.max(m.mostAtOnce, ++under);
      await new Promise((r) => setTimeout(r, 10));
      under--;
      m.sent.push(mail);
      return { ok: true as const, response: "250 queued" };
    },
    close: () => undefined,
  };
  return m;
}

describe("the job worker (work())", () => {
  it("runs a batch's jobs several at a time on PostgreSQL, and asks for the next batch at once after a full one", async () => {
    const n = 2 * WORK_BATCH + 5; // three polls of the acknowledgement queue
    for (let i = 0; i < n; i++) await buildInquiry(t, d, { email: `family${i}@example.com` });
    const mailer = slowMailer();
    const runner = createJobRunner(t.database, { database: t.database, publicUrl: TEST_PUBLIC_URL, mailer }, createLogger("silent"));
    await runner.init();
    await runner.work();
    try {
      for (let i = 0; i < 600 && mailer.sent.length < n; i++) await new Promise((r) => setTimeout(r, 50));
    } finally {
      await runner.stop();
    }
    expect(new Set(mailer.sent.map((m) => m.to)).size).toBe(n);
    expect(mailer.mostAtOnce).toBe(t.database.kind === "postgres" ? WORK_CONCURRENCY : 1);
    // pg-boss would wait out the rest of its one-second polling interval between two batches (about 900 ms here: a
    // batch takes about 100); a full batch is followed by the next fetch at once instead. (PGlite's one job at a
    // time takes longer than its half-second interval, so there is nothing to wait out there.)
    if (t.database.kind === "postgres") {
      const gaps = mailer.started.slice(1).map((s, i) => s - mailer.started[i]!);
      expect(Math.max(...gaps)).toBeLessThan(500);
    }
  });
});
