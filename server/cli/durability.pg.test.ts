import { randomBytes } from "node:crypto";
import nodemailer from "nodemailer";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { processDistrict, startAppProcess, type AppProcess, type ProcessDistrict, type ScratchDatabase } from "../test/app-process.js";
import type { TestDistrict } from "../test/factories.js";

// Issue 6, "nothing lost": a real server process is SIGKILLed in the middle of a burst of form submissions and
// SMTP deliveries. After a restart, everything that was acknowledged is stored exactly once, and everything that
// was not can be retried with its idempotency key (or Message-ID) without creating anything twice.

const FORMS = 200;
const FORM_CONCURRENCY = 16;
const KILL_AFTER_ANSWERS = 70;
const EMAILS = 60;
const SMTP_CONCURRENCY = 4;
const SLOW = 600_000;

let env: ProcessDistrict;
let scratch: ScratchDatabase;
let client: pg.Pool;
let d: TestDistrict;
let server: AppProcess;

/** `hangUp`: the first attempt gives up after a few milliseconds, like a phone losing its signal: the server may
 *  store it without the family ever seeing the answer. */
type Submission = { i: number; key: string; html: boolean; hangUp: boolean; acked: boolean; answer?: { reference?: string; statusPath: string } };
type Email = { i: number; messageId: string; acked: boolean };

const marker = (key: string) => `[burst:${key}]`;

function request(s: Submission, baseUrl: string, timeoutMs: number): Promise<Response> {
  const message = `The bus did not come this morning. ${marker(s.key)}`;
  const common = { name: `Parent ${s.i}`, email: `parent${s.i}@example.com`, message };
  if (s.html) {
    const form = new URLSearchParams({ ...common, "fields.school": d.schools[0]!.id, "fields.bus_number": String(s.i % 90), submission_token: s.key });
    return fetch(`${baseUrl}/d/${d.district.slug}/topics/bus-concern?lang=en`, {
      method: "POST",
      body: form,
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
  }
  return fetch(`${baseUrl}/api/public/${d.district.slug}/inquiries`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": s.key },
    body: JSON.stringify({ topic: "bus-concern", fields: { school: d.schools[0]!.id, bus_number: String(s.i % 90) }, ...common }),
    signal: AbortSignal.timeout(timeoutMs),
  });
}

/** Sends one submission; true when the server acknowledged it (201 from the API, 303 from the form). */
async function submit(s: Submission, baseUrl: string, timeoutMs = 30_000): Promise<{ ok: boolean; replayed: boolean }> {
  try {
    const res = await request(s, baseUrl, timeoutMs);
    if (s.html && res.status === 303) {
      s.answer = { statusPath: new URL(res.headers.get("location")!, baseUrl).pathname };
      return { ok: true, replayed: false };
    }
    if (res.status === 201) {
      const body = (await res.json()) as { reference: string; statusUrl: string };
      s.answer = { reference: body.reference, statusPath: new URL(body.statusUrl).pathname };
      return { ok: true, replayed: res.headers.get("idempotent-replayed") === "true" };
    }
    return { ok: false, replayed: false };
  } catch {
    return { ok: false, replayed: false }; // reset, refused or timed out: no answer
  }
}

function rawEmail(e: Email): string {
  return [
    `From: Family ${e.i} <family${e.i}@example.com>`,
    `To: ${d.emailChannel.address}`,
    `Subject: Lunch account question ${e.i}`,
    `Message-ID: ${e.messageId}`,
    "Date: Mon, 2 Mar 2026 08:00:00 -0800",
    "",
    `Our lunch account shows a wrong balance. ${marker(e.messageId)}`,
    "",
  ].join("\r\n");
}

/** Delivers one raw message over SMTP with nodemailer; true on 250. */
async function deliver(e: Email, port: number): Promise<boolean> {
  const transport = nodemailer.createTransport({ host: "127.0.0.1", port, secure: false, ignoreTLS: true, connectionTimeout: 10_000, socketTimeout: 30_000 });
  try {
    const info = await transport.sendMail({ envelope: { from: `family${e.i}@example.com`, to: [d.emailChannel.address] }, raw: rawEmail(e) });
    return info.response.startsWith("250");
  } catch {
    return false;
  } finally {
    transport.close();
  }
}

/** Runs `work` over `items` with at most `limit` in flight, stopping new starts once `stop()` says so. */
async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length && !stop()) await work(items[next++]!);
    }),
  );
}

const rows = async <R>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as R[];

beforeAll(async () => {
  // The server migrates the empty database; the district is created from here, as an admin would.
  env = await processDistrict("all");
  ({ scratch, client, d, server } = env);
}, SLOW);

afterAll(() => env?.close(), SLOW);

describe("a server process killed with SIGKILL in the middle of a burst", () => {
  it(
    "keeps every acknowledged form submission and email exactly once, and lets every unacknowledged one be retried without duplicates",
    async () => {
      const tag = randomBytes(3).toString("hex");
      const submissions: Submission[] = Array.from({ length: FORMS }, (_, i) => ({
        i,
        key: `burst-${tag}-${i}-${randomBytes(8).toString("base64url")}`,
        html: i % 5 === 4,
        hangUp: i % 10 === 3 && i < 100,
        acked: false,
      }));
      const emails: Email[] = Array.from({ length: EMAILS }, (_, i) => ({ i, messageId: `<burst-${tag}-${i}@family.example>`, acked: false }));
      const first = server;
      const baseUrl = first.baseUrl!;
      let answers = 0;
      let killed = false;
      let killedAt = 0;
      const started = Date.now();
      const kill = async () => {
        killed = true;
        killedAt = Date.now() - started;
        await first.kill("SIGKILL");
      };
      let killing: Promise<void> | undefined;
      await Promise.all([
        pool(
          submissions,
          FORM_CONCURRENCY,
          async (s) => {
            s.acked = (await submit(s, baseUrl, s.hangUp ? 5 : 30_000)).ok;
            if (s.acked && ++answers === KILL_AFTER_ANSWERS) killing = kill();
          },
          () => killed,
        ),
        pool(
          emails,
          SMTP_CONCURRENCY,
          async (e) => {
            e.acked = await deliver(e, first.smtpPort!);
          },
          () => killed,
        ),
      ]);
      await killing;
      expect(killed).toBe(true);
      const ackedForms = submissions.filter((s) => s.acked);
      const ackedEmails = emails.filter((e) => e.acked);
      expect(ackedForms.length).toBeGreaterThanOrEqual(KILL_AFTER_ANSWERS);
      expect(ackedForms.length).toBeLessThan(FORMS);

      // Restart on the same database (new ports), as a supervisor would.
      const restartStarted = new Date();
      server = await startAppProcess({ databaseUrl: scratch.url, role: "all" });
      const restartMs = Date.now() - restartStarted.getTime();

      // 1. Everything acknowledged before the kill is stored exactly once, under the reference it was given.
      const keyRows = await rows<{ key: string; reference: string; status_url: string }>(
        `SELECT key, response_body->>'reference' AS reference, response_body->>'statusUrl' AS status_url FROM idempotency_keys WHERE district_id = $1`,
        [d.district.id],
      );
      const byKey = new Map(keyRows.map((r) => [r.key.startsWith("form:") ? r.key.split(":")[1]! : r.key, r]));
      for (const s of ackedForms) {
        const row = byKey.get(s.key);
        expect(row, s.key).toBeDefined();
        expect(new URL(row!.status_url).pathname).toBe(s.answer!.statusPath);
        if (s.answer!.reference) expect(row!.reference).toBe(s.answer!.reference);
      }
      const storedBefore = keyRows.length;

      // 2. Every unacknowledged submission is retried with its key after the restart.
      let replayedOnRetry = 0;
      await pool(
        submissions.filter((s) => !s.acked),
        FORM_CONCURRENCY,
        async (s) => {
          const r = await submit(s, server.baseUrl!);
          expect(r.ok, s.key).toBe(true);
          s.acked = true;
          if (r.replayed) replayedOnRetry++;
        },
      );
      // …and a few acknowledged ones are retried too (a client that never saw the answer): still once.
      for (const s of ackedForms.slice(0, 10)) {
        const before = s.answer!.statusPath;
        expect((await submit(s, server.baseUrl!)).ok).toBe(true);
        expect(s.answer!.statusPath).toBe(before);
      }

      // 3. Exactly one conversation per distinct key, found by the marker in its first message.
      const inbound = await rows<{ body: string; reference: string }>(
        `SELECT m.body, c.reference FROM messages m JOIN conversations c ON c.id = m.conversation_id
          WHERE m.district_id = $1 AND m.direction = 'inbound' AND c.channel = 'web_form'`,
        [d.district.id],
      );
      const perKey = new Map<string, number>();
      for (const m of inbound) {
        const key = /\[burst:([^\]]+)\]/.exec(m.body)?.[1];
        if (key) perKey.set(key, (perKey.get(key) ?? 0) + 1);
      }
      for (const s of submissions) expect(perKey.get(s.key), s.key).toBe(1);
      const [forms] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM conversations WHERE district_id = $1 AND channel = 'web_form'`, [d.district.id]);
      expect(forms!.n).toBe(new Set(submissions.map((s) => s.key)).size);

      // 4. Email: every 250 is stored once; the unacknowledged ones and a few acknowledged ones are sent again.
      const deliveriesBefore = await rows<{ provider_message_id: string }>(`SELECT provider_message_id FROM inbound_deliveries WHERE district_id = $1`, [d.district.id]);
      const storedIds = new Set(deliveriesBefore.map((r) => r.provider_message_id));
      for (const e of ackedEmails) expect(storedIds.has(e.messageId), e.messageId).toBe(true);
      const resend = [...emails.filter((e) => !e.acked), ...ackedEmails.slice(0, 5)];
      await pool(resend, SMTP_CONCURRENCY, async (e) => {
        expect(await deliver(e, server.smtpPort!), e.messageId).toBe(true);
      });
      const deliveries = await rows<{ provider_message_id: string; n: number }>(
        `SELECT provider_message_id, count(*)::int AS n FROM inbound_deliveries WHERE district_id = $1 GROUP BY 1`,
        [d.district.id],
      );
      expect(deliveries).toHaveLength(EMAILS);
      expect(deliveries.every((r) => r.n === 1)).toBe(true);

      // 5. The restarted worker files what it can: every delivery ends processed, except any whose ingestion job
      //    the killed process held (pg-boss retries those once they expire, 15 minutes by default); no email ever
      //    makes two messages.
      const deadline = Date.now() + 120_000;
      let state: { processed: number; held: number; waiting: number } = { processed: 0, held: 0, waiting: EMAILS };
      while (Date.now() < deadline) {
        const [s] = await rows<{ processed: number; held: number; waiting: number }>(
          `SELECT count(*) FILTER (WHERE d.status = 'processed')::int AS processed,
                  count(*) FILTER (WHERE d.status = 'pending' AND j.state = 'active' AND j.started_on < $2)::int AS held,
                  count(*) FILTER (WHERE d.status = 'pending' AND (j.state = 'active' AND j.started_on < $2) IS NOT TRUE)::int AS waiting
             FROM inbound_deliveries d
             LEFT JOIN pgboss.job j ON j.name = 'ingest-inbound-email' AND j.data->>'deliveryId' = d.id::text
            WHERE d.district_id = $1`,
          [d.district.id, restartStarted],
        );
        state = s!;
        if (state.waiting === 0) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(state.waiting).toBe(0);
      expect(state.processed + state.held).toBe(EMAILS);
      const filed = await rows<{ email_message_id: string; n: number }>(
        `SELECT email_message_id, count(*)::int AS n FROM messages WHERE district_id = $1 AND direction = 'inbound' AND email_message_id IS NOT NULL GROUP BY 1`,
        [d.district.id],
      );
      expect(filed.every((r) => r.n === 1)).toBe(true);
      expect(filed).toHaveLength(state.processed);

      console.log(
        JSON.stringify({
          durability: {
            forms: FORMS,
            concurrency: FORM_CONCURRENCY,
            killedAfterMs: killedAt,
            acknowledgedBeforeKill: ackedForms.length,
            storedBeforeKill: storedBefore,
            committedButUnanswered: replayedOnRetry,
            retried: FORMS - ackedForms.length,
            emails: EMAILS,
            emailsAcknowledgedBeforeKill: ackedEmails.length,
            emailsStoredBeforeKill: storedIds.size,
            emailsFiled: state.processed,
            emailJobsHeldByKilledProcess: state.held,
            restartMs,
          },
        }),
      );
    },
    SLOW,
  );
});
