import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

// A web-form submission's round trips to PostgreSQL (docs/ARCHITECTURE.md "A submission makes 9 SQL statements"):
// each is a wait on the database and a write of the serving thread's, and issue 6's ingest work took them from 44 to
// 9. Counted at pg's Client.query, which every statement of the app's pools goes through. A change that adds one
// changes this number and the architecture document with it.

let t: TestApp;
let d: TestDistrict;
const seen: string[] = [];
let counting = false;
const query = pg.Client.prototype.query;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    if (counting) {
      const c = args[0] as string | { text?: string };
      seen.push((typeof c === "string" ? c : (c.text ?? "")).replace(/\s+/g, " ").slice(0, 60));
    }
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
});
afterAll(async () => {
  pg.Client.prototype.query = query;
  await t.close();
});

const submit = (i: number) =>
  t.app.inject({
    method: "POST",
    url: `/api/public/${d.district.slug}/inquiries`,
    payload: { topic: "bus-concern", fields: { school: d.schools[0]!.id, bus_number: "7" }, message: `Bus 7 skipped our stop (${i}).`, name: "Luis Pérez", email: `family${i}@example.com`, language: "es" },
  });

describe("a web-form submission on PostgreSQL", () => {
  it("is 9 statements: rate limit, district, begin with the tenant, contact, number, routing, the conversation, its jobs, commit", async () => {
    expect((await submit(0)).statusCode).toBe(201); // the district's intake configuration is read once per process
    counting = true;
    const res = await submit(1);
    counting = false;
    expect(res.statusCode).toBe(201);
    expect(seen, seen.join("\n")).toHaveLength(9);
    expect(seen.filter((s) => /outbound_emails/.test(s))).toEqual([]); // written by the conversation's INSERT
  });
});
