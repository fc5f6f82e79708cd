import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contactIdentities } from "../../db/schema/index.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";
import type { Ctx } from "../shared/ctx.js";
import { findOrCreateContact, listIdentities, type ContactInput } from "./index.js";

let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "CNT" });
  other = await buildDistrict(t, { prefix: "OTH" });
});
afterAll(() => t.close());

const find = (input: ContactInput, district = d) =>
  t.tx(district.district.id, { kind: "system", reason: "test" }, (ctx: Ctx) => findOrCreateContact(ctx, input));
const identities = (contactId: string) =>
  t.tx(d.district.id, { kind: "system", reason: "test" }, (ctx: Ctx) => listIdentities(ctx, contactId));

describe("findOrCreateContact", () => {
  it("creates a first-time family with every identity it gave, and finds it again by either", async () => {
    const c = await find({ name: "Ana Ruiz", email: "Ana.Ruiz@Example.org", phone: "(555) 201-0001", language: "es" });
    expect(c).toMatchObject({ districtId: d.district.id, name: "Ana Ruiz", preferredLanguage: "es" });
    expect(c.createdAt).toBeInstanceOf(Date);
    expect((await identities(c.id)).map((i) => [i.kind, i.value]).sort()).toEqual([
      ["email", "ana.ruiz@example.org"],
      ["phone", "+15552010001"],
    ]);
    expect((await find({ email: "ana.ruiz@example.org", language: "es" })).id).toBe(c.id);
    expect((await find({ phone: "555-201-0001", language: "es" })).id).toBe(c.id);
  });

  it("updates a known family's name and language, and adds an identity it did not have", async () => {
    const c = await find({ name: "Bo", phone: "555-201-0002" });
    const again = await find({ name: "Bo Chen", email: "bo@example.org", phone: "555-201-0002", language: "es" });
    expect(again).toMatchObject({ id: c.id, name: "Bo Chen", preferredLanguage: "es" });
    expect((await identities(c.id)).map((i) => i.kind).sort()).toEqual(["email", "phone"]);
  });

  it("prefers the email's contact when the email and the phone belong to different people", async () => {
    const byEmail = await find({ email: "cy@example.org" });
    const byPhone = await find({ phone: "555-201-0003" });
    expect(byEmail.id).not.toBe(byPhone.id);
    expect((await find({ email: "cy@example.org", phone: "555-201-0003" })).id).toBe(byEmail.id);
  });

  it("creates a new contact each time for someone who gave neither email nor phone", async () => {
    const a = await find({ name: "Walk-in" });
    const b = await find({ name: "Walk-in" });
    expect(a.id).not.toBe(b.id);
    expect(await identities(a.id)).toEqual([]);
  });

  it("never matches another district's identity", async () => {
    const mine = await find({ email: "dee@example.org" });
    const theirs = await find({ email: "dee@example.org" }, other);
    expect(theirs.id).not.toBe(mine.id);
    expect(theirs.districtId).toBe(other.district.id);
    const rows = await t.database.db.select().from(contactIdentities).where(eq(contactIdentities.value, "dee@example.org"));
    expect(rows.map((r) => r.districtId).sort()).toEqual([d.district.id, other.district.id].sort());
  });
});
