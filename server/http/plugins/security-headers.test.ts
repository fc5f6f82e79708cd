import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.js";
import { DEFAULT_SECURITY } from "../../config/index.js";
import { buildDistrict, buildInquiry, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";
import { HSTS } from "./security-headers.js";

let t: TestApp;
let d: TestDistrict;
let statusPath: string;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "RUSD" });
  statusPath = new URL((await buildInquiry(t, d)).statusUrl).pathname;
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}, remoteAddress = "127.0.0.1") => t.app.inject({ method: "GET", url, headers, remoteAddress });

describe("HSTS", () => {
  it("is sent when a trusted proxy says the request came over https, on pages, the API and the staff app", async () => {
    for (const url of [`/d/${d.district.slug}`, "/api/me", "/app/", "/healthz"]) {
      const res = await get(url, { "x-forwarded-proto": "https" });
      expect(res.headers["strict-transport-security"], url).toBe(HSTS);
    }
    expect(HSTS).toMatch(/^max-age=31536000/);
  });

  it("is never sent over plain http", async () => {
    for (const url of [`/d/${d.district.slug}`, "/api/me", "/app/"]) expect((await get(url)).headers["strict-transport-security"], url).toBeUndefined();
  });

  it("ignores X-Forwarded-Proto from a peer that is not a trusted proxy", async () => {
    const res = await get(`/d/${d.district.slug}`, { "x-forwarded-proto": "https" }, "203.0.113.7");
    expect(res.headers["strict-transport-security"]).toBeUndefined();
  });

  it("ignores it from loopback too when TRUST_PROXY is off, and believes a configured proxy network", async () => {
    const closed = await buildApp({ ...t.deps, security: { ...DEFAULT_SECURITY, trustProxy: false } });
    const lb = await buildApp({ ...t.deps, security: { ...DEFAULT_SECURITY, trustProxy: "10.0.0.0/8" } });
    try {
      const viaLoopback = await closed.inject({ url: "/healthz", headers: { "x-forwarded-proto": "https" } });
      expect(viaLoopback.headers["strict-transport-security"]).toBeUndefined();
      const viaLb = await lb.inject({ url: "/healthz", headers: { "x-forwarded-proto": "https" }, remoteAddress: "10.1.2.3" });
      expect(viaLb.headers["strict-transport-security"]).toBe(HSTS);
      const direct = await lb.inject({ url: "/healthz", headers: { "x-forwarded-proto": "https" }, remoteAddress: "203.0.113.7" });
      expect(direct.headers["strict-transport-security"]).toBeUndefined();
    } finally {
      await closed.close();
      await lb.close();
    }
  });
});

describe("framing", () => {
  it("lets district sites frame the landing page and the topic forms (the embed), with a CSP without inline script", async () => {
    for (const url of [`/d/${d.district.slug}`, `/d/${d.district.slug}/topics/bus-concern`, `/d/${d.district.slug}/topics/bus-concern?embed=1&lang=es`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      const csp = String(res.headers["content-security-policy"]);
      expect(csp, url).toContain("frame-ancestors *");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).not.toContain("unsafe-inline");
      expect(res.headers["x-frame-options"], url).toBeUndefined();
    }
  });

  it("forbids framing the family's private pages, error pages and the staff app", async () => {
    const pages = [statusPath, `/d/${d.district.slug}/c/forged.token`, `/d/${d.district.slug}/rate/nope`, "/d/no-such-district/c/abc", "/app/", "/app/conversations/x"];
    for (const url of pages) {
      const res = await get(url);
      expect(String(res.headers["content-security-policy"]), url).toContain("frame-ancestors 'none'");
      expect(res.headers["x-frame-options"], url).toBe("DENY");
    }
  });

  it("gives the staff app its own CSP: scripts and styles only from itself, nothing inline, no framing", async () => {
    const res = await get("/app/");
    const csp = String(res.headers["content-security-policy"]);
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'"]) expect(csp).toContain(directive);
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
  });
});

describe("sniffing and referrers", () => {
  it("marks every response nosniff and sends no Referer from public pages, the API, assets and webhooks", async () => {
    const responses = [
      await get(`/d/${d.district.slug}`),
      await get(statusPath),
      await get("/api/me"),
      await get("/healthz"),
      await get("/embed.js?district=x%22%3E%3Cscript%3E"),
      await get("/assets/public.css"),
      await get("/nowhere"),
      await t.app.inject({ method: "POST", url: "/webhooks/email/raw", headers: { "content-type": "message/rfc822" }, payload: "x" }),
    ];
    for (const res of responses) {
      expect(res.headers["x-content-type-options"], res.raw.req.url).toBe("nosniff");
      expect(res.headers["referrer-policy"], res.raw.req.url).toBe("no-referrer");
    }
  });

  it("keeps the staff app's same-origin Referrer-Policy (its API calls need none, its links stay inside)", async () => {
    expect((await get("/app/")).headers["referrer-policy"]).toBe("same-origin");
  });
});
