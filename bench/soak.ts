/**
 * Soak (issue 6): ten times a worst day — 30,000 form submissions an hour — for `minutes`, across two real
 * `frontoffice start --role web` processes and one `--role worker`, on a fresh PostgreSQL database.
 *
 * Open loop: submission i is due at t0 + i × (3600 s / perHour) whatever happened to the earlier ones (at most
 * 200 in flight; past that the driver waits for a slot and counts it as `capped`). Latency is timed from the due
 * instant, not from the send, so a stall anywhere (driver, server, database) shows in p99 instead of slowing the
 * offered load down. Requests alternate between the two web processes, each with its own Idempotency-Key.
 *
 * Every 10 s: one `soak_window` line (sent in the window, ok/errors completed in it, p50/p99 of those, VmRSS of
 * each process from /proc/<pid>/status). At the end, every submission that failed (network error or non-2xx) is
 * retried once with the same key, then the database must hold exactly one conversation per acknowledged
 * submission, and the worker must have drained every acknowledgement (outbound_emails sent, no deliver-email job
 * left). The final `soak` line has the totals and the RSS growth of each process after the first minute
 * (`flat`: every process grew less than 30 MB). The processes are killed and the database dropped even on error.
 *
 * `npm run bench -- --soak-only [--quick]`, or `npx tsx bench/soak.ts [--quick]`; BENCH_SOAK_MINUTES and
 * BENCH_SOAK_PER_HOUR override the defaults (10 minutes, 20 s with --quick; 30,000 an hour).
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { migrateDatabase, openDatabase } from "../server/db/client.js";
import { categories, departments, topics } from "../server/db/schema/index.js";
import { createDistrict } from "../server/domain/districts/index.js";
import { killAllAppProcesses, startAppProcess, type AppProcess } from "../server/test/app-process.js";
import { pct, r2 } from "./stats.js";

const WINDOW_MS = 10_000;
const MAX_IN_FLIGHT = 200;
const REQUEST_TIMEOUT_MS = 30_000;
const DRAIN_TIMEOUT_MS = Number(process.env.BENCH_SOAK_DRAIN_S ?? 300) * 1000;
const FLAT_MB = 30;
const SLUG = "soak";
const TOPIC = "general-question";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const emit = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

type Rss = { web1: number; web2: number; worker: number };

/** Resident set size in MB from /proc/<pid>/status (VmRSS, in kB); -1 once the process is gone. */
function rssMb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? r2(Number(m[1]) / 1024) : -1;
  } catch {
    return -1;
  }
}

const diff = (a: Rss, b: Rss): Rss => ({ web1: r2(a.web1 - b.web1), web2: r2(a.web2 - b.web2), worker: r2(a.worker - b.worker) });

function withDatabase(adminUrl: string, name: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(adminUrl: string, query: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

/** Migrates the fresh database and creates the one district with one topic the submissions go to. */
async function seed(url: string): Promise<string> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    await migrateDatabase(database);
    const district = await createDistrict(database.db, { slug: SLUG, name: "Soak USD", referencePrefix: "SUSD", replyDomain: "soak.example", fromEmail: "letstalk@soak.example" });
    const [dep] = await database.db.insert(departments).values({ districtId: district.id, name: "Transportation", slug: "transportation" }).returning();
    const [cat] = await database.db.insert(categories).values({ districtId: district.id, slug: "general", name: { en: "General" } }).returning();
    await database.db.insert(topics).values({ districtId: district.id, categoryId: cat!.id, departmentId: dep!.id, slug: TOPIC, name: { en: "General question" } });
    return district.id;
  } finally {
    await database.close();
  }
}

const STREETS = ["Elm Street", "Oak Avenue", "Maple Drive", "River Road", "Hill Street", "Pine Lane", "Lake View", "Main Street"];
const ASKS = [
  "the bus was late again this morning",
  "does the new bus schedule change the pickup time",
  "school is closed tomorrow because of the storm, is that right",
  "my son's route number changed and nobody told us",
  "who do I talk to about the lunch account balance",
  "the after-school program pickup is confusing",
];

/** One submission as a family would send it: a distinct address, a message drawn from a worst day's questions. */
function submission(i: number) {
  return {
    topic: TOPIC,
    message: `Hello, ${ASKS[i % ASKS.length]}? We live near ${STREETS[i % STREETS.length]}, stop ${i % 97}. Thank you.`,
    name: `Parent ${i}`,
    email: `parent${i}@soak.example`,
  };
}

type Outcome = { ok: boolean; ms: number };

async function post(baseUrl: string, key: string, body: unknown): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/api/public/${SLUG}/inquiries`, {
      method: "POST",
      headers: { "content-type": "application/json", "idempotency-key": key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    await res.arrayBuffer();
    return res.status >= 200 && res.status < 300;
  } catch {
    return false;
  }
}

export async function benchSoak(opts: { minutes: number; perHour: number; adminUrl: string }): Promise<void> {
  const name = `frontoffice_soak_${randomBytes(4).toString("hex")}`;
  const url = withDatabase(opts.adminUrl, name);
  await admin(opts.adminUrl, `CREATE DATABASE ${name}`);
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const procs: AppProcess[] = [];
  const clients: pg.Client[] = [];
  try {
    const districtId = await seed(url);
    // Every submission comes from 127.0.0.1, so the per-IP and per-form limits would stop the soak within seconds.
    // They stay on (their upsert is part of the cost being measured, as in run.ts's setup()) but at a million
    // per 10 minutes, through the environment the processes read (server/config: RATE_LIMIT_PUBLIC_IP, RATE_LIMIT_FORM).
    // The first alone, so pg-boss creates its schema once; then the other two together. DEV_OUTBOX on (no
    // SMTP_URL): the worker "sends" to the sink.
    const env = { RATE_LIMIT_PUBLIC_IP: "1000000/600", RATE_LIMIT_FORM: "1000000/600", LOG_LEVEL: "warn", INBOUND_SMTP: "off" };
    const web1 = await startAppProcess({ databaseUrl: url, role: "web", env });
    procs.push(web1);
    const started = await Promise.allSettled([startAppProcess({ databaseUrl: url, role: "web", env }), startAppProcess({ databaseUrl: url, role: "worker", env })]);
    for (const s of started) if (s.status === "fulfilled") procs.push(s.value);
    for (const s of started) if (s.status === "rejected") throw s.reason;
    const [web2, worker] = procs.slice(1) as [AppProcess, AppProcess];
    const bases = [web1.baseUrl!, web2.baseUrl!];
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    clients.push(client);
    const count = async (q: string, params: unknown[]) => Number((await client.query<{ n: string }>(q, params)).rows[0]?.n ?? 0);
    const acksSent = () => count(`SELECT count(*) AS n FROM outbound_emails WHERE district_id = $1 AND status = 'sent'`, [districtId]);
    const rss = (): Rss => ({ web1: rssMb(web1.pid), web2: rssMb(web2.pid), worker: rssMb(worker.pid) });

    const total = Math.round((opts.minutes * opts.perHour) / 60);
    const intervalMs = 3_600_000 / opts.perHour;
    const rssStart = rss();
    const samples: { t_s: number; rss: Rss }[] = [];
    const all: number[] = [];
    const failed: number[] = [];
    const references = new Set<string>();
    let window: Outcome[] = [];
    let windowSent = 0;
    let sent = 0;
    let ok = 0;
    let capped = 0;
    let inFlight = 0;
    let slot: (() => void) | null = null;
    const t0 = performance.now();
    let windows = 0;
    let lastSend = t0;

    const closeWindow = async () => {
      windows++;
      const done = window;
      window = [];
      const lat = done.filter((o) => o.ok).map((o) => o.ms);
      const sample = { t_s: Math.round((performance.now() - t0) / 1000), rss: rss() };
      samples.push(sample);
      const sentInWindow = windowSent;
      windowSent = 0;
      const inFlightNow = inFlight;
      emit({
        bench: "soak_window",
        t_s: sample.t_s,
        sent: sentInWindow,
        ok: lat.length,
        errors: done.length - lat.length,
        in_flight: inFlightNow,
        p50_ms: r2(pct(lat, 50)),
        p99_ms: r2(pct(lat, 99)),
        rss_mb: sample.rss,
        // Context, not a measurement of Front Office: the acknowledgements the worker has sent so far, and the
        // machine's 1-minute load average (other work on the host shows here).
        acks_sent: await acksSent().catch(() => -1),
        load1: r2(os.loadavg()[0] ?? 0),
      });
    };
    const ticker = setInterval(() => void closeWindow(), WINDOW_MS);

    const fire = (i: number, due: number) => {
      inFlight++;
      const key = `soak-${name}-${i}`;
      const base = bases[i % 2]!;
      void (async () => {
        try {
          const res = await fetch(`${base}/api/public/${SLUG}/inquiries`, {
            method: "POST",
            headers: { "content-type": "application/json", "idempotency-key": key },
            body: JSON.stringify(submission(i)),
            signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
          });
          const text = await res.text();
          const good = res.status >= 200 && res.status < 300;
          const ms = performance.now() - due;
          window.push({ ok: good, ms });
          if (good) {
            ok++;
            all.push(ms);
            references.add((JSON.parse(text) as { reference: string }).reference);
          } else {
            failed.push(i);
            if (failed.length <= 5) process.stderr.write(`soak: submission ${i} → ${res.status} ${text.slice(0, 300)}\n`);
          }
        } catch (err) {
          window.push({ ok: false, ms: performance.now() - due });
          failed.push(i);
          if (failed.length <= 5) process.stderr.write(`soak: submission ${i} → ${(err as Error).message}\n`);
        } finally {
          inFlight--;
          const wake = slot;
          slot = null;
          wake?.();
        }
      })();
    };

    try {
      for (let i = 0; i < total && !stop; i++) {
        const due = t0 + i * intervalMs;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        if (inFlight >= MAX_IN_FLIGHT) {
          capped++;
          while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((r) => (slot = r));
        }
        sent++;
        windowSent++;
        fire(i, due);
        lastSend = performance.now();
      }
      while (inFlight > 0) await sleep(50);
    } finally {
      clearInterval(ticker);
    }
    if (window.length > 0 || windowSent > 0) await closeWindow();
    const rssEnd = rss();
    const sendSeconds = (lastSend - t0) / 1000 + intervalMs / 1000;

    // A failed submission may or may not have been stored: the same key and body again must answer without a duplicate.
    let retriedOk = 0;
    for (const i of failed) {
      if (await post(bases[i % 2]!, `soak-${name}-${i}`, submission(i))) retriedOk++;
    }

    {
      const sentAtEnd = await acksSent();
      const stored = await count(`SELECT count(*) AS n FROM conversations WHERE district_id = $1`, [districtId]);
      const storedAcknowledged = await count(`SELECT count(*) AS n FROM conversations WHERE district_id = $1 AND reference = ANY($2::text[])`, [districtId, [...references]]);
      const keys = await count(`SELECT count(*) AS n FROM idempotency_keys WHERE district_id = $1`, [districtId]);
      // The worker drains the acknowledgements: every outbound email sent, no deliver-email job waiting or running.
      const drainStart = performance.now();
      let queued = 0;
      let jobsLeft = 0;
      for (;;) {
        queued = await count(`SELECT count(*) AS n FROM outbound_emails WHERE district_id = $1 AND status = 'queued'`, [districtId]);
        jobsLeft = await count(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'deliver-email' AND state IN ('created', 'retry', 'active')`, []);
        if ((queued === 0 && jobsLeft === 0) || performance.now() - drainStart > DRAIN_TIMEOUT_MS || stop) break;
        await sleep(1000);
      }
      const drainSeconds = r2((performance.now() - drainStart) / 1000);
      const sentAfterDrain = await acksSent();
      const emails = await client.query<{ status: string; n: string }>(`SELECT status, count(*) AS n FROM outbound_emails WHERE district_id = $1 GROUP BY status`, [districtId]);
      const emailsBy = Object.fromEntries(emails.rows.map((r) => [r.status, Number(r.n)]));

      // Growth is measured from the first minute (boot, JIT and pools warm up before it); a run of two minutes or
      // less has no settled first minute, so its growth is from the first window.
      const settled = (opts.minutes > 2 ? samples.find((s) => s.t_s >= 60) : samples[0]) ?? { t_s: 0, rss: rssStart };
      const growth = diff(rssEnd, settled.rss);
      const acknowledged = ok + retriedOk;
      emit({
        bench: "soak",
        minutes: opts.minutes,
        per_hour_target: opts.perHour,
        per_hour_offered: Math.round((sent / sendSeconds) * 3600),
        windows,
        sent,
        ok,
        errors: failed.length,
        capped,
        retried_ok: retriedOk,
        acknowledged,
        stored,
        stored_acknowledged: storedAcknowledged,
        idempotency_keys: keys,
        exactly_once: stored === acknowledged && storedAcknowledged === references.size && references.size === ok,
        emails: emailsBy,
        deliver_jobs_left: jobsLeft,
        drained: queued === 0 && jobsLeft === 0 && (emailsBy.sent ?? 0) === stored,
        drain_s: drainSeconds,
        acks_sent_when_sending_stopped: sentAtEnd,
        acks_per_s_while_draining: r2((sentAfterDrain - sentAtEnd) / Math.max(drainSeconds, 1)),
        p50_ms: r2(pct(all, 50)),
        p99_ms: r2(pct(all, 99)),
        max_ms: r2(all.length ? Math.max(...all) : 0),
        rss_mb_start: rssStart,
        rss_mb_settled: { t_s: settled.t_s, ...settled.rss },
        rss_mb_end: rssEnd,
        rss_mb_peak: {
          web1: Math.max(...samples.map((s) => s.rss.web1)),
          web2: Math.max(...samples.map((s) => s.rss.web2)),
          worker: Math.max(...samples.map((s) => s.rss.worker)),
        },
        rss_growth_mb: growth,
        flat: growth.web1 < FLAT_MB && growth.web2 < FLAT_MB && growth.worker < FLAT_MB,
      });
      if (failed.length > 0) {
        for (const p of procs) process.stderr.write(`--- ${p.role} ${p.pid} output (tail) ---\n${p.output().slice(-3000)}\n`);
      }
    }
  } finally {
    for (const c of clients) await c.end().catch(() => undefined);
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    await Promise.all(procs.map((p) => Promise.race([p.kill("SIGTERM"), sleep(10_000)])));
    await killAllAppProcesses();
    await admin(opts.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const quick = process.argv.includes("--quick");
  await benchSoak({
    minutes: Number(process.env.BENCH_SOAK_MINUTES ?? (quick ? 1 / 3 : 10)),
    perHour: Number(process.env.BENCH_SOAK_PER_HOUR ?? 30_000),
    adminUrl: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  });
  process.exit(0);
}
