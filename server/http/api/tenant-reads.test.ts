import { sql } from "drizzle-orm";
import type { FastifyRequest } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, districts, staff } from "../../db/schema/index.js";
import { TENANT_ROLE } from "../../db/tenant.js";
import type { Ctx } from "../../domain/shared/ctx.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";
import { readCtx } from "../public/request.js";
import { staffContexts } from "./staff-context.js";

// Issue 6: row-level security confines the edge's reads too, not only its write transactions. A staff route's read
// context and a public page's run every statement as the tenant role with the district set, so a query that forgot
// its district filter still sees only the request's district.
let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let adminA: TestStaff;
let adminB: TestStaff;

const rowsOf = (r: unknown): Record<string, unknown>[] => (r as { rows?: Record<string, unknown>[] }).rows ?? (r as Record<string, unknown>[]);

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  adminA = await buildStaff(t, a.district.id, { role: "admin" });
  adminB = await buildStaff(t, b.district.id, { role: "admin" });
  await buildInquiry(t, a);
  await buildInquiry(t, b);
  await buildInquiry(t, b);
});
afterAll(() => t.close());

/** What a staff GET handler gets: the read context of a request the auth hook signed in as `s`. */
function staffReadCtx(s: TestStaff): Ctx {
  const req = { staffAuth: { districtId: s.staff.districtId, actor: s.actor, via: "bearer", session: null }, log: t.deps.log } as unknown as FastifyRequest;
  return staffContexts(t.deps).read(req);
}

/** A test-only query that omits every district filter, as a buggy query would. */
async function unfiltered(ctx: Ctx) {
  return {
    conversations: (await ctx.db.select({ districtId: conversations.districtId }).from(conversations)).map((r) => r.districtId),
    districts: (await ctx.db.select({ id: districts.id }).from(districts)).map((r) => r.id),
    staff: (await ctx.db.select({ districtId: staff.districtId }).from(staff)).map((r) => r.districtId),
  };
}

describe("reads on a district's behalf run as the tenant", () => {
  it("a staff route's read context runs as the tenant role with the staff's district set", async () => {
    const [who] = rowsOf(await staffReadCtx(adminA).db.execute(sql`select current_user as role, current_setting('app.district_id', true) as district`));
    expect(who).toEqual({ role: TENANT_ROLE, district: a.district.id });
  });

  it("a staff read that omits the district filter sees only the staff's district", async () => {
    expect(await unfiltered(staffReadCtx(adminA))).toEqual({ conversations: [a.district.id], districts: [a.district.id], staff: [a.district.id] });
    expect(await unfiltered(staffReadCtx(adminB))).toEqual({ conversations: [b.district.id, b.district.id], districts: [b.district.id], staff: [b.district.id] });
  });

  it("a staff read that names another district's rows finds nothing and changes nothing", async () => {
    const ctx = staffReadCtx(adminA);
    expect(await ctx.db.select().from(conversations).where(sql`district_id = ${b.district.id}`)).toEqual([]);
    expect(await ctx.db.update(conversations).set({ subject: "changed" }).where(sql`district_id = ${b.district.id}`).returning({ id: conversations.id })).toEqual([]);
    expect(rowsOf(await t.database.db.execute(sql`select count(*)::int as n from conversations where subject = 'changed'`))[0]!.n).toBe(0);
  });

  it("the same read with the tenant role but no district set sees nothing", async () => {
    const rows = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', ${TENANT_ROLE}, true)`);
      return tx.select({ districtId: conversations.districtId }).from(conversations);
    });
    expect(rows).toEqual([]);
  });

  it("a public page's read context sees only the page's district", async () => {
    const ctx = readCtx(t.deps, b.district, t.deps.log);
    expect(await unfiltered(ctx)).toEqual({ conversations: [b.district.id, b.district.id], districts: [b.district.id], staff: [b.district.id] });
  });

  it("the routes still answer through the tenant: sign-in, who am I, the inbox and a report", async () => {
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { district: a.district.slug, email: adminA.staff.email, password: adminA.password } });
    expect(login.statusCode).toBe(200);
    expect(login.json().district.id).toBe(a.district.id);
    const me = await t.app.inject({ method: "GET", url: "/api/me", headers: bearer(adminA) });
    expect(me.json().staff.id).toBe(adminA.staff.id);
    const inbox = await t.app.inject({ method: "GET", url: "/api/conversations?view=all", headers: bearer(adminB) });
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json().items).toHaveLength(2);
    const summary = await t.app.inject({ method: "GET", url: "/api/reports/summary", headers: bearer(adminB) });
    expect(summary.statusCode).toBe(200);
  });
});
