import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, isListening, processDistrict, startAppProcess, type AppProcess, type ProcessDistrict, type ScratchDatabase } from "../test/app-process.js";
import type { TestDistrict } from "../test/factories.js";

// Issue 6: `start --role web|worker|all` lets workers scale apart from web servers on one PostgreSQL database.
// A web process serves HTTP and runs no job; a worker runs the jobs and listens on nothing.

const SLOW = 300_000;

let env: ProcessDistrict;
let scratch: ScratchDatabase;
let client: pg.Pool;
let d: TestDistrict;
let web: AppProcess;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function submit(message: string): Promise<string> {
  const res = await fetch(`${web.baseUrl}/api/public/${d.district.slug}/inquiries`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ topic: "general-question", message, email: "ana.garcia@example.com" }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { reference: string }).reference;
}

/** The acknowledgement email of a conversation and the state of its deliver-email job. */
async function acknowledgement(reference: string): Promise<{ status: string; job: string }> {
  const { rows } = await client.query<{ status: string; job: string }>(
    `SELECT e.status, j.state AS job FROM outbound_emails e
       JOIN conversations c ON c.id = e.conversation_id
       JOIN pgboss.job j ON j.name = 'deliver-email' AND j.data->>'emailId' = e.id::text
      WHERE c.district_id = $1 AND c.reference = $2`,
    [d.district.id, reference],
  );
  expect(rows).toHaveLength(1);
  return rows[0]!;
}

beforeAll(async () => {
  env = await processDistrict("web");
  ({ scratch, client, d, server: web } = env);
}, SLOW);

afterAll(() => env?.close(), SLOW);

describe("start --role on PostgreSQL", () => {
  it(
    "a web process takes the submission and runs no job; a worker process delivers the acknowledgement and serves nothing",
    async () => {
      expect(web.baseUrl).not.toBeNull();
      expect(web.smtpPort).not.toBeNull();
      const reference = await submit("When does the winter break start?");
      // pg-boss workers poll every second: a web process with workers would have sent it by now.
      await sleep(4000);
      expect(await acknowledgement(reference)).toEqual({ status: "queued", job: "created" });

      const [port, smtpPort] = [await freePort(), await freePort()];
      const worker = await startAppProcess({ databaseUrl: scratch.url, role: "worker", env: { PORT: String(port), SMTP_PORT: String(smtpPort) } });
      expect(worker.baseUrl).toBeNull();
      expect(worker.smtpPort).toBeNull();
      expect(await isListening(port)).toBe(false);
      expect(await isListening(smtpPort)).toBe(false);

      const deadline = Date.now() + 60_000;
      let ack = await acknowledgement(reference);
      while (ack.status !== "sent" && Date.now() < deadline) {
        await sleep(250);
        ack = await acknowledgement(reference);
      }
      expect(ack).toEqual({ status: "sent", job: "completed" });

      // With the worker gone, the web process still answers, and the next email waits for a worker again.
      await worker.kill("SIGTERM");
      const second = await submit("Is there school on the Friday before the break?");
      await sleep(3000);
      expect(await acknowledgement(second)).toEqual({ status: "queued", job: "created" });
    },
    SLOW,
  );
});
