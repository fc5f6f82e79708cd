import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { DEFAULT_SECURITY, loadConfig, type SecurityConfig } from "../../config/index.js";
import { conversations, loginFailures, messages, rateLimits } from "../../db/schema/index.js";
import { hitLimits, pruneLimits } from "../../domain/limits/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../test/test-app.js";

const SECURITY: SecurityConfig = {
  ...DEFAULT_SECURITY,
  limits: {
    publicIp: { max: 6, windowSeconds: 600 },
    form: { max: 3, windowSeconds: 600 },
    writeBack: { max: 2, windowSeconds: 600 },
    loginAccount: { max: 8, windowSeconds: 600 },
    loginIp: { max: 12, windowSeconds: 600 },
    webhookIp: { max: 2, windowSeconds: 60 },
  },
};

let t: TestApp;
let d: TestDistrict;
let agent: TestStaff;
const clock = fakeClock("2026-03-02T16:00:05Z");
let ipSeq = 0;
/** A fresh client address per test, so tests do not share counters. */
const nextIp = () => `198.51.100.${++ipSeq}`;

const form = (fields: Record<string, string>) => ({
  payload: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" },
});
const busFields = () => ({
  "fields.school": d.schools[0]!.id,
  "fields.bus_number": "7",
  "fields.road": "Elm & 5th",
  "fields.date": "2026-03-02",
  kind: "concern",
  requesterRole: "parent",
  message: "Bus 7 was late.",
  name: "Ana",
  email: "ana@example.com",
  language: "en",
});
const apiBody = () => ({ topic: "bus-concern", fields: { school: d.schools[0]!.id, bus_number: "7" }, message: "Bus 7 was late.", email: "ana@example.com" });
const conversationCount = async () => (await t.database.db.select({ n: count() }).from(conversations).where(eq(conversations.districtId, d.district.id)))[0]!.n;

beforeAll(async () => {
  t = await testApp({ clock, security: SECURITY });
  d = await buildDistrict(t, { prefix: "RUSD" });
  agent = await buildStaff(t, d.district.id, { email: "dana@riverside.test" });
});
afterAll(() => t.close());

describe("rate limits on the public forms", () => {
  it("refuses a fourth post of one form from one address with an HTML page in the page's language, 429 and Retry-After, storing nothing", async () => {
    const ip = nextIp();
    const url = `/d/${d.district.slug}/topics/bus-concern?lang=es`;
    for (let i = 0; i < 3; i++) {
      const ok = await t.app.inject({ method: "POST", url, remoteAddress: ip, ...form(busFields()) });
      expect(ok.statusCode).toBe(303);
    }
    const before = await conversationCount();
    const res = await t.app.inject({ method: "POST", url, remoteAddress: ip, ...form(busFields()) });
    expect(res.statusCode).toBe(429);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(Number(res.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(res.headers["retry-after"])).toBeLessThanOrEqual(600);
    expect(res.body).toContain('<html lang="es">');
    expect(res.body).toContain("<h1>Demasiados intentos</h1>");
    expect(res.body).toContain("Lo que escribió no se guardó");
    // Inside the embed dialog the refusal still shows.
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors *");
    expect(await conversationCount()).toBe(before);
    // Another family (address) may still post the same form.
    const other = await t.app.inject({ method: "POST", url, remoteAddress: nextIp(), ...form(busFields()) });
    expect(other.statusCode).toBe(303);
  });

  it("answers the JSON API's excess with 429 problem+json and Retry-After, and opens again when the window passes", async () => {
    const ip = nextIp();
    const url = `/api/public/${d.district.slug}/inquiries`;
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: "POST", url, remoteAddress: ip, payload: apiBody() })).statusCode).toBe(201);
    const res = await t.app.inject({ method: "POST", url, remoteAddress: ip, payload: apiBody() });
    expect(res.statusCode).toBe(429);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ code: "rate_limited", status: 429, title: "Too many requests" });
    const retryAfter = Number(res.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    clock.advance(retryAfter * 1000);
    expect((await t.app.inject({ method: "POST", url, remoteAddress: ip, payload: apiBody() })).statusCode).toBe(201);
  });

  it("counts the HTML form and the JSON API of one topic together, and every public write against the address", async () => {
    const ip = nextIp();
    const html = `/d/${d.district.slug}/topics/bus-concern?lang=en`;
    const api = `/api/public/${d.district.slug}/inquiries`;
    expect((await t.app.inject({ method: "POST", url: html, remoteAddress: ip, ...form(busFields()) })).statusCode).toBe(303);
    expect((await t.app.inject({ method: "POST", url: api, remoteAddress: ip, payload: apiBody() })).statusCode).toBe(201);
    expect((await t.app.inject({ method: "POST", url: api, remoteAddress: ip, payload: apiBody() })).statusCode).toBe(201);
    expect((await t.app.inject({ method: "POST", url: html, remoteAddress: ip, ...form(busFields()) })).statusCode).toBe(429);
    // Other topics are other forms, until the address's overall limit (6 writes) is reached.
    const general = `/d/${d.district.slug}/topics/general-question?lang=en`;
    expect((await t.app.inject({ method: "POST", url: general, remoteAddress: ip, ...form({ message: "When does school start?", email: "a@example.com" }) })).statusCode).toBe(303);
    expect((await t.app.inject({ method: "POST", url: general, remoteAddress: ip, ...form({ message: "And end?", email: "a@example.com" }) })).statusCode).toBe(303);
    expect((await t.app.inject({ method: "POST", url: general, remoteAddress: ip, ...form({ message: "Lunch?", email: "a@example.com" }) })).statusCode).toBe(429);
  });

  it("limits a private link's write-back per address, and counts ratings as public writes", async () => {
    const ip = nextIp();
    const created = await buildInquiry(t, d);
    const url = `${new URL(created.statusUrl).pathname}/messages?lang=en`;
    for (let i = 0; i < 2; i++) expect((await t.app.inject({ method: "POST", url, remoteAddress: ip, ...form({ message: `More ${i}` }) })).statusCode).toBe(303);
    const before = (await t.database.db.select({ n: count() }).from(messages).where(eq(messages.conversationId, created.conversation.id)))[0]!.n;
    const res = await t.app.inject({ method: "POST", url, remoteAddress: ip, ...form({ message: "Again" }) });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain("<h1>Too many attempts</h1>");
    expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    expect((await t.database.db.select({ n: count() }).from(messages).where(eq(messages.conversationId, created.conversation.id)))[0]!.n).toBe(before);

    const ratingIp = nextIp();
    for (let i = 0; i < 6; i++) await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/rate/nope${i}`, remoteAddress: ratingIp, ...form({ accuracy: "9" }) });
    const rating = await t.app.inject({ method: "POST", url: `/d/${d.district.slug}/rate/nope`, remoteAddress: ratingIp, ...form({ accuracy: "9" }) });
    expect(rating.statusCode).toBe(429);
  });

  it("keys on the connecting address: X-Forwarded-For from an untrusted peer changes nothing", async () => {
    const ip = nextIp();
    const url = `/api/public/${d.district.slug}/inquiries`;
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: "POST", url, remoteAddress: ip, headers: { "x-forwarded-for": `203.0.113.${i}` }, payload: apiBody() });
      expect(res.statusCode).toBe(201);
    }
    const spoofed = await t.app.inject({ method: "POST", url, remoteAddress: ip, headers: { "x-forwarded-for": "203.0.113.99" }, payload: apiBody() });
    expect(spoofed.statusCode).toBe(429);
    // A trusted proxy (loopback by default) names the client, so clients behind it are told apart.
    const viaProxy = await t.app.inject({ method: "POST", url, remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": ip }, payload: apiBody() });
    expect(viaProxy.statusCode).toBe(429);
    const otherClient = await t.app.inject({ method: "POST", url, remoteAddress: "127.0.0.1", headers: { "x-forwarded-for": nextIp() }, payload: apiBody() });
    expect(otherClient.statusCode).toBe(201);
  });

  it("shares the counters between app processes through the database", async () => {
    const second = await buildApp({ ...t.deps });
    try {
      const ip = nextIp();
      const url = `/api/public/${d.district.slug}/inquiries`;
      expect((await t.app.inject({ method: "POST", url, remoteAddress: ip, payload: apiBody() })).statusCode).toBe(201);
      expect((await second.inject({ method: "POST", url, remoteAddress: ip, payload: apiBody() })).statusCode).toBe(201);
      expect((await t.app.inject({ method: "POST", url, remoteAddress: ip, payload: apiBody() })).statusCode).toBe(201);
      expect((await second.inject({ method: "POST", url, remoteAddress: ip, payload: apiBody() })).statusCode).toBe(429);
    } finally {
      await second.close();
    }
  });

  it("stores no address or email, only hashes", async () => {
    const rows = await t.database.db.select().from(rateLimits);
    expect(rows.length).toBeGreaterThan(0);
    const text = JSON.stringify(rows);
    expect(text).not.toContain("198.51.100.");
    expect(text).not.toContain("bus-concern");
  });
});

describe("rate limits on webhooks and sign-in", () => {
  it("limits webhook deliveries per address (before the secret is even checked)", async () => {
    const ip = nextIp();
    const post = () =>
      t.app.inject({ method: "POST", url: "/webhooks/email/raw", remoteAddress: ip, headers: { "content-type": "message/rfc822", authorization: "Bearer whsec_nope" }, payload: "x" });
    expect((await post()).statusCode).toBe(401);
    expect((await post()).statusCode).toBe(401);
    const res = await post();
    expect(res.statusCode).toBe(429);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.headers["retry-after"]).toBeDefined();
  });

  it("limits sign-in attempts per address across accounts", async () => {
    const ip = nextIp();
    for (let i = 0; i < 12; i++) {
      const res = await t.app.inject({ method: "POST", url: "/api/auth/login", remoteAddress: ip, payload: { district: d.district.slug, email: `guess${i}@riverside.test`, password: "x" } });
      expect(res.statusCode).toBe(401);
    }
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", remoteAddress: ip, payload: { district: d.district.slug, email: "dana@riverside.test", password: agent.password } });
    expect(res.statusCode).toBe(429);
    expect(res.json()).toMatchObject({ code: "rate_limited" });
  });

  it("limits sign-in attempts per district and email across addresses", async () => {
    const email = "limited@riverside.test";
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) {
      // Spread over addresses and with the lockout far away: only the per-account limit can answer 429 here.
      await t.database.db.delete(loginFailures);
      const res = await t.app.inject({ method: "POST", url: "/api/auth/login", remoteAddress: nextIp(), payload: { district: d.district.slug, email: email.toUpperCase(), password: "x" } });
      statuses.push(res.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
  });
});

describe("the counters", () => {
  it("count several rules in one statement and answer the first one over its limit", async () => {
    const now = new Date("2026-03-02T16:00:30Z");
    const rules = [
      { scope: "*", bucket: "t-a", key: "k", max: 2, windowSeconds: 60 },
      { scope: "x", bucket: "t-b", key: "k", max: 1, windowSeconds: 60 },
    ];
    expect(await hitLimits(t.database.db, rules, now)).toEqual({ ok: true });
    expect(await hitLimits(t.database.db, rules, now)).toEqual({ ok: false, bucket: "t-b", retryAfterSeconds: 30 });
    expect(await hitLimits(t.database.db, [{ ...rules[0]!, max: 0 }], now)).toEqual({ ok: true });
  });

  it("count every concurrent request exactly once", async () => {
    const now = new Date("2026-03-02T16:00:30Z");
    const rule = { scope: "*", bucket: "t-race", key: "k", max: 10, windowSeconds: 60 };
    const verdicts = await Promise.all(Array.from({ length: 25 }, () => hitLimits(t.database.db, [rule], now)));
    expect(verdicts.filter((v) => v.ok)).toHaveLength(10);
  });

  it("are pruned once their window has passed", async () => {
    const later = new Date(clock.now().getTime() + 2 * 86_400_000);
    await pruneLimits(t.database.db, later);
    expect(await t.database.db.select().from(rateLimits)).toEqual([]);
  });
});

describe("configuration", () => {
  it("reads limits, the lockout and proxy trust from the environment", () => {
    const c = loadConfig({ RATE_LIMIT_FORM: "3/60", RATE_LIMIT_PUBLIC_IP: "0/60", LOGIN_LOCKOUT: "3/30/600", TRUST_PROXY: "2" });
    expect(c.security.limits.form).toEqual({ max: 3, windowSeconds: 60 });
    expect(c.security.limits.publicIp).toEqual({ max: 0, windowSeconds: 60 });
    expect(c.security.limits.loginIp).toEqual(DEFAULT_SECURITY.limits.loginIp);
    expect(c.security.lockout).toMatchObject({ threshold: 3, baseSeconds: 30, maxSeconds: 600 });
    expect(c.security.trustProxy).toBe(2);
    expect(loadConfig({}).security).toEqual(DEFAULT_SECURITY);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.0/8, 127.0.0.1" }).security.trustProxy).toBe("10.0.0.0/8, 127.0.0.1");
    expect(() => loadConfig({ RATE_LIMIT_FORM: "lots" })).toThrow(/RATE_LIMIT_FORM/);
  });
});
