/** Regressions: bugs found while testing the issue-4 staff API, each fixed, each held here. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let admin: TestStaff;
let dana: TestStaff;
let bea: TestStaff;
let otherAdmin: TestStaff;
const as = (s: TestStaff) => ({ headers: bearer(s) });

beforeAll(async () => {
  // frozen clock: two requests can share an instant
  t = await testApp({ clock: fakeClock("2026-03-02T19:00:00Z") });
  a = await buildDistrict(t);
  b = await buildDistrict(t);
  admin = await buildStaff(t, a.district.id, { role: "admin", name: "Alex Admin" });
  dana = await buildStaff(t, a.district.id, { name: "Dana Reyes", departmentIds: [a.departments.transportation.id] });
  bea = await buildStaff(t, a.district.id, { name: "Bea Baker", departmentIds: [a.departments.transportation.id] });
  otherAdmin = await buildStaff(t, b.district.id, { role: "admin" });
});
afterAll(() => t.close());

describe("presence announced before anyone asked for it", () => {
  it("PUT viewing, then another person's GET shows them", async () => {
    const { conversation } = await buildInquiry(t, a);
    const put = await t.app.inject({ method: "PUT", url: `/api/conversations/${conversation.id}/presence`, ...as(dana), payload: { state: "viewing" } });
    expect(put.statusCode).toBe(204);
    const got = await t.app.inject({ method: "GET", url: `/api/conversations/${conversation.id}/presence`, ...as(bea) });
    expect(got.json<{ items: { staffId: string }[] }>().items.map((p) => p.staffId)).toEqual([dana.staff.id]);
  });
});

describe("clearing the routing threshold", () => {
  it("accepts null (the contract's 'use the fitted threshold')", async () => {
    const res = await t.app.inject({ method: "PATCH", url: "/api/settings/district", ...as(admin), payload: { routingThreshold: null } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ routingThreshold: number | null }>().routingThreshold).toBeNull();
  });
});

describe("routing rules never name another district's data", () => {
  it("refuses setDepartment with another district's department", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/routing/rules",
      ...as(otherAdmin),
      payload: { name: "Foreign", conditions: [{ type: "keywords", phrases: ["bus"], match: "any" }], actions: [{ type: "setDepartment", departmentId: a.departments.transportation.id }] },
    });
    expect(res.statusCode, res.body).toBe(400);
  });
  it("…and so B's conversation is filed under A's department", async () => {
    const { conversation } = await buildInquiry(t, b, { topic: b.topics.general, fields: {}, message: "bus question" });
    expect(conversation.departmentId).not.toBe(a.departments.transportation.id);
  });
  it("refuses assignPerson / addWatchers with another district's staff", async () => {
    for (const action of [{ type: "assignPerson", staffId: dana.staff.id }, { type: "addWatchers", staffIds: [dana.staff.id] }]) {
      const res = await t.app.inject({ method: "POST", url: "/api/routing/rules", ...as(otherAdmin), payload: { name: "Foreign", actions: [action] } });
      expect(res.statusCode, res.body).toBe(400);
    }
  });
});

describe("notification pages at one instant", () => {
  it("two mentions at one instant: page 2 must hold the second", async () => {
    const { conversation } = await buildInquiry(t, a);
    for (const body of ["@dana first", "@dana second"]) {
      const res = await t.app.inject({ method: "POST", url: `/api/conversations/${conversation.id}/notes`, ...as(admin), payload: { body } });
      expect(res.statusCode).toBe(201);
    }
    const all = (await t.app.inject({ method: "GET", url: "/api/notifications", ...as(dana) })).json<{ items: { id: string }[] }>();
    expect(all.items).toHaveLength(2);
    const p1 = (await t.app.inject({ method: "GET", url: "/api/notifications?limit=1", ...as(dana) })).json<{ items: { id: string }[]; nextCursor: string }>();
    const p2 = (await t.app.inject({ method: "GET", url: `/api/notifications?limit=1&before=${encodeURIComponent(p1.nextCursor)}`, ...as(dana) })).json<{ items: { id: string }[] }>();
    expect([...p1.items, ...p2.items].map((n) => n.id)).toEqual(all.items.map((n) => n.id));
  });
});
