import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

// The two jobs every submission leaves (its intake follow-up and its acknowledgement's delivery) run their
// statements prepared by name on PostgreSQL (db/prepared-statements.ts): planned once per connection, not once per
// job. Counted at pg's Client.query, as round-trips.pg.test.ts counts a submission's; pg-boss's own statements
// (its pool, its schema) are not the app's to name.

let t: TestApp;
let d: TestDistrict;
type Seen = { text: string; named: boolean };
const seen: Seen[] = [];
let counting = false;
const query = pg.Client.prototype.query;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const [config, values] = args as [string | { text?: string; name?: string; values?: unknown[] }, unknown];
    const params = Array.isArray(values) ? values : typeof config === "object" ? config.values : undefined;
    if (counting && params && params.length > 0) {
      const text = (typeof config === "string" ? config : (config.text ?? "")).replace(/\s+/g, " ");
      if (!/pgboss\./.test(text)) seen.push({ text: text.slice(0, 100), named: typeof config === "object" && Boolean(config.name) });
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
    payload: { topic: "bus-concern", fields: { school: d.schools[0]!.id, bus_number: "7" }, message: `Bus 7 never came this morning (${i}).`, name: "Luis Pérez", email: `family${i}@example.com`, language: "en" },
  });

describe("the jobs of a submission on PostgreSQL", () => {
  it("run every statement of the intake follow-up and the delivery prepared by name, clustering included", async () => {
    // three reports of one bus: the third opens an incident cluster (its insert, the members' update, their events)
    for (let i = 0; i < 3; i++) expect((await submit(i)).statusCode).toBe(201);
    counting = true;
    await t.drain();
    counting = false;
    const unnamed = seen.filter((s) => !s.named).map((s) => s.text);
    expect(unnamed, unnamed.join("\n")).toEqual([]);
    // the paths were taken: clustering's words and cluster, and the acknowledgements' deliveries
    expect(seen.some((s) => /incident_terms/.test(s.text))).toBe(true);
    expect(seen.some((s) => /insert into "incident_clusters"/.test(s.text))).toBe(true);
    expect(seen.some((s) => /update "outbound_emails"/.test(s.text))).toBe(true);
  });
});
