import Fastify, { type FastifyInstance } from "fastify";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../test/test-app.js";
import { registerErrorHandler } from "./plugins/errors.js";
import { webApp } from "./web-app.js";

const INDEX = `<!doctype html><html lang="en"><head><script type="module" src="/app/assets/index-Ab12Cd34.js"></script></head><body><div id="root"></div></body></html>`;

async function serve(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  registerErrorHandler(app);
  await app.register(webApp, { root });
  await app.ready();
  return app;
}

describe("the staff app at /app/ once built", () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "fo-web-"));
    mkdirSync(path.join(dir, "assets"));
    writeFileSync(path.join(dir, "index.html"), INDEX);
    writeFileSync(path.join(dir, "assets", "index-Ab12Cd34.js"), "console.log('app');");
    writeFileSync(path.join(dir, "assets", ".secret"), "hidden");
    app = await serve(dir);
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("serves index.html uncached, with a CSP that forbids inline script and framing", async () => {
    const res = await app.inject({ method: "GET", url: "/app/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["cache-control"]).toBe("no-cache");
    expect(res.body).toBe(INDEX);
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["referrer-policy"]).toBe("same-origin");
  });

  it("answers any deeper /app/ path with index.html so client-side routes survive a reload", async () => {
    for (const url of ["/app/conversations/3f1c7e52-0000-4000-8000-000000000000", "/app/sign-in?district=springfield", "/app/?view=mine&status=open"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toBe(INDEX);
    }
  });

  it("serves hashed assets with a year-long immutable cache", async () => {
    const res = await app.inject({ method: "GET", url: "/app/assets/index-Ab12Cd34.js" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(res.headers["content-security-policy"]).toContain("script-src 'self'");
    expect(res.body).toBe("console.log('app');");
  });

  it("answers a missing asset with a 404 problem, not with the page", async () => {
    const res = await app.inject({ method: "GET", url: "/app/assets/index-Gone0000.js" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("never serves dotfiles or paths outside the build", async () => {
    const hidden = await app.inject({ method: "GET", url: "/app/assets/.secret" });
    expect(hidden.statusCode).toBe(404);
    const escape = await app.inject({ method: "GET", url: "/app/assets/..%2f..%2fpackage.json" });
    expect(escape.statusCode).not.toBe(200);
  });

  it("sends / and /app to /app/, keeping the query", async () => {
    const root = await app.inject({ method: "GET", url: "/" });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe("/app/");
    const bare = await app.inject({ method: "GET", url: "/app?district=springfield" });
    expect(bare.statusCode).toBe(302);
    expect(bare.headers.location).toBe("/app/?district=springfield");
  });
});

describe("the staff app before `npm run build`", () => {
  it("starts anyway and answers /app/ with a 503 page saying to run npm run build", async () => {
    const app = await serve(path.join(tmpdir(), "fo-web-never-built"));
    try {
      const res = await app.inject({ method: "GET", url: "/app/conversations/abc" });
      expect(res.statusCode).toBe(503);
      expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.body).toContain("npm run build");
      expect(res.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
    } finally {
      await app.close();
    }
  });
});

describe("the full application", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it("redirects the site root to the staff app and keeps the API's problem answers", async () => {
    const root = await t.app.inject({ method: "GET", url: "/" });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe("/app/");
    const me = await t.app.inject({ method: "GET", url: "/api/me" });
    expect(me.statusCode).toBe(401);
    expect(me.headers["content-type"]).toContain("application/problem+json");
    expect(me.headers["content-security-policy"]).toBeUndefined();
  });
});
