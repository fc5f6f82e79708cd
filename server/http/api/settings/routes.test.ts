import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDetail } from "../../../../common/contract/conversations.js";
import type { Availability, DistrictSettings, SlaPolicy, WeeklyHoursBody } from "../../../../common/contract/operations.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../../test/test-app.js";

// Monday 2 March 2026, 19:00 UTC: 13:00 in Chicago (CST, UTC-6; DST starts on Sunday 8 March), 11:00 in Los Angeles.
const MONDAY_1PM_CHICAGO = "2026-03-02T19:00:00Z";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let admin: TestStaff;
let sup: TestStaff;
let dana: TestStaff; // agent, Transportation
let lee: TestStaff; // agent, Transportation
let otherAdmin: TestStaff; // district B
let otherAgent: TestStaff; // district B

const as = (s: TestStaff) => ({ headers: bearer(s) });
const PROBLEM = "application/problem+json; charset=utf-8";

const weekdays = (open: string, close: string): WeeklyHoursBody => ({
  mon: [[open, close]],
  tue: [[open, close]],
  wed: [[open, close]],
  thu: [[open, close]],
  fri: [[open, close]],
  sat: [],
  sun: [],
});

async function settings(s: TestStaff): Promise<DistrictSettings> {
  const res = await t.app.inject({ method: "GET", url: "/api/settings/district", ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<DistrictSettings>();
}

async function patchSettings(s: TestStaff, payload: Record<string, unknown>) {
  return t.app.inject({ method: "PATCH", url: "/api/settings/district", ...as(s), payload });
}

async function policies(s: TestStaff): Promise<SlaPolicy[]> {
  const res = await t.app.inject({ method: "GET", url: "/api/sla/policies", ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: SlaPolicy[] }>().items;
}

beforeAll(async () => {
  t = await testApp({ clock: fakeClock(MONDAY_1PM_CHICAGO) });
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  admin = await buildStaff(t, a.district.id, { role: "admin", name: "Alex Admin" });
  sup = await buildStaff(t, a.district.id, { role: "supervisor", name: "Sue Visor" });
  dana = await buildStaff(t, a.district.id, { name: "Dana Reyes", departmentIds: [a.departments.transportation.id] });
  lee = await buildStaff(t, a.district.id, { name: "Lee Park", departmentIds: [a.departments.transportation.id] });
  otherAdmin = await buildStaff(t, b.district.id, { role: "admin", name: "Bo Other" });
  otherAgent = await buildStaff(t, b.district.id, { name: "Cy Other" });
});
afterAll(() => t.close());

describe("district settings", () => {
  it("starts from the defaults: Los Angeles, Monday to Friday 8 to 5, no closures", async () => {
    const s = await settings(sup);
    expect(s).toMatchObject({ timeZone: "America/Los_Angeles", weeklyHours: weekdays("08:00", "17:00"), holidays: [], responseDays: 1, ownerStaffId: null });
  });

  it("changes the time zone and refuses one that does not exist", async () => {
    const ok = await patchSettings(admin, { timeZone: "America/Chicago" });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<DistrictSettings>().timeZone).toBe("America/Chicago");

    const mars = await patchSettings(admin, { timeZone: "Mars/Base" });
    expect(mars.statusCode).toBe(400);
    expect(mars.headers["content-type"]).toBe(PROBLEM);
    expect(mars.json()).toMatchObject({ code: "validation_failed", invalidParams: [{ name: "timeZone", reason: "invalid" }] });
    expect((await settings(admin)).timeZone).toBe("America/Chicago");
  });

  it("changes the weekly hours and explains overlapping or backwards intervals", async () => {
    const ok = await patchSettings(admin, { weeklyHours: weekdays("07:30", "16:00") });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<DistrictSettings>().weeklyHours).toEqual(weekdays("07:30", "16:00"));

    const overlap = await patchSettings(admin, {
      weeklyHours: {
        ...weekdays("07:30", "16:00"),
        mon: [
          ["08:00", "12:00"],
          ["11:00", "17:00"],
        ],
      },
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json()).toMatchObject({
      code: "validation_failed",
      detail: "mon: 08:00–12:00 overlaps 11:00–17:00.",
      invalidParams: [{ name: "weeklyHours", reason: "invalid" }],
    });

    const backwards = await patchSettings(admin, { weeklyHours: { ...weekdays("07:30", "16:00"), tue: [["16:00", "08:00"]] } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().detail).toBe("tue: 16:00–08:00 ends before it starts.");

    const closed = await patchSettings(admin, { weeklyHours: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] } });
    expect(closed.statusCode).toBe(400);
    expect(closed.json()).toMatchObject({ detail: "Open the district at least one day a week", invalidParams: [{ name: "weeklyHours" }] });

    const malformed = await patchSettings(admin, { weeklyHours: { ...weekdays("07:30", "16:00"), wed: [["7:30", "16:00"]] } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().invalidParams).toEqual([{ name: "body.weeklyHours.wed.0.0", reason: "Use HH:MM (24-hour)" }]);

    expect((await settings(admin)).weeklyHours).toEqual(weekdays("07:30", "16:00"));
  });

  it("stores closures sorted by their first day, and refuses one that ends before it starts", async () => {
    const ok = await patchSettings(admin, {
      holidays: [
        { start: "2026-12-21", end: "2027-01-01", name: "Winter break" },
        { start: "2026-03-03", end: "2026-03-03", name: "Staff development day" },
      ],
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const expected = [
      { start: "2026-03-03", end: "2026-03-03", name: "Staff development day" },
      { start: "2026-12-21", end: "2027-01-01", name: "Winter break" },
    ];
    expect(ok.json<DistrictSettings>().holidays).toEqual(expected);

    const backwards = await patchSettings(admin, { holidays: [{ start: "2026-04-10", end: "2026-04-06", name: "Spring break" }] });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().invalidParams).toEqual([{ name: "body.holidays.0.end", reason: "A closure ends on or after its first day" }]);
    const unnamed = await patchSettings(admin, { holidays: [{ start: "2026-04-06", end: "2026-04-10", name: " " }] });
    expect(unnamed.statusCode).toBe(400);

    expect(await settings(sup)).toMatchObject({ timeZone: "America/Chicago", weeklyHours: weekdays("07:30", "16:00"), holidays: expected });
  });

  it("sets the district owner among its own staff only, and refuses an empty change", async () => {
    const ok = await patchSettings(admin, { ownerStaffId: sup.staff.id, responseDays: 2 });
    expect(ok.json<DistrictSettings>()).toMatchObject({ ownerStaffId: sup.staff.id, responseDays: 2 });
    const foreign = await patchSettings(admin, { ownerStaffId: otherAdmin.staff.id });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().invalidParams).toEqual([{ name: "ownerStaffId", reason: "not_found" }]);
    expect((await patchSettings(admin, {})).statusCode).toBe(400);
    expect((await patchSettings(admin, { responseDays: 0 })).statusCode).toBe(400);
    const back = await patchSettings(admin, { ownerStaffId: null, responseDays: 1 });
    expect(back.json<DistrictSettings>()).toMatchObject({ ownerStaffId: null, responseDays: 1 });
  });

  it("lets supervisors read the settings but only admins change them", async () => {
    expect((await patchSettings(sup, { timeZone: "America/Denver" })).statusCode).toBe(403);
    expect((await patchSettings(dana, { timeZone: "America/Denver" })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/settings/district", ...as(dana) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/settings/district" })).statusCode).toBe(401);
    expect((await settings(admin)).timeZone).toBe("America/Chicago");
  });
});

describe("SLA policies", () => {
  let critical: SlaPolicy;

  it("creates a policy with its defaults, updates it, and deletes another (204)", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/sla/policies", ...as(admin), payload: { name: "Critical concerns", priority: "critical", firstResponseMinutes: 60 } });
    expect(res.statusCode, res.body).toBe(201);
    critical = res.json<SlaPolicy>();
    expect(critical).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Critical concerns",
      topicId: null,
      priority: "critical",
      firstResponseMinutes: 60,
      nextResponseMinutes: null,
      resolutionMinutes: null,
      warnAtPercent: 75,
      escalation: { notifySupervisors: true, raisePriority: false, reassignToStaffId: null },
      isDefault: false,
    });

    const put = await t.app.inject({
      method: "PUT",
      url: `/api/sla/policies/${critical.id}`,
      ...as(admin),
      payload: { name: "Critical concerns", priority: "critical", firstResponseMinutes: 240, warnAtPercent: 50, escalation: { notifySupervisors: true, raisePriority: false, reassignToStaffId: sup.staff.id } },
    });
    expect(put.statusCode, put.body).toBe(200);
    critical = put.json<SlaPolicy>();
    expect(critical).toMatchObject({ firstResponseMinutes: 240, warnAtPercent: 50, escalation: { reassignToStaffId: sup.staff.id } });

    const bus = await t.app.inject({
      method: "POST",
      url: "/api/sla/policies",
      ...as(admin),
      payload: { name: "Bus concerns", topicId: a.topics.bus.id, resolutionMinutes: 600 },
    });
    expect(bus.statusCode).toBe(201);
    const busPolicy = bus.json<SlaPolicy>();
    expect(busPolicy).toMatchObject({ topicId: a.topics.bus.id, priority: null, firstResponseMinutes: null, resolutionMinutes: 600 });
    expect((await policies(sup)).map((p) => p.id)).toEqual([critical.id, busPolicy.id]);

    const del = await t.app.inject({ method: "DELETE", url: `/api/sla/policies/${busPolicy.id}`, ...as(admin) });
    expect(del.statusCode).toBe(204);
    expect(await policies(admin)).toEqual([critical]);
    expect((await t.app.inject({ method: "DELETE", url: `/api/sla/policies/${busPolicy.id}`, ...as(admin) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "PUT", url: `/api/sla/policies/${busPolicy.id}`, ...as(admin), payload: { name: "x", firstResponseMinutes: 5 } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "DELETE", url: "/api/sla/policies/not-an-id", ...as(admin) })).statusCode).toBe(404);
  });

  it("keeps one district default at a time", async () => {
    const first = (await t.app.inject({ method: "POST", url: "/api/sla/policies", ...as(admin), payload: { name: "Default A", isDefault: true, resolutionMinutes: 3000 } })).json<SlaPolicy>();
    const second = (await t.app.inject({ method: "POST", url: "/api/sla/policies", ...as(admin), payload: { name: "Default B", isDefault: true, resolutionMinutes: 4000 } })).json<SlaPolicy>();
    const list = await policies(admin);
    expect(list.filter((p) => p.isDefault).map((p) => p.id)).toEqual([second.id]);
    for (const p of [first, second]) expect((await t.app.inject({ method: "DELETE", url: `/api/sla/policies/${p.id}`, ...as(admin) })).statusCode).toBe(204);
    expect(await policies(admin)).toEqual([critical]);
  });

  it("refuses a policy without any target, and references outside the district", async () => {
    const none = await t.app.inject({ method: "POST", url: "/api/sla/policies", ...as(admin), payload: { name: "Nothing", priority: "high" } });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: "validation_failed", invalidParams: [{ name: "body", reason: "Set at least one target" }] });
    const nulls = await t.app.inject({
      method: "POST",
      url: "/api/sla/policies",
      ...as(admin),
      payload: { name: "Nulls", firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null },
    });
    expect(nulls.statusCode).toBe(400);

    const foreignTopic = await t.app.inject({ method: "POST", url: "/api/sla/policies", ...as(admin), payload: { name: "B topic", topicId: b.topics.bus.id, firstResponseMinutes: 30 } });
    expect(foreignTopic.statusCode).toBe(400);
    expect(foreignTopic.json().invalidParams).toEqual([{ name: "topicId", reason: "not_found" }]);
    const foreignStaff = await t.app.inject({
      method: "POST",
      url: "/api/sla/policies",
      ...as(admin),
      payload: { name: "B staff", firstResponseMinutes: 30, escalation: { notifySupervisors: false, raisePriority: false, reassignToStaffId: otherAdmin.staff.id } },
    });
    expect(foreignStaff.statusCode).toBe(400);
    expect(foreignStaff.json().invalidParams).toEqual([{ name: "escalation.reassignToStaffId", reason: "not_found" }]);
    const putForeign = await t.app.inject({ method: "PUT", url: `/api/sla/policies/${critical.id}`, ...as(admin), payload: { name: "x", topicId: b.topics.bus.id, firstResponseMinutes: 30 } });
    expect(putForeign.statusCode).toBe(400);

    for (const payload of [{ firstResponseMinutes: 30 }, { name: "Zero", firstResponseMinutes: 0 }, { name: "Warn", firstResponseMinutes: 30, warnAtPercent: 100 }, { name: "P", priority: "urgent", firstResponseMinutes: 30 }]) {
      const res = await t.app.inject({ method: "POST", url: "/api/sla/policies", ...as(admin), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(await policies(admin)).toEqual([critical]);
  });

  it("lets supervisors read policies but only admins change them", async () => {
    const payload = { name: "Sup", firstResponseMinutes: 30 };
    expect((await t.app.inject({ method: "POST", url: "/api/sla/policies", ...as(sup), payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PUT", url: `/api/sla/policies/${critical.id}`, ...as(sup), payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "DELETE", url: `/api/sla/policies/${critical.id}`, ...as(sup) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/sla/policies", ...as(dana) })).statusCode).toBe(403);
    expect(await policies(sup)).toEqual([critical]);
  });

  it("gives a conversation opened after the policy its first-response due on the district calendar", async () => {
    // The calendar set above, restated so this test stands alone: Chicago, Mon–Fri 07:30–16:00, closed Tue 3 March.
    const cal = await patchSettings(admin, {
      timeZone: "America/Chicago",
      weeklyHours: weekdays("07:30", "16:00"),
      holidays: [{ start: "2026-03-03", end: "2026-03-03", name: "Staff development day" }],
      responseDays: 1,
    });
    expect(cal.statusCode).toBe(200);
    expect(t.clock.now().toISOString()).toBe("2026-03-02T19:00:00.000Z");

    // Self-harm makes it critical, so the critical policy applies: 240 business minutes from Monday 13:00 CST are
    // 180 on Monday (to 16:00), none on the closed Tuesday, 60 on Wednesday from 07:30: Wednesday 08:30 CST.
    const urgent = await buildInquiry(t, a, { email: "urgent@example.com", message: "My son keeps saying I want to kill myself after the bus ride." });
    const d = (await t.app.inject({ method: "GET", url: `/api/conversations/${urgent.conversation.id}`, ...as(admin) })).json<ConversationDetail>();
    expect(d.priority).toBe("critical");
    expect(d.sla.firstResponseDueAt).toBe("2026-03-04T14:30:00.000Z");
    // the policy sets no resolution or next-response target
    expect(d.sla.resolutionDueAt).toBeNull();
    expect(d.sla.nextResponseDueAt).toBeNull();

    // An ordinary conversation gets the built-in standard: one business day (510 minutes, the usual day) to answer:
    // 180 on Monday, 330 on Wednesday from 07:30: 13:00 CST; resolution in five business days (2,550 minutes):
    // Mon 180, Wed 510, Thu 510, Fri 510, Mon 9 March 510 (now CDT, UTC-5), then 330 on Tuesday: 13:00 CDT.
    const ordinary = await buildInquiry(t, a, { email: "ordinary@example.com", message: "The bus was ten minutes early." });
    const o = (await t.app.inject({ method: "GET", url: `/api/conversations/${ordinary.conversation.id}`, ...as(admin) })).json<ConversationDetail>();
    expect(o.priority).toBe("normal");
    expect(o.sla.firstResponseDueAt).toBe("2026-03-04T19:00:00.000Z");
    expect(o.sla.resolutionDueAt).toBe("2026-03-10T18:00:00.000Z");
  });
});

describe("availability", () => {
  it("lets anyone read and change their own notification email preference and capacity", async () => {
    const mine = await t.app.inject({ method: "GET", url: "/api/me/availability", ...as(dana) });
    expect(mine.statusCode).toBe(200);
    expect(mine.json<Availability>()).toEqual({
      staffId: dana.staff.id,
      name: "Dana Reyes",
      outOfOfficeFrom: null,
      outOfOfficeUntil: null,
      delegateStaffId: null,
      workingHours: null,
      capacity: null,
      notifyEmail: "instant",
      openLoad: 0,
    });
    const daily = await t.app.inject({ method: "PATCH", url: "/api/me/availability", ...as(dana), payload: { notifyEmail: "daily", capacity: 12 } });
    expect(daily.statusCode, daily.body).toBe(200);
    expect(daily.json<Availability>()).toMatchObject({ staffId: dana.staff.id, notifyEmail: "daily", capacity: 12 });
    expect((await t.app.inject({ method: "GET", url: "/api/me/availability", ...as(dana) })).json<Availability>()).toMatchObject({ notifyEmail: "daily", capacity: 12 });

    for (const payload of [{}, { notifyEmail: "weekly" }, { capacity: -1 }]) {
      expect((await t.app.inject({ method: "PATCH", url: "/api/me/availability", ...as(dana), payload })).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.app.inject({ method: "GET", url: "/api/me/availability" })).statusCode).toBe(401);
  });

  it("sets someone's out of office with a delegate, and refuses themselves as delegate or an end before the start", async () => {
    const url = `/api/staff/${dana.staff.id}/availability`;
    const res = await t.app.inject({
      method: "PATCH",
      url,
      ...as(admin),
      payload: { outOfOfficeFrom: "2026-03-09T00:00:00-06:00", outOfOfficeUntil: "2026-03-14T00:00:00-06:00", delegateStaffId: lee.staff.id },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Availability>()).toMatchObject({
      staffId: dana.staff.id,
      outOfOfficeFrom: "2026-03-09T06:00:00.000Z",
      outOfOfficeUntil: "2026-03-14T06:00:00.000Z",
      delegateStaffId: lee.staff.id,
      notifyEmail: "daily",
    });

    const self = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { delegateStaffId: dana.staff.id } });
    expect(self.statusCode).toBe(400);
    expect(self.json().invalidParams).toEqual([{ name: "delegateStaffId", reason: "invalid" }]);
    const mineSelf = await t.app.inject({ method: "PATCH", url: "/api/me/availability", ...as(dana), payload: { delegateStaffId: dana.staff.id } });
    expect(mineSelf.statusCode).toBe(400);

    const backwards = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { outOfOfficeFrom: "2026-03-20T00:00:00Z", outOfOfficeUntil: "2026-03-10T00:00:00Z" } });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().invalidParams).toEqual([{ name: "body.outOfOfficeUntil", reason: "Out of office ends after it starts" }]);
    // only the end given, before the start already stored
    const beforeStored = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { outOfOfficeUntil: "2026-03-01T00:00:00Z" } });
    expect(beforeStored.statusCode).toBe(400);
    expect(beforeStored.json().invalidParams).toEqual([{ name: "outOfOfficeUntil", reason: "invalid" }]);

    const foreignDelegate = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { delegateStaffId: otherAgent.staff.id } });
    expect(foreignDelegate.statusCode).toBe(400);
    expect(foreignDelegate.json().invalidParams).toEqual([{ name: "delegateStaffId", reason: "not_found" }]);

    // nothing refused was stored
    const list = (await t.app.inject({ method: "GET", url: "/api/staff/availability", ...as(sup) })).json<{ items: Availability[] }>().items;
    expect(list.find((x) => x.staffId === dana.staff.id)).toMatchObject({
      outOfOfficeFrom: "2026-03-09T06:00:00.000Z",
      outOfOfficeUntil: "2026-03-14T06:00:00.000Z",
      delegateStaffId: lee.staff.id,
    });
  });

  it("lists the district's people by name with their open load", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/staff/availability", ...as(sup) });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: Availability[] }>().items;
    expect(items.map((x) => x.name)).toEqual(["Alex Admin", "Dana Reyes", "Lee Park", "Sue Visor"]);
    // factory departments queue their work: nobody holds a conversation
    expect(items.map((x) => x.openLoad)).toEqual([0, 0, 0, 0]);
    expect((await t.app.inject({ method: "GET", url: "/api/staff/availability", ...as(dana) })).statusCode).toBe(403);
  });

  it("lets only admins change someone else's capacity or hours; a supervisor may set their out of office", async () => {
    const url = `/api/staff/${lee.staff.id}/availability`;
    const agentTry = await t.app.inject({ method: "PATCH", url, ...as(dana), payload: { capacity: 3 } });
    expect(agentTry.statusCode).toBe(403);
    expect(agentTry.json()).toMatchObject({ code: "forbidden" });
    expect((await t.app.inject({ method: "PATCH", url, ...as(dana), payload: { outOfOfficeFrom: "2026-03-05T00:00:00Z" } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PATCH", url, ...as(sup), payload: { capacity: 3 } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PATCH", url, ...as(sup), payload: { workingHours: weekdays("09:00", "15:00") } })).statusCode).toBe(403);

    const away = await t.app.inject({ method: "PATCH", url, ...as(sup), payload: { outOfOfficeFrom: "2026-03-05T00:00:00Z", outOfOfficeUntil: null } });
    expect(away.statusCode, away.body).toBe(200);
    expect(away.json<Availability>()).toMatchObject({ outOfOfficeFrom: "2026-03-05T00:00:00.000Z", outOfOfficeUntil: null, capacity: null });

    const capped = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { capacity: 3, workingHours: weekdays("09:00", "15:00") } });
    expect(capped.statusCode).toBe(200);
    expect(capped.json<Availability>()).toMatchObject({ capacity: 3, workingHours: weekdays("09:00", "15:00") });
    const overlap = await t.app.inject({
      method: "PATCH",
      url,
      ...as(admin),
      payload: {
        workingHours: {
          ...weekdays("09:00", "15:00"),
          fri: [
            ["09:00", "12:00"],
            ["10:00", "11:00"],
          ],
        },
      },
    });
    expect(overlap.statusCode).toBe(400);
    expect(overlap.json()).toMatchObject({ detail: "fri: 09:00–12:00 overlaps 10:00–11:00.", invalidParams: [{ name: "workingHours", reason: "invalid" }] });

    // a supervisor may still change their own through the staff route
    const own = await t.app.inject({ method: "PATCH", url: `/api/staff/${sup.staff.id}/availability`, ...as(sup), payload: { capacity: 20 } });
    expect(own.statusCode).toBe(200);
    expect(own.json<Availability>().capacity).toBe(20);
    expect((await t.app.inject({ method: "PATCH", url: "/api/staff/00000000-0000-4000-8000-000000000000/availability", ...as(admin), payload: { capacity: 1 } })).statusCode).toBe(404);
  });
});

describe("district isolation", () => {
  it("answers 404 to another district's policies and staff, and lists only the district's own", async () => {
    const [critical] = await policies(admin);
    const cases = [
      { method: "PUT", url: `/api/sla/policies/${critical!.id}`, payload: { name: "Hijacked", firstResponseMinutes: 1 } },
      { method: "DELETE", url: `/api/sla/policies/${critical!.id}` },
      { method: "PATCH", url: `/api/staff/${dana.staff.id}/availability`, payload: { outOfOfficeFrom: "2026-03-05T00:00:00Z" } },
      { method: "PATCH", url: `/api/staff/${lee.staff.id}/availability`, payload: { capacity: 0 } },
    ] as const;
    for (const c of cases) {
      const res = await t.app.inject({ ...c, ...as(otherAdmin) });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
      expect(res.body).not.toContain("Critical concerns");
    }
    expect(await policies(admin)).toEqual([critical]);
    expect(await policies(otherAdmin)).toEqual([]);

    const bPolicy = await t.app.inject({ method: "POST", url: "/api/sla/policies", ...as(otherAdmin), payload: { name: "B standard", firstResponseMinutes: 45, isDefault: true } });
    expect(bPolicy.statusCode).toBe(201);
    expect((await policies(otherAdmin)).map((p) => p.id)).toEqual([bPolicy.json<SlaPolicy>().id]);
    // B's default did not unset anything in A
    expect(await policies(admin)).toEqual([critical]);

    const people = (await t.app.inject({ method: "GET", url: "/api/staff/availability", ...as(otherAdmin) })).json<{ items: Availability[] }>().items;
    expect(people.map((p) => p.staffId)).toEqual([otherAdmin.staff.id, otherAgent.staff.id]);
    const danaNow = (await t.app.inject({ method: "GET", url: "/api/me/availability", ...as(dana) })).json<Availability>();
    expect(danaNow.outOfOfficeFrom).toBe("2026-03-09T06:00:00.000Z");
    const leeNow = (await t.app.inject({ method: "GET", url: "/api/me/availability", ...as(lee) })).json<Availability>();
    expect(leeNow.capacity).toBe(3);
  });

  it("shows and changes each district's own calendar", async () => {
    expect(await settings(otherAdmin)).toMatchObject({ timeZone: "America/Los_Angeles", weeklyHours: weekdays("08:00", "17:00"), holidays: [] });
    const res = await patchSettings(otherAdmin, { timeZone: "America/New_York" });
    expect(res.json<DistrictSettings>().timeZone).toBe("America/New_York");
    expect((await settings(admin)).timeZone).toBe("America/Chicago");
    const foreignOwner = await patchSettings(otherAdmin, { ownerStaffId: admin.staff.id });
    expect(foreignOwner.statusCode).toBe(400);
  });
});
