import fs from "node:fs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../../test/test-app.js";
import { routeDeclarations } from "../plugins/auth.js";

const SNAPSHOT = new URL("./route-permissions.json", import.meta.url);

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe("route permissions", () => {
  // A diff in route-permissions.json is a permission change: review it, then regenerate with
  // UPDATE_ROUTE_PERMISSIONS=1 npx vitest run server/http/api/route-permissions.test.ts
  it("match the reviewed declarations in route-permissions.json", () => {
    const current = routeDeclarations(t.app as unknown as FastifyInstance);
    if (process.env.UPDATE_ROUTE_PERMISSIONS === "1") fs.writeFileSync(SNAPSHOT, `${JSON.stringify(current, null, 2)}\n`);
    const reviewed: unknown = JSON.parse(fs.readFileSync(SNAPSHOT, "utf8"));
    expect(current).toEqual(reviewed);
  });

  it("declare an audience on every /api route and an ability on every staff route", () => {
    for (const r of routeDeclarations(t.app as unknown as FastifyInstance).filter((x) => x.url.startsWith("/api/"))) {
      expect(r.audience, `${r.method} ${r.url}`).not.toBeNull();
      if (r.audience === "staff") expect(r.ability, `${r.method} ${r.url}`).not.toBeNull();
    }
  });
});
