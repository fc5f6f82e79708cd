import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { conversations, messages, type ConversationRow } from "../../db/schema/index.js";
import { inDistrict } from "../../db/tenant.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";
import type { Actor } from "../shared/ctx.js";
import { CLUSTER_WINDOW_HOURS, clusterConversation, featuresOf, termsOf } from "./index.js";

const HOUR = 3_600_000;
const SYSTEM: Actor = { kind: "system", reason: "test" };
/** Matches itself on text alone (a shared number, the same words): no form answer needed. */
const OUTAGE = "The parent portal shows error 503 on the login page";
const UNRELATED = "Question about the lunch menu for next week";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let number = 5000;

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
});
afterAll(() => t.close());
// each test starts a window of its own: the reports of earlier tests are more than 12 hours old
beforeEach(() => t.clock.advance(2 * CLUSTER_WINDOW_HOURS * HOUR));

type Report = {
  district?: TestDistrict;
  /** the bus topic unless told; null: none (grouped by department) */
  topic?: "bus" | "general" | null;
  department?: "transportation" | "nutrition";
  hoursAgo?: number;
  status?: "new" | "open" | "pending" | "resolved";
  /** null: stored before its words were kept, or its own follow-up has not run yet */
  terms?: string[] | null;
  subject?: string;
  body?: string;
  fields?: Record<string, string>;
};

/** Stores reports as they are found in the database (one inbound message each), all at once. */
async function reports(list: Report[]): Promise<ConversationRow[]> {
  if (list.length === 0) return [];
  const rows = await t.database.db
    .insert(conversations)
    .values(
      list.map((r) => {
        const d = r.district ?? a;
        const at = new Date(t.clock.now().getTime() - (r.hoursAgo ?? 1) * HOUR);
        const n = number++;
        return {
          districtId: d.district.id,
          number: n,
          reference: `${d.district.referencePrefix}-${n}`,
          // an email's subject that shares nothing with the message: only the body can match
          subject: r.subject ?? "Help please",
          channel: "email",
          status: r.status ?? "new",
          fields: r.fields ?? {},
          topicId: r.topic === null ? null : d.topics[r.topic ?? "bus"].id,
          departmentId: d.departments[r.department ?? "transportation"].id,
          incidentTerms: r.terms === undefined ? null : r.terms,
          createdAt: at,
          updatedAt: at,
          lastMessageAt: at,
        };
      }),
    )
    .returning();
  await t.database.db.insert(messages).values(
    rows.map((c, i) => ({ districtId: c.districtId, conversationId: c.id, direction: "inbound", channel: "email", body: list[i]!.body ?? OUTAGE, createdAt: c.createdAt })),
  );
  return rows;
}

const report = async (r: Report = {}) => (await reports([r]))[0]!;

/** What the intake follow-up does for a new report, under row-level security as the job runs. */
function cluster(conv: ConversationRow, text = OUTAGE) {
  return inDistrict(t.database.db, conv.districtId, (tx) => clusterConversation(t.ctx(conv.districtId, SYSTEM, tx), conv, text));
}

async function clusterOf(ids: string[]): Promise<(string | null)[]> {
  const rows = await t.database.db.select({ id: conversations.id, clusterId: conversations.clusterId }).from(conversations).where(inArray(conversations.id, ids));
  return ids.map((id) => rows.find((r) => r.id === id)!.clusterId);
}

describe("incident candidates", () => {
  it("matches a report whose words are not stored yet by its first message, not its subject", async () => {
    const earlier = await reports([{ hoursAgo: 3 }, { hoursAgo: 2 }]);
    // a note written before it and the family's later message say something else: the first inbound message counts
    await t.database.db.insert(messages).values(
      earlier.flatMap((c) => [
        { districtId: c.districtId, conversationId: c.id, direction: "note", channel: "phone", body: UNRELATED, createdAt: new Date(c.createdAt.getTime() - HOUR / 60) },
        { districtId: c.districtId, conversationId: c.id, direction: "inbound", channel: "email", body: UNRELATED, createdAt: new Date(c.createdAt.getTime() + HOUR) },
      ]),
    );
    const conv = await report();
    const made = await cluster(conv);
    expect(made).toMatchObject({ key: "number:503", status: "open" });
    expect(await clusterOf([...earlier.map((c) => c.id), conv.id])).toEqual([made!.id, made!.id, made!.id]);
    // the new report's words are kept; the earlier reports' are left to their own follow-ups
    const stored = await t.database.db.select({ id: conversations.id, terms: conversations.incidentTerms }).from(conversations).where(inArray(conversations.id, [...earlier.map((c) => c.id), conv.id]));
    expect(stored.find((r) => r.id === conv.id)!.terms).toEqual(termsOf(featuresOf(OUTAGE)));
    expect(stored.filter((r) => r.id !== conv.id).map((r) => r.terms)).toEqual([null, null]);
  });

  it("matches a report whose words are not stored yet on its form answer and a shared word", async () => {
    const bus42 = { bus_number: "42" };
    const earlier = await reports([
      { hoursAgo: 2, fields: bus42, body: "The bus was late this morning" },
      { hoursAgo: 1, fields: { bus_number: "042" }, body: "Still waiting for the bus, very late" },
    ]);
    const conv = await report({ fields: bus42 });
    const made = await cluster(conv, "Late again");
    expect(made).toMatchObject({ key: "field:bus_number=42", title: "Bus concern: bus number 42" });
    expect(await clusterOf([...earlier.map((c) => c.id), conv.id])).toEqual([made!.id, made!.id, made!.id]);
  });

  it("falls back to the subject of a report without an inbound message, and compares stored words as they are", async () => {
    const [bare, kept] = await reports([{ hoursAgo: 2, subject: OUTAGE }, { hoursAgo: 1, subject: "Help please", body: UNRELATED, terms: termsOf(featuresOf(OUTAGE)) }]);
    await t.database.db.delete(messages).where(and(eq(messages.districtId, bare!.districtId), eq(messages.conversationId, bare!.id)));
    const conv = await report();
    const made = await cluster(conv);
    expect(made).not.toBeNull();
    expect(await clusterOf([bare!.id, kept!.id, conv.id])).toEqual([made!.id, made!.id, made!.id]);
  });

  it("never takes a report of another district, topic or scope, a resolved one, one past the window, or the report itself", async () => {
    const kept = termsOf(featuresOf(OUTAGE));
    const outside = await reports([
      { district: b, hoursAgo: 1 },
      { district: b, hoursAgo: 1, terms: kept },
      { topic: "general", hoursAgo: 1 },
      { topic: "general", hoursAgo: 1, terms: kept },
      // same department, no topic: grouped with the department's topic-less reports only
      { topic: null, hoursAgo: 1 },
      { status: "resolved", hoursAgo: 1 },
      { status: "resolved", hoursAgo: 1, terms: kept },
      { hoursAgo: CLUSTER_WINDOW_HOURS + 0.5 },
      { hoursAgo: CLUSTER_WINDOW_HOURS + 0.5, terms: kept },
    ]);
    const first = await report({ hoursAgo: 2, status: "open" });
    const conv = await report();
    // one earlier report of this topic: two are not an incident
    expect(await cluster(conv)).toBeNull();
    const second = await report({ hoursAgo: 0.5, status: "pending" });
    const made = await cluster(second);
    expect(made).not.toBeNull();
    expect(await clusterOf([first.id, conv.id, second.id])).toEqual([made!.id, made!.id, made!.id]);
    expect(await clusterOf(outside.map((c) => c.id))).toEqual(outside.map(() => null));
  });

  it("groups a report without a topic with its department's topic-less reports only", async () => {
    const outside = await reports([{ topic: null, department: "nutrition", hoursAgo: 1 }, { topic: "bus", hoursAgo: 1 }]);
    const inside = await reports([{ topic: null, hoursAgo: 2 }, { topic: null, hoursAgo: 1, terms: termsOf(featuresOf(OUTAGE)) }]);
    const conv = await report({ topic: null });
    const made = await cluster(conv);
    expect(made).toMatchObject({ topicId: null, departmentId: a.departments.transportation.id });
    expect(await clusterOf([...inside.map((c) => c.id), conv.id])).toEqual([made!.id, made!.id, made!.id]);
    expect(await clusterOf(outside.map((c) => c.id))).toEqual([null, null]);
  });

  it("compares with the 300 newest candidates only", async () => {
    const matching = await reports([{ hoursAgo: 3.1 }, { hoursAgo: 3, terms: termsOf(featuresOf(OUTAGE)) }]);
    const newer = await reports(Array.from({ length: 299 }, (_, i) => ({ hoursAgo: 2 - i / 1000, body: UNRELATED, terms: i % 2 ? null : termsOf(featuresOf(UNRELATED)) })));
    const conv = await report();
    // 301 candidates: the newer matching report is the 300th, the other the 301st; one match is not an incident
    expect(await cluster(conv)).toBeNull();
    // 300 candidates (two resolved since): both matching reports are in
    await t.database.db.update(conversations).set({ status: "resolved" }).where(inArray(conversations.id, [conv.id, newer[150]!.id]));
    const again = await report();
    const made = await cluster(again);
    expect(made).not.toBeNull();
    expect(await clusterOf([...matching.map((c) => c.id), again.id])).toEqual([made!.id, made!.id, made!.id]);
  });
});
