import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statementRecorder } from "../../test/statements.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

// A web-form submission's round trips to PostgreSQL (docs/ARCHITECTURE.md "A submission makes 9 SQL statements"):
// each is a wait on the database and a write of the serving thread's, and issue 6's ingest work took them from 44 to
// 9. Counted at pg's Client.query, which every statement of the app's pools goes through. A change that adds one
// changes this number and the architecture document with it. Then the two jobs a submission leaves (its intake
// follow-up and its acknowledgement's delivery): their statements are prepared by name (db/prepared-statements.ts),
// planned once per connection and not once per job; pg-boss's own (its pool, its schema) are not the app's to name.

let t: TestApp;
let d: TestDistrict;
let statements: ReturnType<typeof statementRecorder>;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
  statements = statementRecorder();
});
afterAll(async () => {
  statements.restore();
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
    const res = await statements.record(() => submit(1));
    expect(res.statusCode).toBe(201);
    const seen = statements.seen.map((s) => s.text.slice(0, 60));
    expect(seen, seen.join("\n")).toHaveLength(9);
    expect(seen.filter((s) => /outbound_emails/.test(s))).toEqual([]); // written by the conversation's INSERT
  });
});

describe("the jobs a submission leaves, on PostgreSQL", () => {
  it("run every statement of the intake follow-up and the delivery prepared by name, clustering included", async () => {
    // more reports of the same bus: with the two above, an incident cluster opens (its insert, the members' update)
    for (let i = 2; i < 5; i++) expect((await submit(i)).statusCode).toBe(201);
    const from = statements.seen.length;
    await statements.record(() => t.drain());
    const seen = statements.seen.slice(from).filter((s) => s.params > 0 && !/pgboss\./.test(s.text));
    const unnamed = seen.filter((s) => !s.named).map((s) => s.text.slice(0, 100));
    expect(unnamed, unnamed.join("\n")).toEqual([]);
    // the paths were taken: clustering's words and cluster, and the acknowledgements' deliveries
    expect(seen.some((s) => /incident_terms/.test(s.text))).toBe(true);
    expect(seen.some((s) => /insert into "incident_clusters"/.test(s.text))).toBe(true);
    expect(seen.some((s) => /update "outbound_emails"/.test(s.text))).toBe(true);
  });
});
