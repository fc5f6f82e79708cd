import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alerts, conversations, events, ratings, type ConversationRow } from "../../db/schema/index.js";
import { buildDistrict, buildInquiry, type TestDistrict } from "../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../test/test-app.js";
import type { Ctx } from "../shared/ctx.js";
import {
  buckets,
  change,
  isTrending,
  localMidnight,
  lowerMedian,
  reportAlerts,
  reportAnswered,
  reportBacklog,
  reportBreaches,
  reportBreakdown,
  reportSatisfaction,
  reportSummary,
  reportTimeseries,
  reportTrending,
} from "./index.js";

// "Now" is Monday 2 March 2026, 16:00 UTC = 08:00 in Los Angeles (PST, UTC-8 until 8 March).
// The test district runs on the default calendar: America/Los_Angeles, Mon–Fri 08:00–17:00, no holidays.
// All local times below are PST: local = UTC − 8 h.
let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let ctxA: Ctx;
const c: Record<string, ConversationRow> = {};

const Z = (s: string) => new Date(s);
let n = 0;

/** An inquiry in district d, then its columns set by hand (SLA columns cleared unless given). */
async function conv(d: TestDistrict, over: Partial<typeof conversations.$inferInsert> & { email?: string | null; general?: boolean }): Promise<ConversationRow> {
  const { email, general, ...cols } = over;
  const created = await buildInquiry(t, d, {
    ...(general ? { topic: d.topics.general, fields: {} } : {}),
    email: email === null ? null : (email ?? `family${++n}@example.com`),
    name: "A family",
  });
  const [row] = await t.database.db
    .update(conversations)
    .set({ firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, slaBreached: [], slaWarned: [], ...(email === null ? { contactId: null } : {}), ...cols })
    .where(eq(conversations.id, created.conversation.id))
    .returning();
  return row!;
}

async function statusEvent(d: TestDistrict, conversationId: string, from: string, to: string, at: string) {
  await t.database.db.insert(events).values({ districtId: d.district.id, conversationId, type: "conversation.status_changed", actorKind: "system", data: { from, to }, createdAt: Z(at) });
}

let tokenN = 0;
async function rating(d: TestDistrict, conversationId: string, requestedAt: string, submitted?: { at: string; accuracy: number; timeliness: number; courtesy: number }) {
  await t.database.db.insert(ratings).values({
    districtId: d.district.id,
    conversationId,
    tokenHash: `hash-${++tokenN}`,
    requestedAt: Z(requestedAt),
    expiresAt: Z("2027-01-01T00:00:00Z"),
    ...(submitted ? { submittedAt: Z(submitted.at), accuracy: submitted.accuracy, timeliness: submitted.timeliness, courtesy: submitted.courtesy } : {}),
  });
}

async function alert(d: TestDistrict, conversationId: string, createdAt: string, acknowledgedAt: string | null) {
  await t.database.db.insert(alerts).values({
    districtId: d.district.id,
    conversationId,
    category: "safety",
    severity: "critical",
    score: 1,
    status: acknowledgedAt ? "acknowledged" : "active",
    acknowledgedAt: acknowledgedAt ? Z(acknowledgedAt) : null,
    createdAt: Z(createdAt),
  });
}

const FEB = { from: "2026-02-01", to: "2026-03-01" };

beforeAll(async () => {
  t = await testApp({ clock: fakeClock("2026-03-02T16:00:00Z") });
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  ctxA = t.ctx(a.district.id);
  const ana = "ana@example.com";
  const ben = "ben@example.com";

  // ---- February 2026 (the period): six conversations ----
  // C1 Mon 2 Feb 09:00 → reply 13:00 (4 h wall, 4 business h) → resolved Tue 3 Feb 09:00
  //    (24 h wall; business Mon 09–17 = 8 h + Tue 08–09 = 1 h = 9 h). Bus topic (Transportation), Ana.
  c.c1 = await conv(a, { email: ana, createdAt: Z("2026-02-02T17:00:00Z"), firstResponseAt: Z("2026-02-02T21:00:00Z"), status: "resolved", resolvedAt: Z("2026-02-03T17:00:00Z") });
  await statusEvent(a, c.c1.id, "open", "resolved", "2026-02-03T17:00:00Z"); // the final resolution: a pause after resolved_at, subtracts nothing
  // C2 Fri 6 Feb 16:00 → reply Mon 9 Feb 10:00: 66 h wall, across the weekend 3 business h (Fri 16–17 + Mon 08–10).
  //    Answered late ('first_response' breached); resolution due Sun 1 Mar 02:00 local = within 4 h of the snapshot. Ana again.
  c.c2 = await conv(a, {
    email: ana,
    createdAt: Z("2026-02-07T00:00:00Z"),
    firstResponseAt: Z("2026-02-09T18:00:00Z"),
    status: "open",
    slaBreached: ["first_response"],
    resolutionDueAt: Z("2026-03-01T10:00:00Z"),
  });
  // C3 Tue 10 Feb 08:00, pending 09:00 → open Wed 11 Feb 09:00, reply Wed 12:00: 28 h wall;
  //    business Tue 08–Wed 12 = 9 + 4 = 13 h minus the pending pause Tue 09:00–Wed 09:00 (8 + 1 = 9 h) = 4 h. Ben.
  c.c3 = await conv(a, { email: ben, createdAt: Z("2026-02-10T16:00:00Z"), firstResponseAt: Z("2026-02-11T20:00:00Z"), status: "open", nextResponseDueAt: Z("2026-03-05T16:00:00Z") });
  await statusEvent(a, c.c3.id, "new", "pending", "2026-02-10T17:00:00Z");
  await statusEvent(a, c.c3.id, "pending", "open", "2026-02-11T17:00:00Z");
  // C4 Wed 11 Feb 10:00, never answered, first response due Thu 12 Feb and breached: decided, not within; past due at the snapshot. Carla.
  c.c4 = await conv(a, { email: "carla@example.com", createdAt: Z("2026-02-11T18:00:00Z"), status: "open", firstResponseDueAt: Z("2026-02-12T18:00:00Z"), slaBreached: ["first_response"] });
  // C5 Sat 28 Feb 23:30 local = Sun 1 Mar 07:30 UTC: belongs to 28 Feb (and to February). A compliment, anonymous,
  //    general topic (no department), unanswered, first response due 3 Mar: not decided yet.
  c.c5 = await conv(a, { email: null, general: true, kind: "compliment", createdAt: Z("2026-03-01T07:30:00Z"), status: "open", firstResponseDueAt: Z("2026-03-03T16:00:00Z") });
  // C6 Thu 12 Feb 09:00, reply 09:30 (0.5 h), resolved 10:00, reopened Fri 13 Feb 09:00, resolved again Fri 11:00:
  //    resolution 26 h wall; business Thu 09–Fri 11 = 8 + 3 = 11 h minus the resolved pause Thu 10:00–Fri 09:00 (7 + 1 = 8 h) = 3 h.
  //    A compliment, general topic moved to Nutrition Services. Ben again.
  c.c6 = await conv(a, {
    email: ben,
    general: true,
    kind: "compliment",
    departmentId: a.departments.nutrition.id,
    createdAt: Z("2026-02-12T17:00:00Z"),
    firstResponseAt: Z("2026-02-12T17:30:00Z"),
    status: "resolved",
    resolvedAt: Z("2026-02-13T19:00:00Z"),
  });
  await statusEvent(a, c.c6.id, "open", "resolved", "2026-02-12T18:00:00Z");
  await statusEvent(a, c.c6.id, "resolved", "open", "2026-02-13T17:00:00Z");
  await statusEvent(a, c.c6.id, "open", "resolved", "2026-02-13T19:00:00Z");
  // Ratings: C1 8/6/10 submitted 4 Feb, C6 9/7/9 submitted 14 Feb, one more link sent for C6 on 25 Feb, never answered.
  await rating(a, c.c1.id, "2026-02-03T17:00:00Z", { at: "2026-02-04T18:00:00Z", accuracy: 8, timeliness: 6, courtesy: 10 });
  await rating(a, c.c6.id, "2026-02-13T19:00:00Z", { at: "2026-02-14T18:00:00Z", accuracy: 9, timeliness: 7, courtesy: 9 });
  await rating(a, c.c6.id, "2026-02-25T19:00:00Z");
  // Alerts: two on C4 acknowledged after 12 and 30 minutes, one on C3 still active.
  await alert(a, c.c4.id, "2026-02-11T18:00:00Z", "2026-02-11T18:12:00Z");
  await alert(a, c.c4.id, "2026-02-11T18:00:00Z", "2026-02-11T18:30:00Z");
  await alert(a, c.c3.id, "2026-02-10T16:00:00Z", null);

  // ---- January 2026 (the previous period): two conversations, both resolved in January ----
  // P1 Thu 15 Jan 10:00, reply 12:00 (2 h), resolved. P2 Tue 20 Jan, never answered, due 21 Jan: decided, not within.
  c.p1 = await conv(a, { createdAt: Z("2026-01-15T18:00:00Z"), firstResponseAt: Z("2026-01-15T20:00:00Z"), status: "resolved", resolvedAt: Z("2026-01-16T18:00:00Z") });
  c.p2 = await conv(a, { createdAt: Z("2026-01-20T18:00:00Z"), status: "resolved", resolvedAt: Z("2026-01-22T18:00:00Z"), firstResponseDueAt: Z("2026-01-21T18:00:00Z") });

  // ---- March: created after the February snapshot (Mon 2 Mar 07:00 local) ----
  c.m1 = await conv(a, { createdAt: Z("2026-03-02T15:00:00Z"), status: "new", firstResponseDueAt: Z("2026-02-28T00:00:00Z") });

  // ---- District B: February data of its own that must never count for A ----
  const ob = await conv(b, { createdAt: Z("2026-02-05T18:00:00Z"), firstResponseAt: Z("2026-02-05T19:00:00Z"), kind: "compliment", status: "resolved", resolvedAt: Z("2026-02-06T18:00:00Z") });
  await rating(b, ob.id, "2026-02-06T18:00:00Z", { at: "2026-02-07T18:00:00Z", accuracy: 1, timeliness: 1, courtesy: 1 });
  await alert(b, ob.id, "2026-02-05T18:00:00Z", "2026-02-05T20:00:00Z");
});
afterAll(() => t.close());

describe("reports summary (February 2026 against January)", () => {
  it("computes every figure as docs/METRICS.md defines it", async () => {
    const s = await reportSummary(ctxA, FEB);
    // the period is local: 1 Feb 00:00 PST = 08:00 UTC; the snapshot is `to` (in the past)
    expect(s.period).toEqual({ from: "2026-02-01T08:00:00.000Z", to: "2026-03-01T08:00:00.000Z", snapshotAt: "2026-03-01T08:00:00.000Z" });
    expect(s.conversations).toBe(6); // C1–C6 (C5 at 23:30 local on the last day included); B's and March's not
    // wall-clock first responses 0.5, 4, 28, 66 → lower median 4
    expect(s.firstResponseMedianHours).toBe(4);
    // business 0.5 (C6), 3 (C2, weekend), 4 (C1), 4 (C3, pending pause) → lower median 3
    expect(s.firstResponseMedianBusinessHours).toBe(3);
    // resolved: C1 24 h / 9 business h, C6 26 h / 3 business h (reopen pause) → lower medians 24 and 3
    expect(s.resolutionMedianHours).toBe(24);
    expect(s.resolutionMedianBusinessHours).toBe(3);
    // decided: C1, C2, C3, C6 (answered) + C4 (breached, unanswered); C5 still inside its target. Within: C1, C3, C6 → 3/5
    expect(s.withinStandardShare).toBe(0.6);
    expect(s.unanswered).toBe(2); // C4, C5
    // snapshot 1 Mar 08:00 UTC: open C2, C3, C4, C5 (C1, C6 resolved; M1 not yet created)
    expect(s.open).toBe(4);
    expect(s.pastDue).toBe(1); // C4 (due 12 Feb); M1's past due time does not count: created after the snapshot
    expect(s.dueSoon).toBe(1); // C2: resolution due 10:00 UTC, within (t, t + 4 h]
    // ratings: accuracy (8+9)/2, timeliness (6+7)/2, courtesy (10+9)/2; cx = (17+13+19) / 6 = 8.1666… → 8.17
    expect(s.ratings).toEqual({ accuracy: 8.5, timeliness: 6.5, courtesy: 9.5, count: 2 });
    expect(s.cxScore).toBe(8.17);
    expect(s.responseRate).toBe(0.6667); // 2 submitted / 3 links sent in February
    expect(s.complimentShare).toBe(0.3333); // C5, C6 of 6
    expect(s.criticalAlerts).toBe(3);
    expect(s.timeToAcknowledgeMedianMinutes).toBe(12); // acknowledged after 12 and 30 min → lower median 12
    expect(s.reach).toBe(3); // Ana, Ben, Carla (C5 anonymous)
    expect(s.repeatContacts).toBe(2); // Ana (C1, C2), Ben (C3, C6)
    expect(s.repeatShare).toBe(0.6667); // 2 of 3
    expect(s.anonymous).toBe(1); // C5
    expect(s.unacknowledged).toBe(1); // C3's alert, still active at the snapshot
  });

  it("compares with the previous calendar month, null where January was 0", async () => {
    const s = await reportSummary(ctxA, FEB);
    expect(s.previous.period.from).toBe("2026-01-01T08:00:00.000Z");
    expect(s.previous.conversations).toBe(2);
    expect(s.previous.firstResponseMedianHours).toBe(2);
    expect(s.previous.withinStandardShare).toBe(0.5); // P1 within, P2 decided and not
    expect(s.previous.open).toBe(0); // both resolved in January, before the 1 Feb snapshot
    expect(s.previous.cxScore).toBeNull();
    expect(s.change.conversations).toBe(2); // (6 − 2) / 2
    expect(s.change.firstResponseMedianHours).toBe(1); // (4 − 2) / 2
    expect(s.change.withinStandardShare).toBe(0.2); // (0.6 − 0.5) / 0.5
    expect(s.change.complimentShare).toBeNull(); // January 0 → null, never infinity
    expect(s.change.criticalAlerts).toBeNull();
    expect(s.change.cxScore).toBeNull();
    expect(s.change.ratings.count).toBeNull();
    expect(s.change.open).toBeNull();
  });

  it("an empty period is zeros and nulls, not an error", async () => {
    const s = await reportSummary(ctxA, { from: "2025-06-01", to: "2025-07-01" });
    expect(s).toMatchObject({
      conversations: 0,
      firstResponseMedianHours: null,
      firstResponseMedianBusinessHours: null,
      resolutionMedianHours: null,
      resolutionMedianBusinessHours: null,
      withinStandardShare: null,
      unanswered: 0,
      open: 0,
      pastDue: 0,
      dueSoon: 0,
      cxScore: null,
      ratings: { accuracy: null, timeliness: null, courtesy: null, count: 0 },
      responseRate: null,
      complimentShare: null,
      criticalAlerts: 0,
      timeToAcknowledgeMedianMinutes: null,
      reach: 0,
      repeatContacts: 0,
    });
    expect(s.change.conversations).toBeNull();
  });

  it("a conversation at 23:30 local on the last day belongs to that day, not the next UTC day", async () => {
    // [1 Feb, 28 Feb) excludes C5 (28 Feb local); [1 Feb, 1 Mar) includes it although it is 1 Mar in UTC
    expect((await reportSummary(ctxA, { from: "2026-02-01", to: "2026-02-28" })).conversations).toBe(5);
    expect((await reportSummary(ctxA, { from: "2026-02-28", to: "2026-03-01" })).conversations).toBe(1);
    // by instants in UTC, 1 Mar 00:00Z–08:00Z holds it
    expect((await reportSummary(ctxA, { from: "2026-03-01T00:00:00Z", to: "2026-03-01T08:00:00Z" })).conversations).toBe(1);
  });

  it("instants: previous period is the same length before; snapshot is now when `to` is in the future", async () => {
    const s = await reportSummary(ctxA, { from: "2026-02-25T00:00:00Z", to: "2026-03-04T00:00:00Z" });
    expect(s.previous.period).toMatchObject({ from: "2026-02-18T00:00:00.000Z", to: "2026-02-25T00:00:00.000Z" });
    expect(s.period.snapshotAt).toBe("2026-03-02T16:00:00.000Z");
    expect(s.conversations).toBe(2); // C5, M1
    expect(s.open).toBe(5); // C2, C3, C4, C5, M1
    expect(s.pastDue).toBe(3); // C4, M1 (due 28 Feb), C2 (resolution due 1 Mar 10:00Z) — now all past
  });

  it("scope filters restrict by the conversation's current values", async () => {
    const s = await reportSummary(ctxA, { ...FEB, departmentId: a.departments.transportation.id });
    expect(s.conversations).toBe(4); // C1–C4
    expect(s.ratings.count).toBe(1); // R1 on C1
    expect(s.cxScore).toBe(8); // (8+6+10)/3
    expect(s.complimentShare).toBe(0);
    expect(s.criticalAlerts).toBe(3); // all on C3, C4
    expect((await reportSummary(ctxA, { ...FEB, kind: "compliment" })).conversations).toBe(2);
    expect((await reportSummary(ctxA, { ...FEB, channel: "email" })).conversations).toBe(0);
  });

  it("another district's data never counts", async () => {
    const s = await reportSummary(t.ctx(b.district.id), FEB);
    expect(s.conversations).toBe(1);
    expect(s.cxScore).toBe(1);
    expect(s.criticalAlerts).toBe(1);
    expect(s.timeToAcknowledgeMedianMinutes).toBe(120);
    expect(s.complimentShare).toBe(1);
  });

  it("rejects a reversed or too long period", async () => {
    await expect(reportSummary(ctxA, { from: "2026-03-01", to: "2026-02-01" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(reportSummary(ctxA, { from: "2020-01-01", to: "2026-01-02" })).rejects.toMatchObject({ code: "validation_failed" });
  });
});

describe("reports timeseries", () => {
  it("weeks are local ISO weeks from Monday, empty buckets 0", async () => {
    const s = await reportTimeseries(ctxA, { ...FEB, metric: "conversations", interval: "week" });
    // 1 Feb is a Sunday: its week starts Monday 26 Jan
    expect(s.points).toEqual([
      { start: "2026-01-26", value: 0 },
      { start: "2026-02-02", value: 2 }, // C1, C2
      { start: "2026-02-09", value: 3 }, // C3, C4, C6
      { start: "2026-02-16", value: 0 },
      { start: "2026-02-23", value: 1 }, // C5 (Sat 28 Feb local)
    ]);
  });

  it("days around the time-zone boundary", async () => {
    const s = await reportTimeseries(ctxA, { from: "2026-02-27", to: "2026-03-02", metric: "conversations", interval: "day" });
    expect(s.points).toEqual([
      { start: "2026-02-27", value: 0 },
      { start: "2026-02-28", value: 1 }, // C5 at 23:30 local, 07:30 UTC on 1 Mar
      { start: "2026-03-01", value: 0 },
    ]);
  });

  it("months: counts, means (null when empty) and medians", async () => {
    const q = { from: "2026-01-01", to: "2026-03-01", interval: "month" as const };
    expect((await reportTimeseries(ctxA, { ...q, metric: "conversations" })).points.map((p) => p.value)).toEqual([2, 6]);
    expect((await reportTimeseries(ctxA, { ...q, metric: "cxScore" })).points.map((p) => p.value)).toEqual([null, 8.17]);
    expect((await reportTimeseries(ctxA, { ...q, metric: "firstResponseMedianHours" })).points.map((p) => p.value)).toEqual([2, 4]);
    expect((await reportTimeseries(ctxA, { ...q, metric: "criticalAlerts" })).points.map((p) => p.value)).toEqual([0, 3]);
  });

  it("bucket boundaries are local midnights across DST", () => {
    const days = buckets("America/Los_Angeles", { from: localMidnight("America/Los_Angeles", "2026-03-07"), to: localMidnight("America/Los_Angeles", "2026-03-10") }, "day");
    expect(days.map((d) => new Date(d.at).toISOString())).toEqual(["2026-03-07T08:00:00.000Z", "2026-03-08T08:00:00.000Z", "2026-03-09T07:00:00.000Z"]);
  });
});

describe("reports breakdown", () => {
  it("conversations by department, none for no department", async () => {
    const r = await reportBreakdown(ctxA, { ...FEB, metric: "conversations", by: "department" });
    expect(r.rows).toEqual([
      { key: a.departments.transportation.id, label: "Transportation", value: 4, count: 4 },
      { key: "none", label: "None", value: 1, count: 1 }, // C5
      { key: a.departments.nutrition.id, label: "Nutrition Services", value: 1, count: 1 }, // C6
    ]);
  });

  it("first-response median by topic", async () => {
    const r = await reportBreakdown(ctxA, { ...FEB, metric: "firstResponseMedianHours", by: "topic" });
    expect(r.rows).toEqual([
      { key: a.topics.bus.id, label: "Bus concern", value: 28, count: 4 }, // 4, 28, 66 (C4 unanswered) → 28
      { key: a.topics.general.id, label: "General question", value: 0.5, count: 2 }, // C6 only
    ]);
  });

  it("within-standard share and cx score by department", async () => {
    const w = await reportBreakdown(ctxA, { ...FEB, metric: "withinStandardShare", by: "department" });
    // Transportation: decided C1–C4, within C1, C3; Nutrition: C6; none: C5 undecided
    expect(w.rows.map((r) => [r.label, r.value])).toEqual([["Transportation", 0.5], ["None", null], ["Nutrition Services", 1]]);
    const cx = await reportBreakdown(ctxA, { ...FEB, metric: "cxScore", by: "department" });
    expect(cx.rows.map((r) => [r.label, r.value, r.count])).toEqual([["Nutrition Services", 8.33, 1], ["Transportation", 8, 1]]);
  });

  it("by kind labels the value", async () => {
    const r = await reportBreakdown(ctxA, { ...FEB, metric: "conversations", by: "kind" });
    expect(r.rows.find((x) => x.key === "compliment")).toEqual({ key: "compliment", label: "Compliment", value: 2, count: 2 });
  });
});

describe("helpers", () => {
  it("lower median and change", () => {
    expect(lowerMedian([])).toBeNull();
    expect(lowerMedian([4, 1, 3, 2])).toBe(2);
    expect(lowerMedian([5, 1, 3])).toBe(3);
    expect(change(3, 0)).toBeNull();
    expect(change(null, 2)).toBeNull();
    expect(change(3, 2)).toBe(0.5);
  });
});


describe("backlog, satisfaction and alerts on the February data set", () => {
  it("backlog by wall-clock age at the snapshot", async () => {
    const r = await reportBacklog(ctxA, FEB);
    // at 1 Mar 08:00 UTC: C5 (30 min old) < 1 day; C2 (22 d), C3 (18.7 d), C4 (17.6 d) in 7–30 days
    expect(r.total).toBe(4);
    expect(r.buckets.map((b) => [b.key, b.count])).toEqual([["lt_1d", 1], ["1_3d", 0], ["3_7d", 0], ["7_30d", 3], ["gte_30d", 0]]);
    // scoped to Nutrition Services: C6 is resolved, nothing open
    expect((await reportBacklog(ctxA, { ...FEB, departmentId: a.departments.nutrition.id })).total).toBe(0);
  });

  it("rating distribution per dimension, means and response rate", async () => {
    const r = await reportSatisfaction(ctxA, FEB);
    const at = (score: number) => Array.from({ length: 10 }, (_, i) => (i + 1 === score ? 1 : 0));
    const sum = (x: number[], y: number[]) => x.map((v, i) => v + y[i]!);
    expect(r.distribution).toEqual({ accuracy: sum(at(8), at(9)), timeliness: sum(at(6), at(7)), courtesy: sum(at(10), at(9)) });
    expect(r).toMatchObject({ count: 2, cxScore: 8.17, ratings: { accuracy: 8.5, timeliness: 6.5, courtesy: 9.5 }, responseRate: 0.6667 });
  });

  it("alerts by category and severity, unacknowledged at the snapshot", async () => {
    const r = await reportAlerts(ctxA, FEB);
    expect(r).toMatchObject({ total: 3, unacknowledged: 1, timeToAcknowledgeMedianMinutes: 12, downgraded: 0, downgradeReasons: [] });
    expect(r.byCategory).toEqual([{ key: "safety", label: "safety", count: 3 }]);
    expect(r.bySeverity).toEqual([{ key: "critical", label: "Critical", count: 3 }]);
  });

  it("breakdown by requester role, language and category labels the groups", async () => {
    const role = await reportBreakdown(ctxA, { ...FEB, metric: "conversations", by: "requesterRole" });
    expect(role.rows).toEqual([{ key: "parent", label: "Parent or guardian", value: 6, count: 6 }]);
    const lang = await reportBreakdown(ctxA, { ...FEB, metric: "resolutionMedianHours", by: "language" });
    expect(lang.rows).toEqual([{ key: "en", label: "English", value: 24, count: 6 }]); // resolved C1 24 h, C6 26 h → 24
    const cat = await reportBreakdown(ctxA, { ...FEB, metric: "conversations", by: "category" });
    expect(cat.rows.reduce((n, r) => n + r.count, 0)).toBe(6);
    expect(cat.rows.every((r) => r.key === "none" || r.label !== r.key)).toBe(true);
  });

  it("resolution time series", async () => {
    const r = await reportTimeseries(ctxA, { ...FEB, metric: "resolutionMedianHours", interval: "week" });
    // weeks from Mon 26 Jan: C1 (2 Feb week) 24 h; C6 (9 Feb week) 26 h
    expect(r.points.map((p) => p.value)).toEqual([null, 24, 26, null, null]); // weeks of 26 Jan, 2, 9, 16, 23 Feb
  });
});

describe("trending, you asked we answered, breaches and downgrades (district C)", () => {
  let d: TestDistrict;
  let ctx: Ctx;
  const WEEK = { from: "2026-02-16", to: "2026-02-23" }; // Mon–Mon, local
  beforeAll(async () => {
    d = await buildDistrict(t, { prefix: "CUSD" });
    ctx = t.ctx(d.district.id);
    // bus: 8 in the week, 1 in each of the 8 weeks before (baseline 1) → trending, ratio 8
    for (let i = 0; i < 8; i++) await conv(d, { createdAt: Z(`2026-02-${String(16 + (i % 5)).padStart(2, "0")}T18:00:00Z`), status: "open" });
    for (let w = 1; w <= 8; w++) await conv(d, { createdAt: new Date(localMidnight("America/Los_Angeles", "2026-02-16").getTime() - w * 7 * 86_400_000 + 3_600_000), status: "open" });
    // general: 5 in the week and 5 in each of the 2 weeks before (baseline 10/8 = 1.25): 5 ≥ 1.25 + 3·√1.25 = 4.6 → trending, ratio 4
    for (let i = 0; i < 5; i++) await conv(d, { general: true, createdAt: Z("2026-02-17T18:00:00Z"), status: "open" });
    for (let i = 0; i < 10; i++) await conv(d, { general: true, createdAt: Z(i < 5 ? "2026-02-10T18:00:00Z" : "2026-02-03T18:00:00Z"), status: "open" });
    // safety: 4 in the week, none before: under the minimum of 5 → not trending
    for (let i = 0; i < 4; i++) await conv(d, { topicId: d.topics.safety.id, createdAt: Z("2026-02-18T18:00:00Z"), status: "open" });

    // resolved in the week (bus, created the week before so the counts above stand):
    //   R1 Mon 9 Feb 09:00 → Tue 17 Feb 09:00 local: 8 + 4 × 9 + 9 + 1 = 54 business h = 6 business days of 9 h; R2 Mon 16 Feb 09:00 → 13:30 = 0.5 day; R3 Wed 18 Feb 08:00 → Fri 20 Feb 17:00 = 3 days
    const r1 = await conv(d, { createdAt: Z("2026-02-09T17:00:00Z"), status: "resolved", resolvedAt: Z("2026-02-17T17:00:00Z"), firstResponseAt: Z("2026-02-09T18:00:00Z") });
    const r2 = await conv(d, { createdAt: Z("2026-02-16T17:00:00Z"), status: "resolved", resolvedAt: Z("2026-02-16T21:30:00Z") });
    const r3 = await conv(d, { createdAt: Z("2026-02-18T16:00:00Z"), status: "resolved", resolvedAt: Z("2026-02-21T01:00:00Z") });
    await rating(d, r1.id, "2026-02-17T17:00:00Z", { at: "2026-02-18T17:00:00Z", accuracy: 9, timeliness: 8, courtesy: 9 }); // mean 8.67: high
    await rating(d, r2.id, "2026-02-16T21:30:00Z", { at: "2026-02-19T17:00:00Z", accuracy: 8, timeliness: 7, courtesy: 8 }); // mean 7.67: not
    void r3;

    // breaches in the week: first response twice, resolution once; one the week after does not count
    const br = async (id: string, clock: string, at: string) =>
      t.database.db.insert(events).values({ districtId: d.district.id, conversationId: id, type: "sla.breached", actorKind: "system", data: { clock, dueAt: at }, createdAt: Z(at) });
    await br(r1.id, "first_response", "2026-02-16T18:00:00Z");
    await br(r2.id, "first_response", "2026-02-17T18:00:00Z");
    await br(r1.id, "resolution", "2026-02-17T10:00:00Z");
    await br(r1.id, "next_response", "2026-02-24T10:00:00Z");

    // alerts: one downgraded (twice the same reason, spelled differently), one acknowledged
    const al = async (status: "acknowledged" | "downgraded", reason: string | null) =>
      t.database.db.insert(alerts).values({
        districtId: d.district.id,
        conversationId: r2.id,
        category: "weapons",
        severity: "high",
        score: 1,
        status,
        downgradeReason: reason,
        createdAt: Z("2026-02-17T18:00:00Z"),
        acknowledgedAt: status === "acknowledged" ? Z("2026-02-17T18:05:00Z") : null,
      });
    await al("downgraded", "A video game ");
    await al("downgraded", "a video game");
    await al("acknowledged", null);
  });

  it("the spike test", () => {
    expect(isTrending(5, 0)).toBe(true); // 5 ≥ 0 + 3
    expect(isTrending(4, 0)).toBe(false); // under 5
    expect(isTrending(10, 4)).toBe(true); // 10 ≥ 4 + 6
    expect(isTrending(9, 4)).toBe(false);
  });

  it("trending topics against their own baseline, highest ratio first", async () => {
    const r = await reportTrending(ctx, WEEK);
    expect(r.rows).toEqual([
      // bus: 8 + R2 + R3 in the week; 8 + R1 before → baseline 9/8 = 1.125, ratio 10/1.125 = 8.89
      { topicId: d.topics.bus.id, label: "Bus concern", count: 10, baseline: 1.13, ratio: 8.89 },
      { topicId: d.topics.general.id, label: "General question", count: 5, baseline: 1.25, ratio: 4 },
    ]);
  });

  it("you asked, we answered: resolved per topic, median business days, share rated 8 or more", async () => {
    const r = await reportAnswered(ctx, WEEK);
    expect(r.rows).toEqual([{ topicId: d.topics.bus.id, label: "Bus concern", resolved: 3, resolutionMedianBusinessDays: 3, highRatingShare: 0.5, ratings: 2 }]);
  });

  it("breaches by clock in the period", async () => {
    const r = await reportBreaches(ctx, WEEK);
    expect(r.total).toBe(3);
    expect(r.byClock.map((c) => [c.key, c.count])).toEqual([["first_response", 2], ["next_response", 0], ["resolution", 1]]);
    expect((await reportBreaches(ctxA, WEEK)).total).toBe(0); // district A sees none of C's
  });

  it("downgrades and their reasons, grouped however they were typed", async () => {
    const r = await reportAlerts(ctx, WEEK);
    expect(r).toMatchObject({ total: 3, downgraded: 2, unacknowledged: 0, timeToAcknowledgeMedianMinutes: 5 });
    expect(r.byCategory).toEqual([{ key: "weapons", label: "Weapons", count: 3 }]);
    expect(r.downgradeReasons).toEqual([{ key: "a video game", label: "a video game", count: 2 }]);
  });
});
