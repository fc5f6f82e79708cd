/**
 * Ingest under concurrency (issue 6): a full form submission through the whole app over real HTTP on loopback
 * (validate, store, route, check for alerts, start the clocks, queue the acknowledgement) at concurrency 1, 16 and
 * 64, next to a floor measured in the same run on the same database: a bare Fastify route doing one INSERT.
 * Requests/s, p50 and p99, and the ratio of the app's throughput to the floor's. Then the work each level left to the
 * job queue (each submission's intake follow-up — notifications, incident clustering — and its acknowledgement's
 * delivery to the development sink) is drained one job at a time in this process, and timed: what a worker spends.
 */
import Fastify from "fastify";
import { sql } from "drizzle-orm";
import { buildApp } from "../server/app.js";
import type { Database } from "../server/db/client.js";
import type { AppDeps } from "../server/http/context.js";
import { pct, r2 } from "./stats.js";


type Run = { per_s: number; p50_ms: number; p99_ms: number; errors: number };

/** `n` POSTs with `concurrency` workers, each request timed from send to the end of its body. */
async function load(url: string, body: (i: number) => unknown, n: number, concurrency: number): Promise<Run> {
  const lat: number[] = [];
  let next = 0;
  let errors = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        const s = performance.now();
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body(i)) });
        await res.arrayBuffer();
        if (res.status !== 201) errors++;
        lat.push(performance.now() - s);
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return { per_s: r2(n / secs), p50_ms: r2(pct(lat, 50)), p99_ms: r2(pct(lat, 99)), errors };
}

export async function benchIngest(engine: string, database: Database, deps: AppDeps, opts: { n: number; slug: string; topic: string }): Promise<void> {
  await database.db.execute(sql`create table if not exists bench_floor (id bigserial primary key, body jsonb not null, created_at timestamptz not null default now())`);
  const floor = Fastify({ logger: false });
  floor.post("/floor", async (req, reply) => {
    await database.db.execute(sql`insert into bench_floor (body) values (${JSON.stringify(req.body)}::jsonb)`);
    return reply.code(201).send({ ok: true });
  });
  const floorUrl = `${await floor.listen({ port: 0, host: "127.0.0.1" })}/floor`;
  const app = await buildApp(deps);
  const appUrl = `${await app.listen({ port: 0, host: "127.0.0.1" })}/api/public/${opts.slug}/inquiries`;
  const submission = (c: number) => (i: number) => ({ topic: opts.topic, message: `Question ${c}-${i} about the bus schedule on Elm Street`, name: "Pat", email: `p${c}-${i}@example.com` });
  try {
    for (const concurrency of [1, 16, 64]) {
      const n = concurrency === 1 ? Math.max(100, Math.round(opts.n / 4)) : opts.n;
      const f = await load(floorUrl, submission(concurrency), n, concurrency);
      const a = await load(appUrl, submission(concurrency), n, concurrency);
      const d0 = performance.now();
      const drained = await deps.jobs.drain({ maxRounds: 100_000 });
      const drainSecs = (performance.now() - d0) / 1000;
      const line = {
        bench: "ingest",
        engine,
        concurrency,
        n,
        app: a,
        floor: f,
        ratio: r2(a.per_s / f.per_s),
        worker: { jobs: drained, per_s: r2(drained / drainSecs), per_submission_ms: r2((drainSecs * 1000) / n) },
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
