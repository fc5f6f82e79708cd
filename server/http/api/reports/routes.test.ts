import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportBacklog, ReportBreakdown, ReportSatisfaction, ReportSummary, ReportTimeseries } from "../../../../common/contract/reports.js";
import { conversations, ratings } from "../../../db/schema/index.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../../test/test-app.js";

// Monday 2 March 2026 08:00 in Los Angeles (16:00 UTC).
let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let admin: TestStaff;
let sup: TestStaff;
let viewer: TestStaff;
let agent: TestStaff;
let recorder: TestStaff;
let otherAdmin: TestStaff;

const PROBLEM = "application/problem+json; charset=utf-8";
const get = (s: TestStaff, url: string) => t.app.inject({ method: "GET", url, headers: bearer(s) });

async function conv(d: TestDistrict, createdAt: string, firstResponseAt: string | null) {
  const { conversation } = await buildInquiry(t, d);
  await t.database.db
    .update(conversations)
    .set({ createdAt: new Date(createdAt), firstResponseAt: firstResponseAt ? new Date(firstResponseAt) : null, firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, slaBreached: [] })
    .where(eq(conversations.id, conversation.id));
  return conversation;
}

beforeAll(async () => {
  t = await testApp({ clock: fakeClock("2026-03-02T16:00:00Z") });
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  admin = await buildStaff(t, a.district.id, { role: "admin" });
  sup = await buildStaff(t, a.district.id, { role: "supervisor", departmentIds: [a.departments.transportation.id] });
  viewer = await buildStaff(t, a.district.id, { role: "viewer" });
  agent = await buildStaff(t, a.district.id, { role: "agent", departmentIds: [a.departments.transportation.id] });
  recorder = await buildStaff(t, a.district.id, { role: "recorder" });
  otherAdmin = await buildStaff(t, b.district.id, { role: "admin" });
  // A: Mon 23 Feb 09:00 local answered at 11:00 (2 h); Tue 24 Feb 09:00 answered Wed 09:00 (24 h); Sun 1 Mar 23:30 local (07:30 UTC 2 Mar).
  await conv(a, "2026-02-23T17:00:00Z", "2026-02-23T19:00:00Z");
  const second = await conv(a, "2026-02-24T17:00:00Z", "2026-02-25T17:00:00Z");
  await conv(a, "2026-03-02T07:30:00Z", null);
  await t.database.db.insert(ratings).values({
    districtId: a.district.id,
    conversationId: second.id,
    tokenHash: "route-test-rating",
    requestedAt: new Date("2026-02-25T18:00:00Z"),
    expiresAt: new Date("2026-04-01T00:00:00Z"),
    submittedAt: new Date("2026-02-26T18:00:00Z"),
    accuracy: 10,
    timeliness: 9,
    courtesy: 8,
  });
  // B: five conversations in the same week, none of which A may see
  for (let i = 0; i < 5; i++) await conv(b, "2026-02-25T17:00:00Z", null);
});
afterAll(() => t.close());

const WEEK = "from=2026-02-23&to=2026-03-02";

describe("GET /api/reports/summary", () => {
  it("gives the figures of the district only, with the previous week and the change", async () => {
    const res = await get(admin, `/api/reports/summary?${WEEK}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<ReportSummary>();
    // the 23:30 conversation of Sun 1 Mar local is in the week; B's five are not
    expect(s.conversations).toBe(3);
    expect(s.firstResponseMedianHours).toBe(2); // 2, 24 → lower median 2
    expect(s.firstResponseMedianBusinessHours).toBe(2); // 2; Tue 09:00 → Wed 09:00 = 8 business h → lower median 2
    expect(s.cxScore).toBe(9); // (10 + 9 + 8) / 3
    expect(s.ratings).toEqual({ accuracy: 10, timeliness: 9, courtesy: 8, count: 1 });
    expect(s.previous.conversations).toBe(0);
    expect(s.change.conversations).toBeNull(); // previous 0
    expect(Object.keys(s)).toEqual(
      expect.arrayContaining(["conversations", "withinStandardShare", "pastDue", "complimentShare", "criticalAlerts", "timeToAcknowledgeMedianMinutes", "reach", "repeatContacts", "previous", "change"]),
    );
    const other = (await get(otherAdmin, `/api/reports/summary?${WEEK}`)).json<ReportSummary>();
    expect(other.conversations).toBe(5);
    expect(other.cxScore).toBeNull();
  });

  it("supervisors and viewers read reports; agents and recorders get 403; no credentials 401", async () => {
    expect((await get(sup, `/api/reports/summary?${WEEK}`)).statusCode).toBe(200);
    expect((await get(viewer, `/api/reports/summary?${WEEK}`)).statusCode).toBe(200);
    for (const s of [agent, recorder]) {
      const res = await get(s, `/api/reports/summary?${WEEK}`);
      expect(res.statusCode).toBe(403);
      expect(res.headers["content-type"]).toBe(PROBLEM);
    }
    expect((await t.app.inject({ method: "GET", url: `/api/reports/summary?${WEEK}` })).statusCode).toBe(401);
  });

  it("defaults to the last 30 local days", async () => {
    const s = (await get(admin, "/api/reports/summary")).json<ReportSummary>();
    expect(s.period).toMatchObject({ from: "2026-02-01T08:00:00.000Z", to: "2026-03-03T08:00:00.000Z", snapshotAt: "2026-03-02T16:00:00.000Z" });
    expect(s.conversations).toBe(3);
  });

  it.each([
    ["from=2026-02-30&to=2026-03-02", "from"],
    ["from=yesterday&to=2026-03-02", "from"],
    ["from=2026-03-02&to=2026-02-01", "to"],
    ["from=2026-03-02&to=2026-03-02", "to"],
    ["from=2020-01-01&to=2026-01-02", "to"],
    ["from=2026-02-01", "to"],
    [`${WEEK}&departmentId=not-a-uuid`, "departmentId"],
    [`${WEEK}&channel=pigeon`, "channel"],
  ])("rejects %s with problem+json naming %s", async (qs, param) => {
    const res = await get(admin, `/api/reports/summary?${qs}`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers["content-type"]).toBe(PROBLEM);
    const body = res.json<{ code: string; invalidParams: { name: string }[] }>();
    expect(body.code).toBe("validation_failed");
    expect(body.invalidParams.map((p) => p.name)).toContain(`querystring.${param}`);
  });

  it("checks the order of mixed bounds in the district's zone", async () => {
    // 1 Mar local midnight is 08:00 UTC: 07:00 UTC is before it
    const res = await get(admin, "/api/reports/summary?from=2026-03-01&to=2026-03-01T07:00:00Z");
    expect(res.statusCode).toBe(400);
    expect(res.json<{ invalidParams: { name: string; reason: string }[] }>().invalidParams).toEqual([{ name: "to", reason: "before_from" }]);
  });
});

describe("GET /api/reports/timeseries and /breakdown", () => {
  it("daily points with empty days at 0", async () => {
    const res = await get(sup, `/api/reports/timeseries?${WEEK}&metric=conversations&interval=day`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<ReportTimeseries>();
    expect(s.points.map((p) => [p.start, p.value])).toEqual([
      ["2026-02-23", 1],
      ["2026-02-24", 1],
      ["2026-02-25", 0],
      ["2026-02-26", 0],
      ["2026-02-27", 0],
      ["2026-02-28", 0],
      ["2026-03-01", 1],
    ]);
    expect((await get(admin, `/api/reports/timeseries?${WEEK}&metric=wordCount`)).statusCode).toBe(400);
    expect((await get(agent, `/api/reports/timeseries?${WEEK}&metric=conversations`)).statusCode).toBe(403);
  });

  it("breakdown by department", async () => {
    const res = await get(viewer, `/api/reports/breakdown?${WEEK}&metric=conversations&by=department`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ReportBreakdown>().rows).toEqual([{ key: a.departments.transportation.id, label: "Transportation", value: 3, count: 3 }]);
    expect((await get(admin, `/api/reports/breakdown?${WEEK}&metric=conversations&by=colour`)).statusCode).toBe(400);
  });
});

describe("the other reports, staff performance and CSV", () => {
  const OTHERS = ["backlog", "breaches", "satisfaction", "alerts", "trending", "answered"] as const;

  it.each(OTHERS)("GET /api/reports/%s: 200 for leaders, 403 for agents and recorders, the district's own figures", async (name) => {
    for (const s of [admin, sup, viewer]) expect((await get(s, `/api/reports/${name}?${WEEK}`)).statusCode).toBe(200);
    for (const s of [agent, recorder]) {
      const res = await get(s, `/api/reports/${name}?${WEEK}`);
      expect(res.statusCode).toBe(403);
      expect(res.headers["content-type"]).toBe(PROBLEM);
    }
    expect((await get(admin, `/api/reports/${name}?from=2026-02-30&to=2026-03-02`)).statusCode).toBe(400);
  });

  it("backlog and satisfaction count the district's own conversations only", async () => {
    // A: the three of the week are all open at the snapshot (now: Mon 2 Mar 16:00 UTC)
    const backlog = (await get(admin, `/api/reports/backlog?${WEEK}`)).json<ReportBacklog>();
    expect(backlog.total).toBe(3); // the snapshot is `to` = 2 Mar 08:00 UTC: all three created before
    expect((await get(otherAdmin, `/api/reports/backlog?${WEEK}`)).json<ReportBacklog>().total).toBe(5);
    const sat = (await get(admin, `/api/reports/satisfaction?${WEEK}`)).json<ReportSatisfaction>();
    expect(sat.distribution.accuracy[9]).toBe(1);
    expect((await get(otherAdmin, `/api/reports/satisfaction?${WEEK}`)).json<ReportSatisfaction>().count).toBe(0);
  });

  it("staff performance (by assignee) for admins and supervisors only", async () => {
    expect((await get(admin, `/api/reports/breakdown?${WEEK}&metric=conversations&by=assignee`)).statusCode).toBe(200);
    expect((await get(sup, `/api/reports/breakdown?${WEEK}&metric=firstResponseMedianHours&by=assignee`)).statusCode).toBe(200);
    const res = await get(viewer, `/api/reports/breakdown?${WEEK}&metric=conversations&by=assignee`);
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toBe(PROBLEM);
    expect((await get(viewer, `/api/reports/breakdown?${WEEK}&metric=conversations&by=language`)).statusCode).toBe(200);
  });

  it("format=csv answers every report as a CSV attachment with a header row", async () => {
    const urls = [
      `/api/reports/summary?${WEEK}&format=csv`,
      `/api/reports/timeseries?${WEEK}&metric=conversations&format=csv`,
      `/api/reports/breakdown?${WEEK}&metric=conversations&by=department&format=csv`,
      ...OTHERS.map((n) => `/api/reports/${n}?${WEEK}&format=csv`),
    ];
    for (const url of urls) {
      const res = await get(viewer, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
      expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="front-office-[a-z-A-Z]+-\d{4}-\d{2}-\d{2}\.csv"$/);
      expect(res.body.endsWith("\r\n")).toBe(true);
    }
    const ts = (await get(viewer, `/api/reports/timeseries?${WEEK}&metric=conversations&format=csv`)).body.split("\r\n");
    expect(ts.slice(0, 3)).toEqual(["start,conversations", "2026-02-23,1", "2026-02-24,1"]);
    const dep = (await get(viewer, `/api/reports/breakdown?${WEEK}&metric=conversations&by=department&format=csv`)).body;
    expect(dep).toBe(`department,label,conversations,conversations\r\n${a.departments.transportation.id},Transportation,3,3\r\n`);
    const sum = (await get(viewer, `/api/reports/summary?${WEEK}&format=csv`)).body.split("\r\n");
    expect(sum[0]).toBe("figure,current,previous,change,period_from,period_to,previous_from,previous_to");
    expect(sum[1]).toMatch(/^conversations,3,0,,2026-02-23T08:00:00.000Z,/);
    expect((await get(viewer, `/api/reports/summary?${WEEK}&format=xml`)).statusCode).toBe(400);
  });
});
