import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FormDefinitionSchema, FormFieldTypeSchema, type FormDefinition } from "../../common/contract/forms.js";
import { validateFormFields } from "../../common/utils/form-validation.js";
import {
  categories,
  conversations,
  departments,
  districts,
  events,
  messages,
  ratings,
  schools,
  staff,
  topics,
  type ConversationRow,
  type EventRow,
  type MessageRow,
  type RatingRow,
  type TopicRow,
} from "../db/schema/index.js";
import { verifyPassword } from "../domain/staff/index.js";
import { EventCatalog, type EventType } from "../events/catalog.js";
import { testApp, type TestApp } from "../test/test-app.js";
import { localParts } from "./time.js";
import { alertCategories, alertResponders, routingModels, routingRules, slaPolicies } from "../db/schema/index.js";
import { DEMO_ADMIN_EMAIL, seedDemo, type SeedDemoResult } from "./index.js";

const NOW = new Date("2026-03-02T19:00:00Z"); // a Monday, 11:00 in Riverside
let t: TestApp;
let seeded: SeedDemoResult;
let convs: ConversationRow[];
let msgs: MessageRow[];
let evs: EventRow[];
let rates: RatingRow[];
let topicRows: TopicRow[];
let schoolIds: Set<string>;

beforeAll(async () => {
  t = await testApp();
  seeded = await seedDemo(t.database.db, { now: NOW });
  const db = t.database.db;
  const id = seeded.districtId;
  convs = await db.select().from(conversations).where(eq(conversations.districtId, id));
  msgs = await db.select().from(messages).where(eq(messages.districtId, id));
  evs = await db.select().from(events).where(eq(events.districtId, id)).orderBy(events.seq);
  rates = await db.select().from(ratings).where(eq(ratings.districtId, id));
  topicRows = await db.select().from(topics).where(eq(topics.districtId, id));
  schoolIds = new Set((await db.select().from(schools).where(eq(schools.districtId, id))).map((s) => s.id));
}, 300_000);
afterAll(() => t.close());

const byConversation = <T extends { conversationId: string | null }>(rows: T[]) => {
  const map = new Map<string, T[]>();
  for (const r of rows) map.set(r.conversationId!, [...(map.get(r.conversationId!) ?? []), r]);
  return map;
};

describe("the Riverside demo district", () => {
  it("has the organisation of a mid-sized district: 12 schools, 10 departments, 25 staff of every role", async () => {
    const db = t.database.db;
    const id = seeded.districtId;
    const [district] = await db.select().from(districts).where(eq(districts.id, id));
    expect(district).toMatchObject({
      slug: "riverside",
      name: "Riverside Unified School District",
      referencePrefix: "RUSD",
      timeZone: "America/Los_Angeles",
      replyDomain: "riverside.example",
      fromEmail: "letstalk@riverside.example",
      responseDays: 1,
    });
    expect(district!.languages).toEqual(["en", "es"]);
    const schoolRows = await db.select().from(schools).where(eq(schools.districtId, id));
    expect(schoolRows).toHaveLength(12);
    expect(new Set(schoolRows.map((s) => s.level))).toEqual(new Set(["elementary", "middle", "high"]));
    const deptNames = (await db.select().from(departments).where(eq(departments.districtId, id))).map((d) => d.name);
    expect(deptNames.sort()).toEqual(
      ["Athletics", "Communications", "Enrollment", "Human Resources", "Nutrition Services", "Safety & Security", "Special Education", "Superintendent's Office", "Technology", "Transportation"].sort(),
    );
    expect((await db.select().from(categories).where(eq(categories.districtId, id))).length).toBeGreaterThanOrEqual(8);
    expect(topicRows.length).toBeGreaterThanOrEqual(38);
    const people = await db.select().from(staff).where(eq(staff.districtId, id));
    expect(people).toHaveLength(25);
    expect(new Set(people.map((p) => p.role))).toEqual(new Set(["admin", "supervisor", "agent", "recorder", "viewer"]));
    expect(people.filter((p) => p.passwordHash !== null).map((p) => p.email)).toEqual([DEMO_ADMIN_EMAIL]);
  });

  it("lets the seeded admin sign in with the password generated at seeding, and nobody else", async () => {
    const db = t.database.db;
    const admin = await verifyPassword(db, seeded.districtId, DEMO_ADMIN_EMAIL, seeded.adminPassword);
    expect(admin?.role).toBe("admin");
    expect(seeded.adminPassword.length).toBeGreaterThanOrEqual(12);
    expect(await verifyPassword(db, seeded.districtId, DEMO_ADMIN_EMAIL, "not the password")).toBeUndefined();
    expect(await verifyPassword(db, seeded.districtId, "tanya.brooks@riverside.example", seeded.adminPassword)).toBeUndefined();
  });

  it("offers the required topics with real bilingual forms, using every field type", () => {
    const topic = (slug: string) => {
      const row = topicRows.find((x) => x.slug === slug);
      if (!row) throw new Error(`missing topic ${slug}`);
      return row;
    };
    const keys = (slug: string) => topic(slug).form.fields.map((f) => `${f.key}:${f.type}`);
    expect(keys("bus-stop-route")).toEqual(expect.arrayContaining(["school:school", "road:text", "bus_number:text"]));
    expect(topic("free-reduced-meals").name.en).toBe("Free and reduced meals");
    expect(keys("new-student-enrollment")).toEqual(expect.arrayContaining(["grade:choice", "start_date:date"]));
    expect(topic("iep-504").name.en).toBe("IEP or 504 question");
    expect(keys("chromebook-repair")).toContain("asset_tag:text");
    expect(topic("sports-eligibility").name.en).toBe("Sports eligibility");
    expect(topic("employment-verification").name.en).toBe("Employment verification");
    expect(topic("general-question").form.fields).toEqual([]);
    const tip = topic("safety-tip");
    expect(tip).toMatchObject({ isPrivate: true, allowAnonymous: true });
    const owners = new Map(convs.map((c) => [c.topicId, c.departmentId]));
    expect(owners.get(tip.id)).toBeDefined();

    const used = new Set<string>();
    for (const row of topicRows) {
      const form: FormDefinition = FormDefinitionSchema.parse(row.form);
      expect(row.name.es, row.slug).toBeTruthy();
      expect(row.description?.es, row.slug).toBeTruthy();
      for (const f of form.fields) {
        used.add(f.type);
        expect([f.label.es, f.help?.en, f.help?.es].every(Boolean), `${row.slug}.${f.key}`).toBe(true);
        for (const o of f.options ?? []) expect(o.label.es, `${row.slug}.${f.key}.${o.value}`).toBeTruthy();
      }
    }
    expect([...used].sort()).toEqual([...FormFieldTypeSchema.options].sort());
  });

  it("routes the anonymous tip line to Safety & Security", async () => {
    const [safety] = await t.database.db
      .select()
      .from(departments)
      .where(and(eq(departments.districtId, seeded.districtId), eq(departments.slug, "safety")));
    expect(topicRows.find((x) => x.slug === "safety-tip")!.departmentId).toBe(safety!.id);
    const tips = convs.filter((c) => c.topicId === topicRows.find((x) => x.slug === "safety-tip")!.id);
    expect(tips.some((c) => c.isAnonymous && c.contactId === null)).toBe(true);
  });

  it("holds about 2,000 conversations over the past year, in English and Spanish, of every kind, channel and status", () => {
    expect(convs).toHaveLength(2000);
    const share = (pred: (c: ConversationRow) => boolean) => convs.filter(pred).length / convs.length;
    expect(share((c) => c.language === "es")).toBeGreaterThan(0.2);
    expect(share((c) => c.language === "es")).toBeLessThan(0.3);
    expect(share((c) => c.channel === "web_form")).toBeGreaterThan(0.6);
    for (const channel of ["email", "phone"]) expect(share((c) => c.channel === channel)).toBeGreaterThan(0.05);
    for (const kind of ["question", "concern", "comment", "suggestion", "compliment"]) expect(share((c) => c.kind === kind)).toBeGreaterThan(0);
    for (const role of ["parent", "student", "staff", "community"]) expect(share((c) => c.requesterRole === role)).toBeGreaterThan(0);
    for (const p of ["critical", "high", "normal", "low"]) expect(share((c) => c.priority === p)).toBeGreaterThan(0);
    const yearAgo = NOW.getTime() - 366 * 86_400_000;
    expect(convs.every((c) => c.createdAt.getTime() > yearAgo && c.createdAt <= NOW)).toBe(true);
    const old = convs.filter((c) => NOW.getTime() - c.createdAt.getTime() > 30 * 86_400_000);
    expect(old.filter((c) => c.status === "resolved").length / old.length).toBeGreaterThan(0.95);
    const recent = convs.filter((c) => NOW.getTime() - c.createdAt.getTime() < 14 * 86_400_000);
    expect(new Set(recent.map((c) => c.status))).toEqual(new Set(["new", "open", "pending", "resolved"]));
  });

  it("numbers conversations in order and continues numbering after the last one", async () => {
    const sorted = [...convs].sort((a, b) => a.number - b.number);
    expect(sorted.map((c) => c.reference)).toEqual(sorted.map((c) => `RUSD-${c.number}`));
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.createdAt >= sorted[i - 1]!.createdAt).toBe(true);
    const [district] = await t.database.db.select().from(districts).where(eq(districts.id, seeded.districtId));
    expect(district!.nextNumber).toBeGreaterThan(sorted.at(-1)!.number);
  });

  it("stores answers that validate against each topic's form", () => {
    const forms = new Map(topicRows.map((x) => [x.id, x]));
    for (const c of convs) {
      const topic = forms.get(c.topicId!)!;
      const { values, errors } = validateFormFields(topic.form, c.fields, schoolIds);
      expect(errors, `${c.reference} (${topic.slug})`).toEqual([]);
      expect(values, c.reference).toEqual(c.fields);
      const schoolField = topic.form.fields.find((f) => f.type === "school");
      expect(c.schoolId, c.reference).toBe(schoolField ? ((c.fields[schoolField.key] as string | undefined) ?? null) : null);
    }
  });

  it("writes real messages in the family's language, with nothing left unfilled", () => {
    expect(msgs.length).toBeGreaterThan(convs.length * 2);
    expect(msgs.filter((m) => /\{[A-Za-z_]+\}/.test(m.body))).toEqual([]);
    const firstByConv = new Map<string, MessageRow>();
    for (const m of [...msgs].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) if (!firstByConv.has(m.conversationId)) firstByConv.set(m.conversationId, m);
    const es = convs.filter((c) => c.language === "es").map((c) => firstByConv.get(c.id)!.body);
    const en = convs.filter((c) => c.language === "en").map((c) => firstByConv.get(c.id)!.body);
    expect(es.filter((b) => /[áéíóúñ¿¡]/i.test(b)).length / es.length).toBeGreaterThan(0.9);
    expect(en.filter((b) => /\b(the|and|is)\b/.test(b)).length / en.length).toBeGreaterThan(0.9);
    expect(new Set(msgs.map((m) => m.direction))).toEqual(new Set(["inbound", "outbound", "note"]));
  });

  it("keeps every timeline consistent with the conversation it belongs to", () => {
    const evByConv = byConversation(evs);
    const msgByConv = byConversation(msgs);
    for (const c of convs) {
      const timeline = evByConv.get(c.id) ?? [];
      const thread = msgByConv.get(c.id) ?? [];
      expect(timeline[0]?.type, c.reference).toBe("conversation.created");
      expect(timeline[0]!.createdAt.getTime()).toBe(c.createdAt.getTime());
      let status = "new";
      for (const e of timeline) {
        expect(() => EventCatalog[e.type as EventType].parse(e.data), `${c.reference} ${e.type}`).not.toThrow();
        if (e.type === "conversation.status_changed") {
          expect(e.data.from, c.reference).toBe(status);
          status = e.data.to as string;
        }
        expect(e.createdAt <= NOW).toBe(true);
      }
      expect(status, c.reference).toBe(c.status);
      expect(c.resolvedAt !== null, c.reference).toBe(c.status === "resolved");
      expect(timeline.some((e) => e.type === "conversation.resolved"), c.reference).toBe(c.status === "resolved");
      expect(c.assigneeId !== null, c.reference).toBe(timeline.some((e) => e.type === "conversation.assigned"));
      const eventFor = { inbound: "message.received", outbound: "message.sent", note: "note.added" } as const;
      for (const m of thread) {
        expect(timeline.filter((e) => e.type === eventFor[m.direction as keyof typeof eventFor] && e.data.messageId === m.id), m.id).toHaveLength(1);
      }
      const outbound = thread.filter((m) => m.direction === "outbound").map((m) => m.createdAt.getTime());
      expect(c.firstResponseAt?.getTime() ?? null, c.reference).toBe(outbound.length ? Math.min(...outbound) : null);
      const visible = thread.filter((m) => m.direction !== "note").map((m) => m.createdAt.getTime());
      expect(c.lastMessageAt.getTime(), c.reference).toBe(Math.max(...visible));
    }
    for (let i = 1; i < evs.length; i++) expect(evs[i]!.createdAt >= evs[i - 1]!.createdAt).toBe(true);
  });

  it("has staff answer in business hours", () => {
    for (const m of msgs.filter((x) => x.direction === "outbound")) {
      const p = localParts(m.createdAt, "America/Los_Angeles");
      const minute = p.hour * 60 + p.minute;
      expect(p.weekday >= 1 && p.weekday <= 5 && minute >= 450 && minute <= 990, m.createdAt.toISOString()).toBe(true);
    }
  });

  it("has ratings from 1 to 10 for about 40% of resolved conversations, each with its event", () => {
    const resolved = convs.filter((c) => c.status === "resolved");
    const submitted = rates.filter((r) => r.submittedAt !== null);
    expect(submitted.length / resolved.length).toBeGreaterThan(0.33);
    expect(submitted.length / resolved.length).toBeLessThan(0.5);
    for (const r of submitted) {
      for (const score of [r.accuracy, r.timeliness, r.courtesy]) expect(score! >= 1 && score! <= 10).toBe(true);
      const e = evs.find((x) => x.type === "rating.submitted" && x.data.ratingId === r.id);
      expect(e?.data).toMatchObject({ accuracy: r.accuracy, timeliness: r.timeliness, courtesy: r.courtesy });
      expect(r.submittedAt! > r.requestedAt).toBe(true);
    }
    expect(submitted.filter((r) => r.comment).length).toBeGreaterThan(submitted.length * 0.4);
    const statusOf = new Map(convs.map((c) => [c.id, c]));
    for (const r of rates) expect(statusOf.get(r.conversationId)?.isAnonymous).toBe(false);
  });

  it("comes with routing, service standards and alert responders to explore, and learned routing trained on its history", async () => {
    const db = t.database.db;
    const id = seeded.districtId;
    expect((await db.select().from(routingRules).where(eq(routingRules.districtId, id))).map((r) => r.position)).toEqual([1, 2, 3, 4]);
    expect((await db.select().from(slaPolicies).where(eq(slaPolicies.districtId, id))).map((p) => p.priority).sort()).toEqual(["critical", "high"]);
    const cats = await db.select().from(alertCategories).where(eq(alertCategories.districtId, id));
    expect(cats.map((c) => c.key).sort()).toEqual(["abuse", "harassment", "legal", "media", "self_harm", "violence", "weapons"]);
    const responders = await db.select().from(alertResponders).where(eq(alertResponders.districtId, id));
    for (const c of cats) expect(responders.some((r) => r.categoryId === c.id), c.key).toBe(true);
    const [model] = await db.select().from(routingModels).where(eq(routingModels.districtId, id));
    expect(model!.examples).toBeGreaterThan(1000);
    const open = convs.filter((c) => c.status === "new" || c.status === "open");
    const fresh = await db.select().from(conversations).where(eq(conversations.districtId, id));
    for (const c of open) expect(fresh.find((f) => f.id === c.id)!.resolutionDueAt, c.reference).not.toBeNull();
  });

  it("refuses to seed a second time and changes nothing", async () => {
    await expect(seedDemo(t.database.db, { now: NOW })).rejects.toMatchObject({ code: "conflict" });
    const after = await t.database.db.select({ id: conversations.id }).from(conversations);
    expect(after).toHaveLength(convs.length);
  });
});
