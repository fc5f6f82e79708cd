/**
 * The dashboard's queries over a large district's history on PostgreSQL (issue 5): every report endpoint through
 * the whole app (auth, validation, queries, JSON), for the default period (last 30 days), a quarter and a
 * year, p50/p95 over repeated requests. Goal: p95 under 300 ms with 1,000,000 conversations.
 */
import { sql } from "drizzle-orm";
import { buildApp } from "../server/app.js";
import type { Database } from "../server/db/client.js";
import { createDistrict } from "../server/domain/districts/index.js";
import { processRollups } from "../server/domain/reports/index.js";
import { createApiToken, createStaff } from "../server/domain/staff/index.js";
import type { AppDeps } from "../server/http/context.js";
import { generateHistory } from "./history.js";
import { pct, r1 } from "./stats.js";


export type HistoryFixture = { conversations: number; districtId: string; departmentIds: string[]; token: string };

/**
 * One large district's history, generated once for the report and inbox benchmarks, with an admin's API token:
 * `conversations` over the last `years` (five for the benchmark of record; --quick takes one, which the longest
 * period still covers).
 */
export async function prepareHistory(database: Database, conversations: number, years = 5): Promise<HistoryFixture> {
  // a kept database (BENCH_KEEP_DB) keeps its histories, one per size and span: generated once, measured again after each change
  await database.db.execute(sql`create table if not exists bench_histories (conversations int not null, years int not null, fixture jsonb not null, primary key (conversations, years))`);
  const found = (await database.db.execute(sql`select fixture from bench_histories where conversations = ${conversations} and years = ${years}`)) as unknown as { rows: { fixture: Omit<HistoryFixture, "token"> & { adminId: string } }[] };
  const kept = found.rows[0];
  if (kept) {
    process.stdout.write(`${JSON.stringify({ bench: "report_history", engine: "postgres", conversations, years, reused: true })}\n`);
    // the days the rollup job has not yet rolled up (a day has passed; conversations changed) are rolled up first
    await processRollups(database.db, Number.POSITIVE_INFINITY);
    return { ...kept.fixture, token: await createApiToken(database.db, kept.fixture.districtId, kept.fixture.adminId, "bench") };
  }
  const now = new Date();
  // a slug of its own per history, so that a kept database can hold several
  const district = await createDistrict(database.db, { slug: `history-${conversations}-${years}y`, name: "History USD", referencePrefix: "BUSD", replyDomain: "history.example", fromEmail: "letstalk@history.example" });
  const t0 = performance.now();
  const h = await generateHistory(database, { districtId: district.id, conversations, years, now });
  process.stdout.write(`${JSON.stringify({ bench: "report_history", engine: "postgres", conversations: h.conversations, years, generate_s: r1((performance.now() - t0) / 1000), rollup_days: h.rolledDays, rollup_s: r1(h.rollupSeconds) })}\n`);
  const admin = await createStaff({ db: database.db, districtId: district.id }, { email: "leader@history.example", name: "Leader", role: "admin" });
  const token = await createApiToken(database.db, district.id, admin.id, "bench");
  const fixture = { conversations, districtId: district.id, departmentIds: h.departmentIds, adminId: admin.id };
  await database.db.execute(sql`insert into bench_histories (conversations, years, fixture) values (${conversations}, ${years}, ${JSON.stringify(fixture)}::jsonb)`);
  return { conversations, districtId: district.id, departmentIds: h.departmentIds, token };
}

/** GETs `url` `rounds` times after one warm-up, p50/p95 in ms. */
export async function timeGets(app: { inject: (o: { method: "GET"; url: string; headers: Record<string, string> }) => Promise<{ statusCode: number; body: string }> }, url: string, token: string, rounds: number): Promise<{ p50_ms: number; p95_ms: number }> {
  const lat: number[] = [];
  for (let i = 0; i < rounds + 1; i++) {
    const s = performance.now();
    const res = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${token}` } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    if (i > 0) lat.push(performance.now() - s); // the first request warms caches
  }
  return { p50_ms: r1(pct(lat, 50)), p95_ms: r1(pct(lat, 95)) };
}

export async function benchReports(h: HistoryFixture, deps: AppDeps, opts: { rounds: number }): Promise<void> {
  const now = new Date();
  const token = h.token;
  const app = await buildApp(deps);
  await app.ready();
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const back = (days: number) => day(new Date(now.getTime() - days * 86_400_000));
  const periods = { "30d": "", quarter: `from=${back(90)}&to=${back(-1)}`, year: `from=${back(365)}&to=${back(-1)}` };
  const dep = h.departmentIds[3]!;
  const queries = (p: string) => [
    ["summary", `/api/reports/summary?${p}`],
    ["summary_department", `/api/reports/summary?${p}&departmentId=${dep}`],
    ["timeseries_conversations", `/api/reports/timeseries?${p}&metric=conversations&interval=${p ? "week" : "day"}`],
    ["timeseries_first_response", `/api/reports/timeseries?${p}&metric=firstResponseMedianHours&interval=${p ? "week" : "day"}`],
    ["timeseries_cx", `/api/reports/timeseries?${p}&metric=cxScore&interval=week`],
    ["breakdown_department", `/api/reports/breakdown?${p}&metric=conversations&by=department`],
    ["breakdown_school_within", `/api/reports/breakdown?${p}&metric=withinStandardShare&by=school`],
    ["breakdown_assignee", `/api/reports/breakdown?${p}&metric=firstResponseMedianHours&by=assignee`],
    ["backlog", `/api/reports/backlog?${p}`],
    ["breaches", `/api/reports/breaches?${p}`],
    ["satisfaction", `/api/reports/satisfaction?${p}`],
    ["alerts", `/api/reports/alerts?${p}`],
    ["trending", `/api/reports/trending?${p}`],
    ["answered", `/api/reports/answered?${p}`],
  ];
  for (const [period, p] of Object.entries(periods)) {
    let worst = { name: "", p95: 0 };
    for (const [name, url] of queries(p)) {
      const t = await timeGets(app, url!, token, opts.rounds);
      const line = { bench: "report_query", engine: "postgres", conversations: h.conversations, period, query: name, ...t };
      if (line.p95_ms > worst.p95) worst = { name: name!, p95: line.p95_ms };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    process.stdout.write(`${JSON.stringify({ bench: "report_worst", engine: "postgres", period, query: worst.name, p95_ms: worst.p95, goal_ms: 300, met: worst.p95 < 300 })}\n`);
  }
  await app.close();
}
