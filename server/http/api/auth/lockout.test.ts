import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../app.js";
import { DEFAULT_SECURITY } from "../../../config/index.js";
import { loginKey, loginLockedFor, recordLoginFailure } from "../../../domain/limits/index.js";
import { buildDistrict, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../../test/test-app.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let dana: TestStaff;
let danaInB: TestStaff;
const clock = fakeClock("2026-03-02T16:00:00Z");

beforeAll(async () => {
  t = await testApp({ clock });
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  dana = await buildStaff(t, a.district.id, { email: "dana@riverside.test" });
  danaInB = await buildStaff(t, b.district.id, { email: "dana@riverside.test" });
});
afterAll(() => t.close());

const login = (email: string, password: string, district = a.district.slug, app = t.app) =>
  app.inject({ method: "POST", url: "/api/auth/login", payload: { district, email, password } });

/** The answer without what differs per request. */
async function shape(res: Awaited<ReturnType<typeof login>>) {
  const { requestId: _id, ...problem } = res.json<Record<string, unknown>>();
  return { status: res.statusCode, retryAfter: res.headers["retry-after"], problem };
}

describe("sign-in lockout", () => {
  it("locks a district + email for a minute after five failures, refusing even the right password, then doubles", async () => {
    for (let i = 0; i < 5; i++) expect((await login("dana@riverside.test", `wrong ${i}`)).statusCode).toBe(401);
    const locked = await login("Dana@Riverside.test ", dana.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.headers["content-type"]).toContain("application/problem+json");
    expect(locked.headers["retry-after"]).toBe("60");
    expect(locked.headers["set-cookie"]).toBeUndefined();
    expect(locked.json()).toMatchObject({ code: "rate_limited", status: 429 });
    // The same person in another district is another account.
    expect((await login("dana@riverside.test", danaInB.password, b.district.slug)).statusCode).toBe(200);

    clock.advance(30_000);
    expect((await login("dana@riverside.test", dana.password)).headers["retry-after"]).toBe("30");
    clock.advance(30_000);
    expect((await login("dana@riverside.test", "wrong again")).statusCode).toBe(401);
    const longer = await login("dana@riverside.test", dana.password);
    expect(longer.statusCode).toBe(429);
    expect(longer.headers["retry-after"]).toBe("120");
    clock.advance(120_000);
    expect((await login("dana@riverside.test", "wrong")).statusCode).toBe(401);
    expect((await login("dana@riverside.test", dana.password)).headers["retry-after"]).toBe("240");
  });

  it("forgets the failures after a successful sign-in", async () => {
    clock.advance(10 * 60_000);
    expect((await login("dana@riverside.test", dana.password)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login("dana@riverside.test", "wrong")).statusCode).toBe(401);
    expect((await login("dana@riverside.test", dana.password)).statusCode).toBe(200);
    expect((await login("dana@riverside.test", "wrong")).statusCode).toBe(401);
    expect((await login("dana@riverside.test", dana.password)).statusCode).toBe(200);
  });

  it("answers an email with no account exactly like a real one, failure by failure", async () => {
    const real = await buildStaff(t, a.district.id, { email: "real@riverside.test" });
    const answers = async (email: string) => {
      const out = [];
      for (let i = 0; i < 7; i++) out.push(await shape(await login(email, `wrong ${i}`)));
      return out;
    };
    const forReal = await answers(real.staff.email);
    const forNobody = await answers("nobody@riverside.test");
    expect(forReal.map((x) => x.status)).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect(forNobody).toEqual(forReal);
    // And an unknown district too.
    const slugless = [];
    for (let i = 0; i < 6; i++) slugless.push((await login("x@y.test", "wrong", "no-such-district")).statusCode);
    expect(slugless).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it("holds across app processes: the lock lives in the database", async () => {
    const other = await buildApp({ ...t.deps });
    try {
      const email = "shared@riverside.test";
      await buildStaff(t, a.district.id, { email });
      for (let i = 0; i < 5; i++) expect((await login(email, "wrong", a.district.slug, i % 2 ? other : t.app)).statusCode).toBe(401);
      expect((await login(email, "wrong", a.district.slug, other)).statusCode).toBe(429);
    } finally {
      await other.close();
    }
  });

  it("doubles up to the cap, and forgets failures older than a day", async () => {
    const key = loginKey("riverside", "cap@riverside.test");
    const policy = { ...DEFAULT_SECURITY.lockout, maxSeconds: 600 };
    const now = new Date("2026-04-01T08:00:00Z");
    for (let i = 0; i < 12; i++) await recordLoginFailure(t.database.db, key, now, policy);
    expect(await loginLockedFor(t.database.db, key, now)).toBe(600);
    const dayLater = new Date(now.getTime() + 86_400_000 + 1000);
    expect(await loginLockedFor(t.database.db, key, dayLater)).toBe(0);
    expect(await recordLoginFailure(t.database.db, key, dayLater, policy)).toBe(1);
    expect(await loginLockedFor(t.database.db, key, dayLater)).toBe(0);
  });
});
