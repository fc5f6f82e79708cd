/**
 * `npm run bench [-- --quick]`: throughput of the paths families hit, on PGlite and on PostgreSQL
 * (when one answers at BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres). `--quick` is the
 * same set, smaller, in under a minute on 2 cores, for regular use: PostgreSQL only when it answers (PGlite
 * otherwise, or with `--engine=pglite`), ingest at concurrency 1 and 16, a year's history of 3,000 conversations
 * and a 10-second soak.
 * Prints one JSON line per measurement. Numbers, not assertions: speed is never a unit test.
 *
 * - inbound_email: raw emails stored as deliveries, then parsed, classified, threaded and filed by the
 *   ingest job (a third are replies that thread by In-Reply-To), in messages per second.
 * - form_submission: POST /api/public/:district/inquiries through the whole app (validate, store,
 *   queue the acknowledgement), one at a time, requests per second with p50/p99 latency.
 * - ingest: the same submission over HTTP on loopback at concurrency 1, 16 and 64, next to a bare Fastify route
 *   doing one INSERT on the same database (the floor), with the ratio (bench/ingest.ts).
 * - worker (PostgreSQL): submissions stored first, then one worker takes their follow-ups and acknowledgements and
 *   sends every acknowledgement over SMTP to a relay on loopback: submissions and emails a second (bench/worker.ts).
 * - report_query (PostgreSQL): every dashboard report over a generated five-year history of 1,000,000
 *   conversations (3,000 over one year with --quick; BENCH_HISTORY=N to choose), p50/p95 per query and period (bench/reports.ts).
 * - inbox_query / search_query (PostgreSQL): the inbox's first page and full-text search over the same history
 *   (bench/inbox.ts).
 * - soak (PostgreSQL): 30,000 submissions an hour for 10 minutes (10 s with --quick) across two `start --role web`
 *   processes and one worker: a line per 10 s (errors, p50/p99, RSS of each process), then exactly-once storage,
 *   the worker's drain and the RSS growth (bench/soak.ts). `--soak-only` runs just the soak, `--no-soak` skips it.
 * `--only=inbound,forms,ingest,worker,history,soak` runs the parts named; `--engine=postgres` (or `pglite`) measures one engine.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { buildApp } from "../server/app.js";
import { DEFAULT_SECURITY, type SecurityConfig } from "../server/config/index.js";
import { createMailer } from "../server/channels/email/mailer.js";
import { migrateDatabase, openDatabase, type Database } from "../server/db/client.js";
import { categories, departments, topics } from "../server/db/schema/index.js";
import { createChannel, storeInboundDelivery } from "../server/domain/channels/index.js";
import { createDistrict } from "../server/domain/districts/index.js";
import { buildCtx, type AppDeps } from "../server/http/context.js";
import { createJobRunner } from "../server/jobs/runner.js";
import { createLogger } from "../server/lib/logger.js";
import { benchIngest } from "./ingest.js";
import { benchInbox } from "./inbox.js";
import { benchReports, prepareHistory } from "./reports.js";
import { benchSoak } from "./soak.js";
import { benchWorker } from "./worker.js";
import { pct, r2 } from "./stats.js";

const quick = process.argv.includes("--quick");
const soakOnly = process.argv.includes("--soak-only");
const soak = !process.argv.includes("--no-soak");
/** `--only=ingest,history` runs just those parts (inbound, forms, ingest, worker, history, soak); all by default. */
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",");
const part = (name: string) => !only || only.includes(name);
const engineOnly = process.argv.find((a) => a.startsWith("--engine="))?.slice("--engine=".length);
const log = createLogger("silent");

async function engines(): Promise<{ name: "pglite" | "postgres"; open(): Promise<{ database: Database; drop(): Promise<void> }> }[]> {
  const list: { name: "pglite" | "postgres"; open(): Promise<{ database: Database; drop(): Promise<void> }> }[] = [
    { name: "pglite", open: async () => ({ database: await openDatabase({}), drop: async () => undefined }) },
  ];
  const admin = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const probe = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 2000 });
  try {
    await probe.connect();
    await probe.end();
    list.push({
      name: "postgres",
      open: async () => {
        // BENCH_KEEP_DB=<name>: that database is kept (made on the first run) with its history, and reused
        const kept = process.env.BENCH_KEEP_DB;
        if (kept && !/^[a-z_][a-z0-9_]*$/.test(kept)) throw new Error("BENCH_KEEP_DB: a lower-case database name");
        const name = kept ?? `frontoffice_bench_${randomBytes(4).toString("hex")}`;
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        const exists = kept ? (await c.query("select 1 from pg_database where datname = $1", [name])).rowCount : 0;
        if (!exists) await c.query(`CREATE DATABASE ${name}`);
        await c.end();
        const url = new URL(admin);
        url.pathname = `/${name}`;
        // BENCH_PREPARED=off: the intake path's statements unnamed (DATABASE_PREPARED_STATEMENTS=off), to compare
        const database = await openDatabase({ databaseUrl: url.toString(), preparedStatements: process.env.BENCH_PREPARED !== "off" });
        return {
          database,
          drop: async () => {
            if (kept) return;
            const a = new pg.Client({ connectionString: admin });
            await a.connect();
            await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            await a.end();
          },
        };
      },
    });
  } catch {
    process.stderr.write("bench: no PostgreSQL reachable, measuring PGlite only\n");
  }
  return list;
}


async function setup(database: Database) {
  await migrateDatabase(database);
  const jobs = createJobRunner(database, { database, publicUrl: "http://localhost", mailer: createMailer(undefined) }, log);
  await jobs.init();
  // a kept database (BENCH_KEEP_DB) has its bench district from an earlier run: a fresh one each run, by slug
  const slug = `bench${randomBytes(3).toString("hex")}`;
  const district = await createDistrict(database.db, { slug, name: "Bench USD", referencePrefix: "BUSD", replyDomain: `${slug}.example`, fromEmail: `letstalk@${slug}.example` });
  const { channel } = await createChannel({ db: database.db, districtId: district.id }, { type: "email", address: district.fromEmail, name: "bench" });
  const [dep] = await database.db.insert(departments).values({ districtId: district.id, name: "Transportation", slug: "transportation" }).returning();
  const [cat] = await database.db.insert(categories).values({ districtId: district.id, slug: "general", name: { en: "General" } }).returning();
  await database.db.insert(topics).values({ districtId: district.id, categoryId: cat!.id, departmentId: dep!.id, slug: "general-question", name: { en: "General question" } });
  // Every submission comes from 127.0.0.1: the limits stay on (their upsert is part of the measured cost) but high.
  const many = { max: 1_000_000, windowSeconds: 600 };
  const security: SecurityConfig = { ...DEFAULT_SECURITY, limits: { ...DEFAULT_SECURITY.limits, publicIp: many, form: many } };
  const deps: AppDeps = { database, jobs, log, now: () => new Date(), publicUrl: "http://localhost", devOutbox: false, security };
  return { jobs, district, channel, deps };
}

function rawEmail(i: number): Buffer {
  const replyTo = i % 3 === 2 ? `In-Reply-To: <bench-${i - 1}@example.com>\r\n` : "";
  return Buffer.from(
    `From: Parent ${i} <parent${i % 50}@example.com>\r\nTo: letstalk@bench.example\r\nSubject: Bus ${i % 40} was late\r\nMessage-ID: <bench-${i}@example.com>\r\n${replyTo}` +
      `Content-Type: text/plain; charset=utf-8\r\n\r\nHello, bus ${i % 40} was late again today at the Elm Street stop.\r\n\r\nOn Mon, Mar 2, 2026 at 8:00 AM Bench USD wrote:\r\n> Thank you for writing.\r\n`,
  );
}

async function benchInbound(engine: string, env: Awaited<ReturnType<typeof setup>>, n: number): Promise<void> {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    await env.deps.database.db.transaction((tx) =>
      storeInboundDelivery(buildCtx(env.deps, tx, env.district.id, { kind: "system", reason: "bench" }), env.channel, {
        providerMessageId: `<bench-${i}@example.com>`,
        source: "bench",
        raw: rawEmail(i),
      }),
    );
  }
  const stored = performance.now();
  await env.jobs.drain({ maxRounds: 10_000 });
  const done = performance.now();
  const line = {
    bench: "inbound_email",
    engine,
    n,
    store_per_s: r2(n / ((stored - t0) / 1000)),
    ingest_per_s: r2(n / ((done - stored) / 1000)),
    end_to_end_per_s: r2(n / ((done - t0) / 1000)),
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

async function benchForms(engine: string, env: Awaited<ReturnType<typeof setup>>, n: number): Promise<void> {
  const app = await buildApp(env.deps);
  await app.ready();
  const lat: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const s = performance.now();
    const res = await app.inject({
      method: "POST",
      url: `/api/public/${env.district.slug}/inquiries`,
      payload: { topic: "general-question", message: `Question ${i} about the bus schedule`, name: "Pat", email: `p${i}@example.com` },
    });
    if (res.statusCode !== 201) throw new Error(`form submission ${i}: ${res.statusCode} ${res.body}`);
    lat.push(performance.now() - s);
  }
  const secs = (performance.now() - t0) / 1000;
  process.stdout.write(`${JSON.stringify({ bench: "form_submission", engine, n, concurrency: 1, per_s: r2(n / secs), p50_ms: r2(pct(lat, 50)), p99_ms: r2(pct(lat, 99)) })}\n`);
  await app.close();
}

const reachable = (await engines()).filter((e) => !engineOnly || e.name === engineOnly);
// --quick measures one engine: PostgreSQL when it answers (the engine a large district runs), else PGlite
const available = quick && reachable.length > 1 ? reachable.filter((e) => e.name === "postgres") : reachable;
for (const engine of soakOnly ? [] : available) {
  const { database, drop } = await engine.open();
  try {
    const env = await setup(database);
    if (part("inbound")) await benchInbound(engine.name, env, quick ? 60 : 1000);
    if (part("forms")) await benchForms(engine.name, env, quick ? 60 : 1000);
    if (part("ingest")) await benchIngest(engine.name, database, env.deps, { n: quick ? 240 : 2000, slug: env.district.slug, topic: "general-question", levels: quick ? [1, 16] : [1, 16, 64] });
    if (engine.name === "postgres" && part("worker")) await benchWorker(engine.name, database, env.deps, { n: quick ? 200 : 1000, slug: env.district.slug, topic: "general-question" });
    if (engine.name === "postgres" && part("history")) {
      // --quick: a year of a small district (3,000 conversations), enough to run every query and period
      const history = await prepareHistory(database, Number(process.env.BENCH_HISTORY ?? (quick ? 3_000 : 1_000_000)), quick ? 1 : 5);
      await benchReports(history, env.deps, { rounds: quick ? 3 : 20 });
      await benchInbox(history, env.deps, { rounds: quick ? 5 : 30 });
    }
    await env.jobs.stop();
  } finally {
    await database.close();
    await drop();
  }
}
if (((soak && part("soak")) || soakOnly) && available.some((e) => e.name === "postgres")) {
  await benchSoak({
    minutes: Number(process.env.BENCH_SOAK_MINUTES ?? (quick ? 1 / 6 : 10)),
    perHour: Number(process.env.BENCH_SOAK_PER_HOUR ?? 30_000),
    adminUrl: process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres",
  });
}
process.exit(0);
