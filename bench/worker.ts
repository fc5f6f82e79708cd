/**
 * What one worker process absorbs (issue 6): `n` form submissions are stored first, with no worker running; then a
 * worker (`createJobRunner(…).work()`, as `npm start -- --role worker` runs it) takes their jobs — each
 * submission's intake follow-up (notifications, incident clustering) and its acknowledgement — and sends every
 * acknowledgement over SMTP to a relay on loopback. Reported: submissions and emails a second from the worker's
 * start until the last acknowledgement reached the relay and no job of either queue is left.
 */
import { buildApp } from "../server/app.js";
import { createMailer } from "../server/channels/email/mailer.js";
import type { Database } from "../server/db/client.js";
import type { AppDeps } from "../server/http/context.js";
import { createJobRunner } from "../server/jobs/runner.js";
import { startCountingRelay } from "../server/test/smtp-relay.js";
import { postgresCpuMs } from "./cpu.js";
import { r2 } from "./stats.js";

async function count(database: Database, query: string): Promise<number> {
  return Number((await database.raw(query)).rows[0]?.n ?? 0);
}
const jobsLeft = (database: Database) =>
  count(database, "select count(*)::int as n from pgboss.job where name in ('intake-follow-up', 'deliver-email') and state < 'completed'");
const emailsSent = (database: Database) => count(database, "select count(*)::int as n from outbound_emails where status = 'sent'");

export async function benchWorker(engine: string, database: Database, deps: AppDeps, opts: { n: number; slug: string; topic: string }): Promise<void> {
  const app = await buildApp(deps);
  await app.ready();
  const relay = await startCountingRelay();
  const before = await emailsSent(database);
  let runner: ReturnType<typeof createJobRunner> | null = null;
  let mailer: ReturnType<typeof createMailer> | null = null;
  try {
    // the submissions, eight at a time, before any worker runs
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = next++; i < opts.n; i = next++) {
          const res = await app.inject({
            method: "POST",
            url: `/api/public/${opts.slug}/inquiries`,
            payload: { topic: opts.topic, message: `Worker bench ${i}: the bus was late at Elm Street`, name: "Pat", email: `w${i}@example.com` },
          });
          if (res.statusCode !== 201) throw new Error(`submission ${i}: ${res.statusCode}`);
        }
      }),
    );
    const queued = await jobsLeft(database);
    mailer = createMailer(`smtp://127.0.0.1:${relay.port}`);
    runner = createJobRunner(database, { database, publicUrl: deps.publicUrl, mailer }, deps.log);
    const t0 = performance.now();
    const db0 = postgresCpuMs();
    await runner.init();
    await runner.work();
    const deadline = t0 + 10 * 60_000;
    while (relay.counts().messages < opts.n || (await jobsLeft(database)) > 0) {
      if (performance.now() > deadline) throw new Error(`worker bench: ${relay.counts().messages} of ${opts.n} emails after 10 minutes`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const secs = (performance.now() - t0) / 1000;
    const db1 = postgresCpuMs();
    const sent = (await emailsSent(database)) - before;
    const line = {
      bench: "worker",
      engine,
      n: opts.n,
      jobs: queued,
      seconds: r2(secs),
      submissions_per_s: r2(opts.n / secs),
      emails_per_s: r2(relay.counts().messages / secs),
      // what the worker's jobs cost the database per submission (every PostgreSQL process of the machine, see cpu.ts)
      database_cpu_ms_per_submission: db0 === null || db1 === null ? null : r2((db1 - db0) / opts.n),
      emails_relayed: relay.counts().messages,
      emails_marked_sent: sent,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  } finally {
    await runner?.stop();
    mailer?.close();
    await relay.close();
    await app.close();
  }
}
