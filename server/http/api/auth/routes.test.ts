import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../app.js";
import { staff } from "../../../db/schema/index.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let agent: TestStaff;
let otherDistrictAgent: TestStaff;

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD", name: "Riverside Unified" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  agent = await buildStaff(t, a.district.id, { departmentIds: [a.departments.transportation.id], name: "Dana Reyes", email: "dana@riverside.test" });
  otherDistrictAgent = await buildStaff(t, b.district.id, { email: "sam@other.test" });
});
afterAll(() => t.close());

type Signed = { cookie: string; csrfToken: string; setCookie: string };

async function login(slug: string, email: string, password: string): Promise<Signed> {
  const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { district: slug, email, password } });
  expect(res.statusCode).toBe(200);
  const setCookie = String(res.headers["set-cookie"]);
  return { cookie: setCookie.split(";")[0]!, csrfToken: res.json<{ csrfToken: string }>().csrfToken, setCookie };
}

describe("POST /api/auth/login", () => {
  it("signs a staff member in with a 14-day HttpOnly, SameSite=Lax session cookie", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { district: a.district.slug, email: "  DANA@riverside.test ", password: agent.password },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.staff).toEqual({
      id: agent.staff.id,
      name: "Dana Reyes",
      email: "dana@riverside.test",
      role: "agent",
      departmentIds: [a.departments.transportation.id],
    });
    expect(body.district).toEqual({ id: a.district.id, slug: a.district.slug, name: "Riverside Unified", referencePrefix: "RUSD", timeZone: "America/Los_Angeles" });
    expect(body.csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/^fo_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Path=/");
    expect(cookie).toContain("Max-Age=1209600");
    expect(cookie).not.toContain("Secure");
  });

  it("marks the cookie Secure when the app is served over https", async () => {
    const app = await buildApp({ ...t.deps, publicUrl: "https://frontoffice.example.org" });
    try {
      const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { district: a.district.slug, email: "dana@riverside.test", password: agent.password } });
      expect(res.statusCode).toBe(200);
      expect(String(res.headers["set-cookie"])).toContain("Secure");
    } finally {
      await app.close();
    }
  });

  it("answers the same 401 for a wrong password, an unknown email, an unknown district and another district's account", async () => {
    const attempts = [
      { district: a.district.slug, email: "dana@riverside.test", password: "wrong password" },
      { district: a.district.slug, email: "nobody@riverside.test", password: agent.password },
      { district: "no-such-district", email: "dana@riverside.test", password: agent.password },
      { district: a.district.slug, email: "sam@other.test", password: otherDistrictAgent.password },
    ];
    const answers = [];
    for (const payload of attempts) {
      const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload });
      expect(res.statusCode).toBe(401);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.headers["set-cookie"]).toBeUndefined();
      const { requestId: _id, ...problem } = res.json();
      answers.push(problem);
    }
    expect(answers[0]).toMatchObject({ code: "unauthenticated", status: 401 });
    for (const p of answers) expect(p).toEqual(answers[0]);
  });

  it("refuses a deactivated staff member", async () => {
    const gone = await buildStaff(t, a.district.id);
    await t.database.db.update(staff).set({ active: false }).where(eq(staff.id, gone.staff.id));
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { district: a.district.slug, email: gone.staff.email, password: gone.password } });
    expect(res.statusCode).toBe(401);
  });

  it("rejects a body without a password as a validation problem", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { district: a.district.slug, email: "dana@riverside.test" } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "validation_failed", invalidParams: [expect.objectContaining({ name: "body.password" })] });
  });
});

describe("cookie sessions", () => {
  it("authenticates GET requests with the session cookie", async () => {
    const s = await login(a.district.slug, "dana@riverside.test", agent.password);
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: s.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ staff: { id: agent.staff.id }, csrfToken: s.csrfToken, district: { id: a.district.id } });
    const list = await t.app.inject({ method: "GET", url: "/api/conversations", headers: { cookie: s.cookie } });
    expect(list.statusCode).toBe(200);
  });

  it("refuses a cookie-authenticated write without the CSRF token, and accepts it with the token", async () => {
    const s = await login(a.district.slug, "dana@riverside.test", agent.password);
    const { conversation } = await buildInquiry(t, a);
    const url = `/api/conversations/${conversation.id}/notes`;
    const without = await t.app.inject({ method: "POST", url, headers: { cookie: s.cookie }, payload: { body: "Called the depot" } });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: "forbidden" });
    const wrong = await t.app.inject({ method: "POST", url, headers: { cookie: s.cookie, "x-csrf-token": "not-the-token" }, payload: { body: "Called the depot" } });
    expect(wrong.statusCode).toBe(403);
    const withToken = await t.app.inject({ method: "POST", url, headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken }, payload: { body: "Called the depot" } });
    expect(withToken.statusCode).toBe(201);
  });

  it("needs no CSRF token for bearer API tokens", async () => {
    const { conversation } = await buildInquiry(t, a);
    const res = await t.app.inject({ method: "POST", url: `/api/conversations/${conversation.id}/notes`, headers: bearer(agent), payload: { body: "Logged a call" } });
    expect(res.statusCode).toBe(201);
  });

  it("ends the session on logout", async () => {
    const s = await login(a.district.slug, "dana@riverside.test", agent.password);
    const noCsrf = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie } });
    expect(noCsrf.statusCode).toBe(403);
    const out = await t.app.inject({ method: "POST", url: "/api/auth/logout", headers: { cookie: s.cookie, "x-csrf-token": s.csrfToken } });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers["set-cookie"])).toMatch(/^fo_session=;.*Max-Age=0/);
    const after = await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: s.cookie } });
    expect(after.statusCode).toBe(401);
  });

  it("expires a session after 14 days", async () => {
    const s = await login(a.district.slug, "dana@riverside.test", agent.password);
    t.clock.advance(15 * 86_400_000);
    try {
      const res = await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: s.cookie } });
      expect(res.statusCode).toBe(401);
    } finally {
      t.clock.advance(-15 * 86_400_000);
    }
  });
});

describe("GET /api/me", () => {
  it("describes the bearer token's staff member and district, without a CSRF token", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/me", headers: bearer(otherDistrictAgent) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ staff: { id: otherDistrictAgent.staff.id, role: "agent" }, csrfToken: null, district: { id: b.district.id, referencePrefix: "BUSD" } });
  });

  it("answers 401 problem+json without credentials, with an unknown token, or for a deactivated member", async () => {
    const none = await t.app.inject({ method: "GET", url: "/api/me" });
    expect(none.statusCode).toBe(401);
    expect(none.headers["content-type"]).toContain("application/problem+json");
    expect(none.json()).toMatchObject({ code: "unauthenticated", status: 401 });
    const forged = await t.app.inject({ method: "GET", url: "/api/me", headers: { authorization: `Bearer fo_${"x".repeat(43)}` } });
    expect(forged.statusCode).toBe(401);
    const junkCookie = await t.app.inject({ method: "GET", url: "/api/me", headers: { cookie: "fo_session=abc" } });
    expect(junkCookie.statusCode).toBe(401);
    const leaving = await buildStaff(t, a.district.id);
    await t.database.db.update(staff).set({ active: false }).where(eq(staff.id, leaving.staff.id));
    const inactive = await t.app.inject({ method: "GET", url: "/api/me", headers: bearer(leaving) });
    expect(inactive.statusCode).toBe(401);
  });
});
