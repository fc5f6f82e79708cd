import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BreakdownBy, BreakdownMetric, Interval, ReportSummary, TimeseriesMetric } from "../../../common/contract/reports.js";
import { conversations, districts, ratings, type ConversationRow } from "../../db/schema/index.js";
import { buildDistrict, buildInquiry, type TestDistrict } from "../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../test/test-app.js";
import type { Ctx } from "../shared/ctx.js";
import { localDateOf, localMidnight, reportAnswered, reportBreakdown, reportSummary, reportTimeseries, reportTrending, type ReportQuery } from "./index.js";
import { histogramLowerMedian, processRollups, rollupKey, unitSeconds } from "./rollup.js";
import { round } from "./shared.js";
import { addDays } from "./time.js";

// Now: Monday 15 June 2026, 12:00 in Los Angeles (PDT). A seeded history of 160 conversations from March to June
// with stamped business minutes, so every figure the rollups serve is compared with the same figure read from
// every conversation (a period given as instants at the same local midnights never reads the rollups).
let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;
let ctx: Ctx;
const rows: ConversationRow[] = [];

function prng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const HOUR = 3_600_000;
const KINDS = ["question", "concern", "comment", "suggestion", "compliment"] as const;
const CHANNELS = ["web_form", "email", "sms", "phone"] as const;

async function history(dist: TestDistrict, n: number, seed: number): Promise<ConversationRow[]> {
  const r = prng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const start = Date.parse("2026-03-01T08:00:00Z");
  const now = Date.parse("2026-06-15T19:00:00Z");
  const out: ConversationRow[] = [];
  for (let i = 0; i < n; i++) {
    const created = new Date(start + Math.floor(r() * (now - start - HOUR)));
    const responded = r() < 0.85 ? new Date(created.getTime() + Math.floor(r() * 80 * HOUR)) : null;
    const resolved = responded && r() < 0.7 ? new Date(responded.getTime() + Math.floor(r() * 200 * HOUR)) : null;
    const inq = await buildInquiry(t, dist, { email: r() < 0.1 ? null : `family${Math.floor(r() * 40)}@example.com`, name: "A family" });
    const [row] = await t.database.db
      .update(conversations)
      .set({
        createdAt: created,
        kind: pick(KINDS),
        channel: pick(CHANNELS),
        language: r() < 0.3 ? "es" : "en",
        departmentId: pick([dist.departments.transportation.id, dist.departments.nutrition.id, null]),
        schoolId: pick([dist.schools[0]!.id, dist.schools[1]!.id, null]),
        firstResponseAt: responded && responded.getTime() < now ? responded : null,
        firstResponseBusinessMinutes: responded && responded.getTime() < now ? Math.floor(r() * 1500) : null,
        resolvedAt: resolved && resolved.getTime() < now ? resolved : null,
        resolutionBusinessMinutes: resolved && resolved.getTime() < now ? Math.floor(r() * 4000) : null,
        status: resolved && resolved.getTime() < now ? "resolved" : responded && responded.getTime() < now ? pick(["open", "pending"] as const) : "new",
        firstResponseDueAt: new Date(created.getTime() + 48 * HOUR),
        nextResponseDueAt: null,
        resolutionDueAt: r() < 0.3 ? new Date(created.getTime() + Math.floor(r() * 240) * HOUR) : null,
        slaBreached: r() < 0.25 ? ["first_response"] : [],
      })
      .where(eq(conversations.id, inq.conversation.id))
      .returning();
    out.push(row!);
    // a rating link for most resolutions, answered half the time (now and then without one score)
    if (row!.resolvedAt && r() < 0.7) {
      const submitted = r() < 0.5 ? new Date(Math.min(now - 1, row!.resolvedAt.getTime() + Math.floor(r() * 72 * HOUR))) : null;
      const score = () => 1 + Math.floor(r() * 10);
      await t.database.db.insert(ratings).values({
        districtId: dist.district.id,
        conversationId: row!.id,
        tokenHash: `rollup-${seed}-${i}`,
        requestedAt: row!.resolvedAt,
        expiresAt: new Date(row!.resolvedAt.getTime() + 30 * 24 * HOUR),
        ...(submitted ? { submittedAt: submitted, accuracy: score(), timeliness: r() < 0.1 ? null : score(), courtesy: score() } : {}),
      });
    }
  }
  return out;
}

beforeAll(async () => {
  t = await testApp({ clock: fakeClock("2026-06-15T19:00:00Z") });
  d = await buildDistrict(t, { prefix: "RLUP" });
  other = await buildDistrict(t, { prefix: "OTHR" });
  ctx = t.ctx(d.district.id);
  rows.push(...(await history(d, 160, 7)));
  await history(other, 30, 11);
}, 120_000);
afterAll(() => t.close());

const TZ = "America/Los_Angeles";
const instant = (day: string, tz = TZ) => localMidnight(tz, day).toISOString();
/** The figures without the period bounds, which differ in form between a local-date and an instant query. */
const figures = (s: Omit<ReportSummary, "period" | "previous" | "change">) => {
  const { period: _p, previous: _v, change: _c, ...rest } = s as ReportSummary;
  return rest;
};

/** The summary through the rollups equals the summary read from every conversation, for the period and the previous one. */
async function expectSame(q: ReportQuery & { from: string; to: string }, tz = TZ) {
  const rolled = await reportSummary(ctx, q);
  const raw = await reportSummary(ctx, { ...q, from: instant(q.from, tz), to: instant(q.to, tz) });
  expect(figures(rolled), `${q.from}..${q.to} ${JSON.stringify(q)}`).toEqual(figures(raw));
  const prevFrom = rolled.previous.period.from;
  const rawPrev = await reportSummary(ctx, { ...q, from: prevFrom, to: instant(q.from, tz) });
  expect(figures(rolled.previous), `previous of ${q.from}`).toEqual(figures(rawPrev));
  return rolled;
}

/** A report for local dates (the rollups where they serve) equals the same report for the same instants (the conversations). */
async function expectSameForInstants<Q extends { from: string; to: string }, R>(report: (c: Ctx, q: Q) => Promise<R>, q: Q): Promise<R> {
  const rolled = await report(ctx, q);
  const raw = await report(ctx, { ...q, from: instant(q.from), to: instant(q.to) });
  expect(rolled, JSON.stringify(q)).toEqual(raw);
  return rolled;
}

const SCOPES = (): ReportQuery[] => [
  {},
  { departmentId: d.departments.transportation.id },
  { schoolId: d.schools[1]!.id },
  { kind: "compliment" },
  { language: "es" },
  { channel: "email" },
  { departmentId: d.departments.nutrition.id, kind: "concern" }, // combined filters: read from the conversations
];
const PERIODS = [
  { from: "2026-03-01", to: "2026-06-01" }, // whole months
  { from: "2026-03-17", to: "2026-05-09" }, // part months at both ends
  { from: "2026-05-17", to: "2026-06-16" }, // the last 30 days: the snapshot is now, mid-day
  { from: "2026-04-01", to: "2026-05-01" },
];

/** The figures really come from the rollup rows: a day's and a month's row altered by hand show, until marked dirty. */
async function expectRollupRowsRead(): Promise<void> {
  const db = t.database.db;
  const district = d.district.id;
  await db.execute(sql`update report_days set conversations = conversations + 1000 where district_id = ${district} and dim = 'all' and day = '2026-04-10'`);
  await db.execute(sql`update report_months set conversations = conversations + 5000 where district_id = ${district} and dim = 'all' and month = '2026-04-01'`);
  const april = await reportSummary(ctx, { from: "2026-04-01", to: "2026-05-01" });
  const aprilTenth = await reportSummary(ctx, { from: "2026-04-10", to: "2026-04-11" });
  expect(april.conversations).toBeGreaterThan(5000);
  expect(aprilTenth.conversations).toBeGreaterThan(1000);
  await db.execute(sql`insert into report_dirty_days (district_id, day) values (${district}, '2026-04-10')`);
  expect((await reportSummary(ctx, { from: "2026-04-01", to: "2026-05-01" })).conversations).toBe(april.conversations - 5000); // the month is dirty: its days are read
  expect((await reportSummary(ctx, { from: "2026-04-10", to: "2026-04-11" })).conversations).toBe(aprilTenth.conversations - 1000);
  await processRollups(db);
  expect((await reportSummary(ctx, { from: "2026-04-01", to: "2026-05-01" })).conversations).toBe(april.conversations - 5000);
}

/**
 * Resolves the first four conversations of the history still open and created after `after`, answered in 20 and
 * resolved in 60 business minutes: the first at `last`, each next one `stepHours` earlier.
 */
async function resolveFourOpen(after: string, last: string, stepHours: number): Promise<void> {
  const open = rows.filter((r) => r.status !== "resolved" && r.createdAt > new Date(after)).slice(0, 4);
  for (const [i, r] of open.entries()) {
    const at = new Date(Date.parse(last) - i * stepHours * HOUR);
    await t.database.db
      .update(conversations)
      .set({ status: "resolved", firstResponseAt: r.firstResponseAt ?? at, firstResponseBusinessMinutes: 20, resolvedAt: at, resolutionBusinessMinutes: 60 })
      .where(eq(conversations.id, r.id));
  }
}

async function dirtyDays(): Promise<number> {
  const r = (await t.database.db.execute(sql`select count(distinct (district_id, day))::int as n from report_dirty_days where district_id = ${d.district.id}`)) as unknown as { rows: { n: number }[] };
  return r.rows[0]!.n;
}

describe("report rollups", () => {
  it("the lower median of a histogram, and which scopes a rollup serves", () => {
    expect(histogramLowerMedian(new Map())).toBeNull();
    expect(histogramLowerMedian(new Map([[5, 1]]))).toBe(5);
    expect(histogramLowerMedian(new Map([[9, 2], [1, 2]]))).toBe(1); // 1 1 9 9 → the 2nd
    expect(histogramLowerMedian(new Map([[9, 2], [1, 1], [4, 2]]))).toBe(4); // 1 4 4 9 9 → the 3rd
    expect(rollupKey({})).toEqual({ dim: "all", key: "" });
    expect(rollupKey({ kind: "compliment" })).toEqual({ dim: "kind", key: "compliment" });
    expect(rollupKey({ kind: "compliment", language: "es" })).toBeNull();
  });

  it("before the job has run, every day is dirty and read from the conversations: the same figures", async () => {
    expect(await dirtyDays()).toBeGreaterThan(60);
    for (const scope of SCOPES()) await expectSame({ from: "2026-04-20", to: "2026-05-20", ...scope });
  }, 180_000);

  it("after the job, whole months, days and the snapshot's own day give the same figures as every conversation", async () => {
    expect(await processRollups(t.database.db)).toBeGreaterThan(60);
    expect(await dirtyDays()).toBe(0);
    for (const p of PERIODS) for (const scope of SCOPES()) await expectSame({ ...p, ...scope });
    await expectRollupRowsRead();
  }, 180_000);

  it("changes after the job (answers, resolutions, a reopened conversation, a new department) are counted at once, then rolled up", async () => {
    const open = rows.filter((r) => r.status !== "resolved").slice(0, 6);
    for (const [i, r] of open.entries()) {
      const at = new Date(Date.parse("2026-06-15T18:00:00Z") - i * 24 * HOUR);
      await t.database.db
        .update(conversations)
        .set({ status: "resolved", firstResponseAt: r.firstResponseAt ?? at, firstResponseBusinessMinutes: r.firstResponseBusinessMinutes ?? 30, resolvedAt: at, resolutionBusinessMinutes: 90 + i })
        .where(eq(conversations.id, r.id));
    }
    const resolved = rows.find((r) => r.status === "resolved" && r.createdAt < new Date("2026-04-01"))!;
    await t.database.db.update(conversations).set({ status: "open", resolvedAt: null, resolutionBusinessMinutes: null }).where(eq(conversations.id, resolved.id));
    await t.database.db.update(conversations).set({ departmentId: d.departments.nutrition.id }).where(eq(conversations.id, rows[3]!.id));
    await buildInquiry(t, d, { email: "new@example.com", name: "New" }); // today
    // a rating answered today for a conversation resolved weeks ago, and a rated conversation moved to another school
    const [pending] = await t.database.db.select().from(ratings).where(sql`${ratings.districtId} = ${d.district.id} and ${ratings.submittedAt} is null`).limit(1);
    await t.database.db.update(ratings).set({ submittedAt: new Date("2026-06-15T18:30:00Z"), accuracy: 3, timeliness: 4, courtesy: 5 }).where(eq(ratings.id, pending!.id));
    const [rated] = await t.database.db.select().from(ratings).where(sql`${ratings.districtId} = ${d.district.id} and ${ratings.submittedAt} < '2026-05-01'`).limit(1);
    await t.database.db.update(conversations).set({ schoolId: d.schools[1]!.id }).where(eq(conversations.id, rated!.conversationId));
    expect(await dirtyDays()).toBeGreaterThan(0);
    for (const p of PERIODS) for (const scope of SCOPES().slice(0, 3)) await expectSame({ ...p, ...scope });
    await processRollups(t.database.db);
    expect(await dirtyDays()).toBe(0);
    for (const p of PERIODS) for (const scope of SCOPES()) await expectSame({ ...p, ...scope });
    await expectRollupRowsRead();
  }, 180_000);

  it("a new time zone recomputes the district's days as local days of that zone", async () => {
    await t.database.db.update(districts).set({ timeZone: "America/New_York" }).where(eq(districts.id, d.district.id));
    expect(await dirtyDays()).toBeGreaterThan(60);
    await processRollups(t.database.db);
    for (const p of PERIODS) await expectSame(p, "America/New_York");
    await t.database.db.update(districts).set({ timeZone: TZ }).where(eq(districts.id, d.district.id));
    await processRollups(t.database.db);
    await expectSame(PERIODS[1]!);
  }, 180_000);

  it("another district's conversations never reach this district's rollups", async () => {
    const all = { from: "2026-02-01", to: "2026-06-16" };
    await processRollups(t.database.db);
    expect((await reportSummary(ctx, all)).conversations).toBe(161); // 160 and the new one
    expect((await reportSummary(t.ctx(other.district.id), all)).conversations).toBe(30);
  });

  it("trending and answered read the rollups with the same result as the conversations", async () => {
    for (const p of PERIODS) {
      const rolledT = await reportTrending(ctx, p);
      const rawT = await reportTrending(ctx, { from: instant(p.from), to: instant(p.to) });
      expect(rolledT.rows).toEqual(rawT.rows);
      const rolledA = await reportAnswered(ctx, p);
      const rawA = await reportAnswered(ctx, { from: instant(p.from), to: instant(p.to) });
      expect(rolledA.rows).toEqual(rawA.rows);
    }
  }, 180_000);
});

// Breakdowns by a rollup dimension without scope filters, for periods of local dates, read the rollups ("none" is the
// `all` row less the keyed ones); the same period given as instants reads every conversation: both must be equal.
describe("breakdowns from the rollups", () => {
  const BY: BreakdownBy[] = ["department", "topic", "school", "channel", "kind", "language"];
  const METRICS: BreakdownMetric[] = ["conversations", "firstResponseMedianHours", "resolutionMedianHours", "withinStandardShare", "cxScore"];
  const BREAKDOWN_PERIODS = [...PERIODS, { from: "2026-06-01", to: "2026-07-01" }]; // June: the snapshot is now, the period runs on
  type BreakdownQ = ReportQuery & { from: string; to: string; metric: BreakdownMetric; by: BreakdownBy };

  const expectSameBreakdown = (q: BreakdownQ) => expectSameForInstants(reportBreakdown, q);
  async function everyBreakdown(periods = BREAKDOWN_PERIODS) {
    const out: Awaited<ReturnType<typeof expectSameBreakdown>>[] = [];
    for (const p of periods) for (const by of BY) for (const metric of METRICS) out.push(await expectSameBreakdown({ ...p, by, metric }));
    return out;
  }
  const count = async (q: BreakdownQ, key: string) => (await reportBreakdown(ctx, q)).rows.find((r) => r.key === key)?.count;

  it("after the job, every grouping and metric over whole months, part months and the snapshot's day equals the conversations", async () => {
    // topics for the history (all on the bus topic so far), a quarter without one: a "none" group by topic too
    const topicOf = [d.topics.general.id, d.topics.bus.id, d.topics.safety.id, null];
    for (const [i, r] of rows.entries()) await t.database.db.update(conversations).set({ topicId: topicOf[i % 4]! }).where(eq(conversations.id, r.id));
    await processRollups(t.database.db);
    expect(await dirtyDays()).toBe(0);
    const all = await everyBreakdown();
    // every kind of group is exercised: "none" groups, medians, shares below 1, scores
    expect(all.every((b) => b.rows.length > 0)).toBe(true);
    for (const by of ["department", "school", "topic"] as const) expect(all.some((b) => b.by === by && b.rows.some((r) => r.key === "none" && r.label === "None"))).toBe(true);
    expect(all.some((b) => b.metric === "withinStandardShare" && b.rows.some((r) => r.value !== null && r.value < 1))).toBe(true);
    expect(all.some((b) => b.metric === "resolutionMedianHours" && b.rows.some((r) => r.value !== null))).toBe(true);
    expect(all.some((b) => b.metric === "cxScore" && b.rows.some((r) => r.value !== null && r.count > 0))).toBe(true);
  }, 300_000);

  it("changes not yet rolled up (dirty days) are counted at once, and the same after the job", async () => {
    await resolveFourOpen("2026-04-01", "2026-06-15T17:00:00Z", 36);
    // a rated conversation moves to no department and another topic; an unanswered one is breached; a new one today
    const [rated] = await t.database.db.select().from(ratings).where(sql`${ratings.districtId} = ${d.district.id} and ${ratings.submittedAt} >= '2026-04-01'`).limit(1);
    await t.database.db.update(conversations).set({ departmentId: null, topicId: d.topics.safety.id }).where(eq(conversations.id, rated!.conversationId));
    const unanswered = rows.find((r) => r.firstResponseAt === null && r.slaBreached.length === 0 && r.createdAt > new Date("2026-05-20"))!;
    await t.database.db.update(conversations).set({ slaBreached: ["first_response"] }).where(eq(conversations.id, unanswered.id));
    await buildInquiry(t, d, { email: "today@example.com", name: "Today" });
    expect(await dirtyDays()).toBeGreaterThan(0);
    await everyBreakdown(BREAKDOWN_PERIODS.slice(1, 3));
    await processRollups(t.database.db);
    expect(await dirtyDays()).toBe(0);
    await everyBreakdown();
  }, 300_000);

  it("the rows are read from the rollups (a keyed group and the none group, days and months) until their day is marked dirty", async () => {
    const db = t.database.db;
    const district = d.district.id;
    const transport = d.departments.transportation.id;
    const april = { from: "2026-04-01", to: "2026-05-01", by: "department", metric: "conversations" } as const;
    const aprilTenth = { ...april, from: "2026-04-10", to: "2026-04-11", by: "school" } as const;
    const cx = { ...april, metric: "cxScore" } as const;
    const [before, beforeNone, beforeCx] = [await count(april, transport), await count(aprilTenth, "none"), await count(cx, transport)];
    // a keyed month row, the all row of a day (the none group is all less the keyed groups) and a month's ratings
    await db.execute(sql`update report_months set conversations = conversations + 5000 where district_id = ${district} and dim = 'department' and key = ${transport} and month = '2026-04-01'`);
    await db.execute(sql`update report_days set conversations = conversations + 1000 where district_id = ${district} and dim = 'all' and day = '2026-04-10'`);
    await db.execute(sql`update report_months set rated = rated + 70, rating_total = rating_total + 2100 where district_id = ${district} and dim = 'department' and key = ${transport} and month = '2026-04-01'`);
    expect(await count(april, transport)).toBe(before! + 5000);
    expect(await count(aprilTenth, "none")).toBe((beforeNone ?? 0) + 1000);
    expect(await count(cx, transport)).toBe(beforeCx! + 70);
    // with a scope filter, or by a grouping that is not a rollup dimension, the conversations are read: unchanged
    const scoped = { ...april, by: "topic", departmentId: transport } as const;
    const scopedRaw = await reportBreakdown(ctx, { ...scoped, from: instant(april.from), to: instant(april.to) });
    expect(await reportBreakdown(ctx, scoped)).toEqual(scopedRaw);
    expect(scopedRaw.rows.reduce((n, r) => n + r.count, 0)).toBe(before);
    for (const by of ["category", "requesterRole"] as const) {
      const q = { ...april, by };
      expect(await reportBreakdown(ctx, q)).toEqual(await reportBreakdown(ctx, { ...q, from: instant(april.from), to: instant(april.to) }));
    }
    expect(await reportBreakdown(ctx, { ...april, kind: "concern" })).toEqual(await reportBreakdown(ctx, { ...april, kind: "concern", from: instant(april.from), to: instant(april.to) }));
    // marked dirty, the day and its month are read from the conversations: the true figures again, before and after the job
    await db.execute(sql`insert into report_dirty_days (district_id, day) values (${district}, '2026-04-10')`);
    expect(await count(april, transport)).toBe(before);
    expect(await count(aprilTenth, "none")).toBe(beforeNone);
    expect(await count(cx, transport)).toBe(beforeCx);
    await processRollups(db);
    await expectSameBreakdown(april);
    await expectSameBreakdown(aprilTenth);
    await expectSameBreakdown(cx);
    // more dirty days than a query recomputes: the conversations are read, the same figures
    await db.execute(sql`insert into report_dirty_days (district_id, day) select ${district}, x::date from generate_series('2026-03-01'::date, '2026-05-31'::date, interval '1 day') x`);
    expect(await dirtyDays()).toBeGreaterThan(62);
    for (const metric of METRICS) await expectSameBreakdown({ from: "2026-03-01", to: "2026-06-01", by: "topic", metric });
    await processRollups(db);
    expect(await dirtyDays()).toBe(0);
  }, 300_000);
});

// Time series of conversations, the response and resolution medians and cxScore, for periods of local dates and a
// scope of at most one filter, read the rollups (the local days added up per bucket); the same period given as
// instants reads every conversation (or rating): both must give the same points, bucket by bucket.
describe("time series from the rollups", () => {
  const METRICS: TimeseriesMetric[] = ["conversations", "firstResponseMedianHours", "resolutionMedianHours", "cxScore", "criticalAlerts"];
  const INTERVALS: Interval[] = ["day", "week", "month"];
  const SERIES_PERIODS = [...PERIODS, { from: "2026-06-01", to: "2026-07-01" }]; // June: today's snapshot day, the period runs on
  const SERIES_SCOPES = (): ReportQuery[] => [{}, { departmentId: d.departments.transportation.id }, { kind: "compliment" }, { departmentId: d.departments.nutrition.id, kind: "concern" }];
  type SeriesQ = ReportQuery & { from: string; to: string; metric: TimeseriesMetric; interval: Interval };

  const expectSameSeries = (q: SeriesQ) => expectSameForInstants(reportTimeseries, q);
  async function everySeries(periods = SERIES_PERIODS, scopes = SERIES_SCOPES()) {
    const out: Awaited<ReturnType<typeof expectSameSeries>>[] = [];
    for (const p of periods) for (const scope of scopes) for (const metric of METRICS) for (const interval of INTERVALS) out.push(await expectSameSeries({ ...p, ...scope, metric, interval }));
    return out;
  }
  const point = async (q: SeriesQ, start: string) => (await reportTimeseries(ctx, q)).points.find((p) => p.start === start)?.value;

  it("the middle of every 180-second unit rounds to the same tenth of an hour as the raw series' seconds / 3600 anywhere in the unit", () => {
    // the raw series reads percentile_disc(...) / 3600 as a numeric (exact for a multiple of 180 s: k / 20) and
    // rounds it in JavaScript; hours to a tenth change at odd multiples of 180 s, the bottom of a unit
    const raw = (hours: number) => round(hours, 1);
    for (let k = -2_000; k <= 10 * 366 * 24 * 20; k++) {
      const mid = round(unitSeconds(k)! / 3600, 1);
      const exact = `${k < 0 ? "-" : ""}${Math.floor(Math.abs(k) / 20)}.${String((Math.abs(k) % 20) * 5).padStart(2, "0")}`; // 180k / 3600 as a decimal
      if (raw(Number(exact)) !== mid || raw((180 * k + 179.999999) / 3600) !== mid) expect({ k, mid }).toEqual({ k, mid: raw(Number(exact)) });
    }
  });

  it("after the job, every metric and interval over whole months, part months and today's snapshot day equals the conversations", async () => {
    // a day whose first responses all take exactly 2.05 h (7,380 s, a rounding boundary): 2.1 both ways
    const day = localDateOf(TZ, rows.find((r) => r.firstResponseAt && r.createdAt >= new Date("2026-05-05"))!.createdAt);
    const onDay = rows.filter((r) => r.firstResponseAt && localDateOf(TZ, r.createdAt) === day);
    for (const r of onDay) await t.database.db.update(conversations).set({ firstResponseAt: new Date(r.createdAt.getTime() + 7_380_000) }).where(eq(conversations.id, r.id));
    await processRollups(t.database.db);
    expect(await dirtyDays()).toBe(0);
    const fr = { from: day, to: addDays(day, 1), metric: "firstResponseMedianHours", interval: "day" } as const;
    expect((await expectSameSeries(fr)).points).toEqual([{ start: day, value: 2.1 }]);
    const all = await everySeries();
    // every kind of point is exercised: empty buckets, counts, medians and scores
    const values = (m: TimeseriesMetric) => all.filter((s) => s.metric === m).flatMap((s) => s.points.map((p) => p.value));
    expect(values("conversations").some((v) => v === 0)).toBe(true);
    expect(values("conversations").some((v) => v !== null && v > 1)).toBe(true);
    for (const m of ["firstResponseMedianHours", "resolutionMedianHours", "cxScore"] as const) {
      expect(values(m).some((v) => v === null), m).toBe(true);
      expect(values(m).some((v) => v !== null), m).toBe(true);
    }
    // a week and a month before the period's first day start the points; the last bucket runs past the period
    const weeks = await expectSameSeries({ from: "2026-03-17", to: "2026-05-09", metric: "conversations", interval: "week" });
    expect(weeks.points[0]!.start).toBe("2026-03-16");
    expect(weeks.points.at(-1)!.start).toBe("2026-05-04");
    expect(weeks.points).toHaveLength(8);
  }, 300_000);

  it("changes not yet rolled up (dirty days) are counted at once, and the same after the job", async () => {
    await resolveFourOpen("2026-04-15", "2026-06-15T16:00:00Z", 30);
    // a conversation moves to the transportation department; a new one today
    const moved = rows.find((r) => r.departmentId !== d.departments.transportation.id && r.createdAt > new Date("2026-05-20"))!;
    await t.database.db.update(conversations).set({ departmentId: d.departments.transportation.id }).where(eq(conversations.id, moved.id));
    await buildInquiry(t, d, { email: "series@example.com", name: "Series" });
    // a rating submitted on a day without others, without a timeliness score: rated, but no total, so its point is null
    const ratedDays = (await t.database.db.execute(
      sql`select distinct to_char(submitted_at at time zone ${TZ}, 'YYYY-MM-DD') as day from ratings where district_id = ${d.district.id} and submitted_at is not null`,
    )) as unknown as { rows: { day: string }[] };
    const taken = new Set(ratedDays.rows.map((r) => r.day));
    const lone = Array.from({ length: 31 }, (_, i) => `2026-05-${String(i + 1).padStart(2, "0")}`).find((day) => !taken.has(day))!;
    const [pending] = await t.database.db.select().from(ratings).where(sql`${ratings.districtId} = ${d.district.id} and ${ratings.submittedAt} is null`).limit(1);
    await t.database.db.update(ratings).set({ submittedAt: new Date(localMidnight(TZ, lone).getTime() + 12 * HOUR), accuracy: 7, timeliness: null, courtesy: 9 }).where(eq(ratings.id, pending!.id));
    expect(await dirtyDays()).toBeGreaterThan(0);
    expect(await dirtyDays()).toBeLessThanOrEqual(62); // few enough for the rollups to serve, the dirty days from the conversations
    const cx = { from: "2026-05-01", to: "2026-06-01", metric: "cxScore", interval: "day" } as const;
    expect((await expectSameSeries(cx)).points.find((p) => p.start === lone)).toEqual({ start: lone, value: null });
    await everySeries(SERIES_PERIODS.slice(1, 3), SERIES_SCOPES().slice(0, 2));
    await everySeries(SERIES_PERIODS.slice(4), SERIES_SCOPES().slice(0, 2));
    await processRollups(t.database.db);
    expect(await dirtyDays()).toBe(0);
    expect((await expectSameSeries(cx)).points.find((p) => p.start === lone)).toEqual({ start: lone, value: null });
    await everySeries();
  }, 300_000);

  it("the points are read from the rollups (day rows, month rows, a keyed row, histograms, ratings) until their day is marked dirty", async () => {
    const db = t.database.db;
    const district = d.district.id;
    const transport = d.departments.transportation.id;
    const april = { from: "2026-04-01", to: "2026-05-01", metric: "conversations" } as const;
    const days = { ...april, interval: "day" } as const;
    const weeks = { ...april, interval: "week" } as const;
    const months = { ...april, interval: "month" } as const;
    const scoped = { ...days, departmentId: transport } as const;
    const fr = { ...days, metric: "firstResponseMedianHours" } as const;
    const res = { ...days, metric: "resolutionMedianHours" } as const;
    const cx = { ...days, metric: "cxScore" } as const;
    const before = {
      day: await point(days, "2026-04-10"),
      week: await point(weeks, "2026-04-06"),
      month: await point(months, "2026-04-01"),
      scoped: await point(scoped, "2026-04-14"),
      fr: await point(fr, "2026-04-10"),
      res: await point(res, "2026-04-10"),
      cx: await point(cx, "2026-04-10"),
    };
    // the all row of a day (counts, the first-response histogram, the ratings), April's month row, a department's day row
    await db.execute(sql`update report_days set conversations = conversations + 1000, fr = '{"1000": 999}'::jsonb, res = '{"10": 999}'::jsonb, rated = rated + 1, rating_total = rating_total + 30
      where district_id = ${district} and dim = 'all' and day = '2026-04-10'`);
    await db.execute(sql`update report_months set conversations = conversations + 5000 where district_id = ${district} and dim = 'all' and month = '2026-04-01'`);
    await db.execute(sql`update report_days set conversations = conversations + 300 where district_id = ${district} and dim = 'department' and key = ${transport} and day = '2026-04-14'`);
    expect(await point(days, "2026-04-10")).toBe(before.day! + 1000);
    expect(await point(weeks, "2026-04-06")).toBe(before.week! + 1000); // weeks add up the day rows
    expect(await point(months, "2026-04-01")).toBe(before.month! + 5000); // a whole clean month is its month row
    expect(await point(scoped, "2026-04-14")).toBe(before.scoped! + 300);
    expect(await point(fr, "2026-04-10")).toBe(50); // unit 1000: 180,090 s = 50.025 h
    expect(await point(res, "2026-04-10")).toBe(0.5); // unit 10: 1,890 s = 0.525 h
    expect(await point(cx, "2026-04-10")).not.toBe(before.cx);
    // combined filters, instants and critical alerts read the conversations: the true figures
    const combined = { ...days, departmentId: transport, kind: "concern" } as const;
    expect(await reportTimeseries(ctx, combined)).toEqual(await reportTimeseries(ctx, { ...combined, from: instant(april.from), to: instant(april.to) }));
    expect(await point({ ...days, from: instant(april.from), to: instant(april.to) }, "2026-04-10")).toBe(before.day);
    await expectSameSeries({ ...days, metric: "criticalAlerts" });
    // marked dirty, the day (and its month) are read from the conversations: the true figures again, before and after the job
    await db.execute(sql`insert into report_dirty_days (district_id, day) values (${district}, '2026-04-10'), (${district}, '2026-04-14')`);
    expect(await point(days, "2026-04-10")).toBe(before.day);
    expect(await point(weeks, "2026-04-06")).toBe(before.week);
    expect(await point(months, "2026-04-01")).toBe(before.month);
    expect(await point(scoped, "2026-04-14")).toBe(before.scoped);
    expect(await point(fr, "2026-04-10")).toBe(before.fr);
    expect(await point(res, "2026-04-10")).toBe(before.res);
    expect(await point(cx, "2026-04-10")).toBe(before.cx);
    await processRollups(db);
    for (const metric of METRICS) for (const interval of INTERVALS) await expectSameSeries({ ...april, metric, interval });
    // more dirty days than a query recomputes: the conversations are read, the same points
    await db.execute(sql`insert into report_dirty_days (district_id, day) select ${district}, x::date from generate_series('2026-03-01'::date, '2026-05-31'::date, interval '1 day') x`);
    expect(await dirtyDays()).toBeGreaterThan(62);
    for (const metric of METRICS) for (const interval of INTERVALS) await expectSameSeries({ from: "2026-03-01", to: "2026-06-01", metric, interval, departmentId: transport });
    await processRollups(db);
    expect(await dirtyDays()).toBe(0);
  }, 300_000);
});
