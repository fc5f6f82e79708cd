import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { DEFAULT_SECURITY } from "../../config/index.js";
import { conversations, idempotencyKeys, outboundEmails } from "../../db/schema/index.js";
import { deleteExpiredIdempotencyKeys, IDEMPOTENCY_TTL_MS } from "../../domain/idempotency/index.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";
import { FORM_TOKEN_FIELD } from "./idempotency.js";

let t: TestApp;

beforeAll(async () => {
  // Every repeat is a request the rate limits count; these tests repeat on purpose.
  const generous = { max: 10_000, windowSeconds: 600 };
  t = await testApp({ security: { ...DEFAULT_SECURITY, limits: { ...DEFAULT_SECURITY.limits, publicIp: generous, form: generous } } });
});
afterAll(() => t.close());

const countIn = async (d: TestDistrict) => (await t.database.db.select().from(conversations).where(eq(conversations.districtId, d.district.id))).length;
const keysIn = async (d: TestDistrict) => t.database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.districtId, d.district.id));

function busBody(d: TestDistrict, over: Record<string, unknown> = {}) {
  return {
    topic: "bus-concern",
    fields: { school: d.schools[0]!.id, bus_number: "7" },
    message: "Bus 7 skipped our stop on Oak Street.",
    name: "Luis Pérez",
    email: "luis.perez@example.com",
    ...over,
  };
}

function post(d: TestDistrict, body: unknown, key?: string) {
  return t.app.inject({ method: "POST", url: `/api/public/${d.district.slug}/inquiries`, payload: body as object, headers: key === undefined ? {} : { "idempotency-key": key } });
}

describe("the Idempotency-Key header of POST /api/public/:district/inquiries", () => {
  let d: TestDistrict;
  beforeAll(async () => {
    d = await buildDistrict(t);
  });

  it("stores the first request and its response; a repeat with the same body gets the same 201 and creates nothing", async () => {
    const first = await post(d, busBody(d), "order-2026-03-02-0001");
    expect(first.statusCode).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBe("false");
    const [row] = await keysIn(d);
    expect(row).toMatchObject({ key: "order-2026-03-02-0001", responseStatus: 201, responseBody: first.json() });

    // Key order and whitespace the schema trims do not make another request.
    const { message, ...rest } = busBody(d);
    const again = await post(d, { message: `  ${message}  `, ...rest }, "order-2026-03-02-0001");
    expect(again.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json()).toEqual(first.json());
    expect(await countIn(d)).toBe(1);
    await t.drain();
    const emails = await t.database.db.select().from(outboundEmails).where(eq(outboundEmails.districtId, d.district.id));
    expect(emails).toHaveLength(1);
  });

  it("answers 422 problem+json when the key comes back with a different body, and stores nothing", async () => {
    const before = await countIn(d);
    const res = await post(d, busBody(d, { message: "A different message entirely." }), "order-2026-03-02-0001");
    expect(res.statusCode).toBe(422);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 422, code: "idempotency_key_reused" });
    expect(await countIn(d)).toBe(before);
  });

  it("rejects a malformed key with a 400 problem naming the header, before storing anything", async () => {
    const before = await countIn(d);
    for (const key of ["", "x".repeat(256), "two words", "clé-é", "tab\tkey"]) {
      const res = await post(d, busBody(d), key);
      expect(res.statusCode, JSON.stringify(key)).toBe(400);
      expect(res.headers["content-type"]).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ code: "validation_failed", invalidParams: [{ name: "Idempotency-Key" }] });
    }
    expect((await post(d, busBody(d, { email: "edge@example.com" }), "~".repeat(255))).statusCode).toBe(201);
    expect(await countIn(d)).toBe(before + 1);
  });

  it("does not keep a key whose request failed validation", async () => {
    const res = await post(d, busBody(d, { email: "not-an-email" }), "failed-once");
    expect(res.statusCode).toBe(400);
    expect((await keysIn(d)).some((k) => k.key === "failed-once")).toBe(false);
    expect((await post(d, busBody(d), "failed-once")).statusCode).toBe(201);
  });

  it("stores one conversation when the same request races itself", async () => {
    const before = await countIn(d);
    const body = busBody(d, { message: "Racing duplicate: the bus never came." });
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(d, body, "race-1")));
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(new Set(answers.map((r) => r.json<{ reference: string }>().reference)).size).toBe(1);
    expect(answers.filter((r) => r.headers["idempotent-replayed"] === "false")).toHaveLength(1);
    expect(await countIn(d)).toBe(before + 1);
  });

  it("scopes keys to the district: the same key elsewhere is a new request", async () => {
    const other = await buildDistrict(t);
    const here = await post(d, busBody(d), "shared-key");
    const there = await post(other, busBody(other), "shared-key");
    expect([here.statusCode, there.statusCode]).toEqual([201, 201]);
    expect(there.json<{ reference: string }>().reference).not.toBe(here.json<{ reference: string }>().reference);
    expect(await countIn(other)).toBe(1);
  });

  it("forgets keys after 24 hours: the sweep deletes them, and an expired key not yet swept is taken over", async () => {
    const e = await buildDistrict(t);
    const first = await post(e, busBody(e), "day-old");
    await post(e, busBody(e, { message: "Another one." }), "swept");
    t.clock.advance(IDEMPOTENCY_TTL_MS + 60_000);
    try {
      const retaken = await post(e, busBody(e), "day-old");
      expect(retaken.statusCode).toBe(201);
      expect(retaken.headers["idempotent-replayed"]).toBe("false");
      expect(retaken.json<{ reference: string }>().reference).not.toBe(first.json<{ reference: string }>().reference);
      expect(await deleteExpiredIdempotencyKeys(t.database.db, t.clock.now())).toBeGreaterThanOrEqual(1);
      expect((await keysIn(e)).map((k) => k.key)).toEqual(["day-old"]);
      expect(await countIn(e)).toBe(3);
    } finally {
      t.clock.advance(-(IDEMPOTENCY_TTL_MS + 60_000));
    }
  });
});

describe("the topic form's hidden submission token", () => {
  let d: TestDistrict;
  beforeAll(async () => {
    d = await buildDistrict(t);
  });

  const formUrl = () => `/d/${d.district.slug}/topics/bus-concern?lang=en`;
  function fields(over: Record<string, string> = {}): Record<string, string> {
    return {
      "fields.school": d.schools[1]!.id,
      "fields.bus_number": "42",
      message: "The bus was 20 minutes late again this morning.",
      name: "Ana García",
      email: "ana.garcia@example.com",
      ...over,
    };
  }
  const submit = (values: Record<string, string>) =>
    t.app.inject({ method: "POST", url: formUrl(), payload: new URLSearchParams(values).toString(), headers: { "content-type": "application/x-www-form-urlencoded" } });
  async function renderedToken(): Promise<string> {
    const page = await t.app.inject({ url: formUrl() });
    expect(page.headers["cache-control"]).toBe("private, no-cache");
    const m = new RegExp(`<input type="hidden" name="${FORM_TOKEN_FIELD}" value="([A-Za-z0-9_-]+)">`).exec(page.body);
    expect(m).not.toBeNull();
    return m![1]!;
  }

  it("gives every render its own token", async () => {
    expect(await renderedToken()).not.toBe(await renderedToken());
  });

  it("stores a double-clicked post once and sends both clicks to the same confirmation", async () => {
    const before = await countIn(d);
    const token = await renderedToken();
    const [a, b] = await Promise.all([submit(fields({ [FORM_TOKEN_FIELD]: token })), submit(fields({ [FORM_TOKEN_FIELD]: token }))]);
    const resubmit = await submit(fields({ [FORM_TOKEN_FIELD]: token }));
    expect([a.statusCode, b.statusCode, resubmit.statusCode]).toEqual([303, 303, 303]);
    expect(b.headers.location).toBe(a.headers.location);
    expect(resubmit.headers.location).toBe(a.headers.location);
    expect(String(a.headers.location)).toContain("submitted=1");
    expect(await countIn(d)).toBe(before + 1);
    const confirmation = await t.app.inject({ url: String(resubmit.headers.location) });
    expect(confirmation.body).toContain("Thank you. We received your message.");
  });

  it("stores an edited post sent with the same token (Back, edit, send) as a new message", async () => {
    const before = await countIn(d);
    const token = await renderedToken();
    const first = await submit(fields({ [FORM_TOKEN_FIELD]: token }));
    const edited = await submit(fields({ [FORM_TOKEN_FIELD]: token, message: "Also: the driver did not stop at Elm." }));
    const editedAgain = await submit(fields({ [FORM_TOKEN_FIELD]: token, message: "Also: the driver did not stop at Elm." }));
    expect(edited.headers.location).not.toBe(first.headers.location);
    expect(editedAgain.headers.location).toBe(edited.headers.location);
    expect(await countIn(d)).toBe(before + 2);
  });

  it("keeps the token through a re-render with errors, so the corrected post is still protected", async () => {
    const token = await renderedToken();
    const bad = await submit(fields({ [FORM_TOKEN_FIELD]: token, email: "" }));
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(`name="${FORM_TOKEN_FIELD}" value="${token}"`);
    const before = await countIn(d);
    const ok = [await submit(fields({ [FORM_TOKEN_FIELD]: token })), await submit(fields({ [FORM_TOKEN_FIELD]: token }))];
    expect(ok[1]!.headers.location).toBe(ok[0]!.headers.location);
    expect(await countIn(d)).toBe(before + 1);
  });

  it("stores posts without a token (or with a forged one) as before, each time", async () => {
    const before = await countIn(d);
    await submit(fields());
    await submit(fields());
    await submit(fields({ [FORM_TOKEN_FIELD]: "<script>" }));
    expect(await countIn(d)).toBe(before + 3);
    const keys = await t.database.db
      .select()
      .from(idempotencyKeys)
      .where(and(eq(idempotencyKeys.districtId, d.district.id), eq(idempotencyKeys.key, "<script>")));
    expect(keys).toHaveLength(0);
  });
});
