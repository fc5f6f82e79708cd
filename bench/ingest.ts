/**
 * Ingest under concurrency (issue 6): a full form submission through the whole app over real HTTP on loopback
 * (validate, store, route, check for alerts, start the clocks, queue the acknowledgement) at concurrency 1, 16 and
 * 64, next to a floor measured in the same run on the same database: a bare Fastify route doing one INSERT.
 * Requests/s, p50 and p99, and the ratio of the app's throughput to the floor's; the clients run on a thread of
 * their own (load-worker.mjs), and the serving thread's CPU time per request is reported. Then the work each level left to the
 * job queue (each submission's intake follow-up — notifications, incident clustering — and its acknowledgement's
 * delivery to the development sink) is drained in this process as a worker runs them (WORK_CONCURRENCY jobs of a
 * batch at a time; one at a time before session 8), and timed: what a worker spends.
 * Before the first level, both servers take an unmeasured warm-up at concurrency 64 (see below).
 */
import { once } from "node:events";
import { Worker } from "node:worker_threads";
import Fastify from "fastify";
import { sql } from "drizzle-orm";
import { buildApp } from "../server/app.js";
import type { Database } from "../server/db/client.js";
import type { AppDeps } from "../server/http/context.js";
import { WORK_CONCURRENCY } from "../server/lib/work.js";
import { machineCpu, postgresCpuMs, threadCpuMs } from "./cpu.js";
import { pct, r2 } from "./stats.js";


type Run = {
  per_s: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  server_cpu_ms_per_request: number | null;
  database_cpu_ms_per_request: number | null;
  machine_cpu_busy: number | null;
};

/**
 * `n` POSTs with `concurrency` clients on a load-generator thread (load-worker.mjs), while this thread serves them:
 * throughput, latency, and the CPU the serving thread spent per request (the capacity model's figure: what a
 * request costs an app process, whatever the clients cost).
 */
async function load(url: string, topic: string, tag: string, n: number, concurrency: number): Promise<Run> {
  const cpu0 = threadCpuMs();
  const db0 = postgresCpuMs();
  const machine0 = machineCpu();
  const worker = new Worker(new URL("./load-worker.mjs", import.meta.url), { workerData: { url, n, concurrency, tag, topic, expect: 201 } });
  const [result] = (await once(worker, "message")) as [{ lat: number[]; errors: number; ms: number }];
  const cpu1 = threadCpuMs();
  const db1 = postgresCpuMs();
  const machine1 = machineCpu();
  await worker.terminate();
  return {
    per_s: r2(n / (result.ms / 1000)),
    p50_ms: r2(pct(result.lat, 50)),
    p99_ms: r2(pct(result.lat, 99)),
    errors: result.errors,
    server_cpu_ms_per_request: cpu0 === null || cpu1 === null ? null : r2((cpu1 - cpu0) / n),
    // every PostgreSQL process of the machine: only this bench's work when nothing else uses the server meanwhile
    database_cpu_ms_per_request: db0 === null || db1 === null ? null : r2((db1 - db0) / n),
    // how busy the machine's cores were meanwhile (servers, database and clients): below 1, something waited
    machine_cpu_busy: machine0 && machine1 ? r2((machine1.busy - machine0.busy) / (machine1.total - machine0.total)) : null,
  };
}

export async function benchIngest(engine: string, database: Database, deps: AppDeps, opts: { n: number; slug: string; topic: string; levels: number[] }): Promise<void> {
  await database.db.execute(sql`create table if not exists bench_floor (id bigserial primary key, body jsonb not null, created_at timestamptz not null default now())`);
  const floor = Fastify({ logger: false });
  floor.post("/floor", async (req, reply) => {
    await database.db.execute(sql`insert into bench_floor (body) values (${JSON.stringify(req.body)}::jsonb)`);
    return reply.code(201).send({ ok: true });
  });
  const floorUrl = `${await floor.listen({ port: 0, host: "127.0.0.1" })}/floor`;
  const app = await buildApp(deps);
  const appUrl = `${await app.listen({ port: 0, host: "127.0.0.1" })}/api/public/${opts.slug}/inquiries`;
  try {
    // BENCH_INGEST_LEVELS=16,16,16 measures just those levels (repeats allowed)
    const levels = process.env.BENCH_INGEST_LEVELS?.split(",").map(Number) ?? opts.levels;
    // Warm-up, not measured: a server in service runs with its code optimised and, on every pool connection, its
    // statements prepared and their plans kept (db/prepared-statements.ts). At concurrency 64 every connection
    // of both pools serves; a first measured level otherwise pays for all of that.
    const warmup = Math.max(64, Math.round(opts.n / 2));
    await load(floorUrl, opts.topic, "wf", warmup, 64);
    await load(appUrl, opts.topic, "w", warmup, 64);
    await deps.jobs.drain({ maxRounds: 100_000, lanes: WORK_CONCURRENCY });
    for (const concurrency of levels) {
      const n = concurrency === 1 ? Math.max(100, Math.round(opts.n / 4)) : opts.n;
      const f = await load(floorUrl, opts.topic, `${concurrency}f`, n, concurrency);
      const a = await load(appUrl, opts.topic, `${concurrency}`, n, concurrency);
      const d0 = performance.now();
      const drained = await deps.jobs.drain({ maxRounds: 100_000, lanes: WORK_CONCURRENCY });
      const drainSecs = (performance.now() - d0) / 1000;
      const line = {
        bench: "ingest",
        engine,
        concurrency,
        n,
        app: a,
        floor: f,
        ratio: r2(a.per_s / f.per_s),
        worker: { jobs: drained, lanes: WORK_CONCURRENCY, per_s: r2(drained / drainSecs), per_submission_ms: r2((drainSecs * 1000) / n) },
        goals: { half_the_floor: a.per_s >= f.per_s / 2, ...(concurrency === 16 ? { p99_under_100ms: a.p99_ms < 100 } : {}) },
      };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
  } finally {
    await app.close();
    await floor.close();
    await database.db.execute(sql`drop table if exists bench_floor`);
  }
}
