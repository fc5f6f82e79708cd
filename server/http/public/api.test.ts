import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { conversations } from "../../db/schema/index.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { TEST_PUBLIC_URL, testApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;

const url = () => `/api/public/${d.district.slug}/inquiries`;
const count = async () => (await t.database.db.select().from(conversations).where(eq(conversations.districtId, d.district.id))).length;

function busBody(over: Record<string, unknown> = {}) {
  return {
    topic: "bus-concern",
    fields: { school: d.schools[0]!.id, bus_number: "7" },
    message: "Bus 7 skipped our stop on Oak Street.",
    name: "Luis Pérez",
    email: "luis.perez@example.com",
    language: "es",
    requesterRole: "parent",
    ...over,
  };
}

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "RUSD" });
  other = await buildDistrict(t);
});
afterAll(() => t.close());

describe("POST /api/public/:district/inquiries (the JSON twin of the form)", () => {
  it("creates the inquiry and answers 201 with the reference and the private link", async () => {
    const res = await t.app.inject({ method: "POST", url: url(), payload: busBody() });
    expect(res.statusCode).toBe(201);
    const body = res.json() as { reference: string; statusUrl: string };
    expect(body.reference).toMatch(/^RUSD-\d+$/);
    expect(body.statusUrl).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/d/${d.district.slug}/c/[A-Za-z0-9_.-]+$`));
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.reference, body.reference));
    expect(conv).toMatchObject({ districtId: d.district.id, topicId: d.topics.bus.id, language: "es", kind: "concern", channel: "web_form" });
    const page = await t.app.inject({ url: new URL(body.statusUrl).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="es">');
    await t.drain();
    expect(t.mailer.sent.find((m) => m.to === "luis.perez@example.com")?.subject).toContain("Recibimos su mensaje");
  });

  it("answers problem+json naming each invalid field like the form does, and stores nothing", async () => {
    const before = await count();
    const res = await t.app.inject({
      method: "POST",
      url: url(),
      payload: busBody({ fields: { school: other.schools[0]!.id, bus_number: "" }, email: "nope", phone: "12" }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const problem = res.json() as { code: string; invalidParams: { name: string; reason: string }[] };
    expect(problem.code).toBe("validation_failed");
    expect(problem.invalidParams).toEqual(
      expect.arrayContaining([
        { name: "fields.school", reason: "invalid_school" },
        { name: "fields.bus_number", reason: "required" },
        { name: "email", reason: "invalid_email" },
        { name: "phone", reason: "invalid_phone" },
      ]),
    );
    expect(await count()).toBe(before);
  });

  it("needs a way to answer unless the topic takes anonymous tips", async () => {
    const res = await t.app.inject({ method: "POST", url: url(), payload: busBody({ email: undefined }) });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { invalidParams: unknown[] }).invalidParams).toEqual([{ name: "email", reason: "contact_required" }]);
    const notAllowed = await t.app.inject({ method: "POST", url: url(), payload: busBody({ anonymous: true }) });
    expect((notAllowed.json() as { invalidParams: unknown[] }).invalidParams).toEqual([{ name: "anonymous", reason: "not_allowed" }]);
    const tip = await t.app.inject({
      method: "POST",
      url: url(),
      payload: { topic: "safety-tip", message: "A fight is planned after school.", anonymous: true, email: "kept@example.com" },
    });
    expect(tip.statusCode).toBe(201);
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.reference, (tip.json() as { reference: string }).reference));
    expect(conv).toMatchObject({ isAnonymous: true, contactId: null });
  });

  it("names schema errors without a body prefix", async () => {
    const res = await t.app.inject({ method: "POST", url: url(), payload: { topic: "bus-concern", message: "", kind: "rant", fields: { bus_number: { x: 1 } } } });
    expect(res.statusCode).toBe(400);
    const names = (res.json() as { invalidParams: { name: string }[] }).invalidParams.map((p) => p.name);
    expect(names).toEqual(expect.arrayContaining(["message", "kind", "fields.bus_number"]));
  });

  it("answers an unknown topic or another district's topic with a 404 problem naming the topic", async () => {
    for (const topic of ["nope", "safety tip", "x".repeat(100)]) {
      const res = await t.app.inject({ method: "POST", url: url(), payload: busBody({ topic }) });
      expect(res.statusCode, topic).toBe(404);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ code: "not_found", invalidParams: [{ name: "topic", reason: "unknown" }] });
    }
    const foreign = await t.app.inject({ method: "POST", url: `/api/public/${other.district.slug}/inquiries`, payload: busBody() });
    // Same slug exists there, but the school belongs to this district: the other district never accepts it.
    expect(foreign.statusCode).toBe(400);
    const unknownDistrict = await t.app.inject({ method: "POST", url: "/api/public/nope/inquiries", payload: busBody() });
    expect(unknownDistrict.statusCode).toBe(404);
    expect(unknownDistrict.json()).toMatchObject({ code: "not_found" });
  });

  it("answers malformed JSON with a 400 problem, never a 500", async () => {
    const res = await t.app.inject({ method: "POST", url: url(), payload: "{not json", headers: { "content-type": "application/json" } });
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const array = await t.app.inject({ method: "POST", url: url(), payload: "[1,2]", headers: { "content-type": "application/json" } });
    expect(array.statusCode).toBe(400);
  });
});
