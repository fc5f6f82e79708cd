import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertCategories, alertResponders, conversationWatchers, conversations, departments, events, notifications, outboundEmails, routingModels, routingRules, staff } from "../../../db/schema/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../../test/test-app.js";
import { createRule, trainDistrictModel } from "../../routing/index.js";
import { ensureBuiltInCategories } from "../../alerts/index.js";
import { addContactMessage, addNote, assignConversation, changeStatus, getConversationDetail, listConversations, replyToConversation } from "../index.js";
import { openConversation } from "./open-conversation.js";

// Monday 2 March 2026, 08:00 in Los Angeles (PST, UTC-8): the district's default hours are Mon–Fri 08:00–17:00.
const MONDAY_8AM = "2026-03-02T16:00:00Z";
const HOUR = 3_600_000;
const sys = { kind: "system", reason: "test" } as const;

let t: TestApp;

beforeAll(async () => {
  t = await testApp({ clock: fakeClock(MONDAY_8AM) });
});
afterAll(() => t.close());

async function typesOf(conversationId: string): Promise<string[]> {
  const rows = await t.database.db.select({ type: events.type }).from(events).where(eq(events.conversationId, conversationId)).orderBy(asc(events.seq));
  return rows.map((r) => r.type);
}
async function notesFor(s: TestStaff) {
  return t.database.db.select().from(notifications).where(eq(notifications.staffId, s.staff.id)).orderBy(asc(notifications.createdAt));
}
async function row(id: string) {
  return (await t.database.db.select().from(conversations).where(eq(conversations.id, id)))[0]!;
}
async function sweep() {
  await t.jobs.enqueue(t.database.db, "sla-sweep", {});
  await t.drain();
}

describe("routing a new conversation", () => {
  let d: TestDistrict;
  let dana: TestStaff;
  let lee: TestStaff;
  let sam: TestStaff;
  let sup: TestStaff;

  beforeAll(async () => {
    t.clock.set(MONDAY_8AM);
    d = await buildDistrict(t, { assignment: "round_robin" });
    // member order is by name: Dana, Lee
    dana = await buildStaff(t, d.district.id, { name: "Dana Whitfield", departmentIds: [d.departments.transportation.id] });
    lee = await buildStaff(t, d.district.id, { name: "Lee Park", departmentIds: [d.departments.transportation.id] });
    sam = await buildStaff(t, d.district.id, { name: "Sam Ortiz", departmentIds: [d.departments.nutrition.id] });
    sup = await buildStaff(t, d.district.id, { role: "supervisor", name: "Sue Visor", departmentIds: [d.departments.transportation.id] });
  });

  it("goes to the topic's department and takes turns between its members, explaining why", async () => {
    const first = await buildInquiry(t, d);
    const second = await buildInquiry(t, d);
    const third = await buildInquiry(t, d);
    // the supervisor is a member too: round robin counts every eligible member in name order
    expect([first, second, third].map((x) => x.conversation.assigneeId)).toEqual([dana.staff.id, lee.staff.id, sup.staff.id]);
    const routed = await row(first.conversation.id);
    expect(routed.departmentId).toBe(d.departments.transportation.id);
    expect(routed.inTriage).toBe(false);
    expect(routed.routing!.summary).toBe("topic Bus concern → Transportation; assigned to Dana Whitfield by round robin");
    // written with the conversation, in this order (the conversation's INSERT carries its timeline)
    expect(await typesOf(first.conversation.id)).toEqual(["conversation.created", "message.received", "conversation.routed", "conversation.assigned"]);
    const [assignee] = await t.database.db.select().from(staff).where(eq(staff.id, dana.staff.id));
    expect(assignee!.lastAssignedAt).toEqual(new Date(MONDAY_8AM));
    await t.drain(); // the assignee hears in the intake-follow-up job, right after the acknowledgement
    expect((await notesFor(dana)).some((n) => n.type === "assigned" && n.conversationId === first.conversation.id)).toBe(true);
    const [dept] = await t.database.db.select().from(departments).where(eq(departments.id, d.departments.transportation.id));
    expect(dept!.roundRobinCursor).toBe(sup.staff.id);
  });

  it("never assigns someone away: out of office goes round, at capacity is skipped, nobody left means triage and a supervisor hears", async () => {
    await t.database.db.update(staff).set({ outOfOfficeFrom: new Date(Date.parse(MONDAY_8AM) - HOUR), outOfOfficeUntil: null }).where(eq(staff.id, dana.staff.id));
    await t.database.db.update(staff).set({ capacity: 0 }).where(eq(staff.id, sup.staff.id));
    const next = await buildInquiry(t, d);
    expect(next.conversation.assigneeId).toBe(lee.staff.id);
    const steps = (await row(next.conversation.id)).routing!.steps;
    expect(steps).toEqual(expect.arrayContaining([expect.objectContaining({ code: "skipped_staff", staffId: dana.staff.id, reason: "out_of_office" })]));

    await t.database.db.update(staff).set({ capacity: 1 }).where(eq(staff.id, lee.staff.id)); // Lee holds 2 open already
    const stuck = await buildInquiry(t, d);
    const r = await row(stuck.conversation.id);
    expect(r.assigneeId).toBeNull();
    expect(r.inTriage).toBe(true);
    expect(r.routing!.steps.at(-1)).toEqual({ code: "triage", reason: "nobody_available" });
    expect(await typesOf(stuck.conversation.id)).toContain("conversation.triaged");
    await t.drain(); // the supervisors hear in the intake-follow-up job
    expect((await notesFor(sup)).some((n) => n.type === "triage" && n.conversationId === stuck.conversation.id)).toBe(true);
    // an assignment by hand takes it out of triage
    await t.tx(d.district.id, sup.actor, (ctx) => assignConversation(ctx, stuck.conversation.id, { staffId: sam.staff.id }));
    expect((await row(stuck.conversation.id)).inTriage).toBe(false);
    await t.database.db.update(staff).set({ outOfOfficeFrom: null, capacity: null }).where(eq(staff.districtId, d.district.id));
  });

  it("adds a rule's watchers between routing's events and triage's, in the transaction that stores the conversation", async () => {
    const rule = await t.tx(d.district.id, sys, (ctx) =>
      createRule(ctx, {
        name: "Bus 9 is watched by Sam",
        enabled: true,
        conditions: [{ type: "field", key: "bus_number", op: "equals", value: "9" }],
        actions: [{ type: "addWatchers", staffIds: [sam.staff.id] }],
        stopProcessing: false,
      }),
    );
    const x = await buildInquiry(t, d, { fields: { school: d.schools[0]!.id, bus_number: "9" }, message: "Bus 9 skipped our stop." });
    expect(await typesOf(x.conversation.id)).toEqual(["conversation.created", "message.received", "conversation.routed", "conversation.assigned", "watcher.added"]);
    const watchers = await t.database.db.select().from(conversationWatchers).where(eq(conversationWatchers.conversationId, x.conversation.id));
    expect(watchers.map((w) => w.staffId)).toEqual([sam.staff.id]);
    await t.database.db.delete(routingRules).where(eq(routingRules.id, rule.id));
  });

  it("a delegate takes the work of a person a rule asks for while they are away", async () => {
    const rule = await t.tx(d.district.id, sys, (ctx) =>
      createRule(ctx, {
        name: "Bus 7 goes to Dana",
        enabled: true,
        conditions: [{ type: "field", key: "bus_number", op: "equals", value: "7" }],
        actions: [{ type: "assignPerson", staffId: dana.staff.id }, { type: "setPriority", priority: "high" }, { type: "addTags", tags: ["bus-7"] }],
        stopProcessing: false,
      }),
    );
    await t.database.db
      .update(staff)
      .set({ outOfOfficeFrom: new Date(Date.parse(MONDAY_8AM) - HOUR), outOfOfficeUntil: new Date(Date.parse(MONDAY_8AM) + 48 * HOUR), delegateStaffId: lee.staff.id })
      .where(eq(staff.id, dana.staff.id));
    const x = await buildInquiry(t, d, { fields: { school: d.schools[0]!.id, bus_number: "7" }, message: "Bus 7 left early." });
    const r = await row(x.conversation.id);
    expect(r.assigneeId).toBe(lee.staff.id);
    expect(r.priority).toBe("high");
    expect(r.tags).toEqual(["bus-7"]);
    expect(r.routing!.steps).toEqual(expect.arrayContaining([{ code: "assigned", staffId: lee.staff.id, by: "delegate", ruleId: rule.id, instead_of: dana.staff.id }]));
    expect(r.routing!.summary).toContain('rule 1 "Bus 7 goes to Dana"');
    await t.database.db.update(staff).set({ outOfOfficeFrom: null, outOfOfficeUntil: null }).where(eq(staff.id, dana.staff.id));
    await t.database.db.delete(routingRules).where(eq(routingRules.id, rule.id));
  });

  it("loads everyone who could take the work: an away member's delegate from another department, and open work of every open status", async () => {
    const d3 = await buildDistrict(t, { assignment: "least_load" });
    const [ana, ben] = [
      await buildStaff(t, d3.district.id, { name: "Ana Bell", departmentIds: [d3.departments.transportation.id] }),
      await buildStaff(t, d3.district.id, { name: "Ben Cruz", departmentIds: [d3.departments.transportation.id] }),
    ];
    const quinn = await buildStaff(t, d3.district.id, { name: "Quinn Day", departmentIds: [d3.departments.nutrition.id] });
    const rule = await t.tx(d3.district.id, sys, (ctx) =>
      createRule(ctx, {
        name: "Bus 7 goes to Ana",
        enabled: true,
        conditions: [{ type: "field", key: "bus_number", op: "equals", value: "7" }],
        actions: [{ type: "assignPerson", staffId: ana.staff.id }],
        stopProcessing: false,
      }),
    );
    await t.database.db.update(staff).set({ outOfOfficeFrom: new Date(Date.parse(MONDAY_8AM) - HOUR), delegateStaffId: quinn.staff.id }).where(eq(staff.id, ana.staff.id));
    const bus7 = await buildInquiry(t, d3, { fields: { school: d3.schools[0]!.id, bus_number: "7" }, message: "Bus 7 left early." });
    expect((await row(bus7.conversation.id)).routing!.steps).toEqual(expect.arrayContaining([{ code: "assigned", staffId: quinn.staff.id, by: "delegate", ruleId: rule.id, instead_of: ana.staff.id }]));
    await t.database.db.delete(routingRules).where(eq(routingRules.id, rule.id));

    // Ben holds one conversation someone has answered (open): at a capacity of one he is full
    const held = await buildInquiry(t, d3);
    expect(held.conversation.assigneeId).toBe(ben.staff.id); // Ana is away
    await t.database.db.update(conversations).set({ status: "open" }).where(eq(conversations.id, held.conversation.id));
    await t.database.db.update(staff).set({ outOfOfficeFrom: null, delegateStaffId: null }).where(eq(staff.id, ana.staff.id));
    await t.database.db.update(staff).set({ capacity: 1 }).where(eq(staff.id, ben.staff.id));
    const next = await buildInquiry(t, d3);
    expect(next.conversation.assigneeId).toBe(ana.staff.id);
    expect((await row(next.conversation.id)).routing!.steps).toEqual(expect.arrayContaining([{ code: "skipped_staff", staffId: ben.staff.id, reason: "at_capacity" }]));
  });

  it("learns from routed history: an email without a topic is routed above the threshold, triaged with suggestions below, and a reassignment is learned", async () => {
    const bus = ["The bus driver skipped our stop", "Bus was late again on route 12", "Which bus stop is closest to our house", "Bus pick-up time changed without notice", "The school bus never came this morning", "Can my son ride a different bus", "Bus driver was rude to the kids", "Our bus stop is unsafe, no sidewalk", "The afternoon bus drops off too late", "Bus route 9 schedule question", "Transportation for field trip bus", "Bus number 42 was overcrowded"];
    const food = ["The cafeteria lunch was cold", "Free lunch application question", "My child has a peanut allergy, lunch menu", "Breakfast program hours at school", "Lunch account balance is wrong", "Cafeteria ran out of food", "Vegetarian options in school lunch", "Milk was expired at lunch", "How do I pay for school meals", "Lunch line is too long, kids do not eat", "Gluten free meals in the cafeteria", "Snack prices at the cafeteria"];
    const general = d.topics.general;
    for (const [i, text] of [...bus, ...food].entries()) {
      const dept = i < bus.length ? d.departments.transportation.id : d.departments.nutrition.id;
      const made = await buildInquiry(t, d, { topic: general, fields: {}, message: text });
      await t.database.db.update(conversations).set({ departmentId: dept, inTriage: false }).where(eq(conversations.id, made.conversation.id));
    }
    const trained = await t.tx(d.district.id, sys, (ctx) => trainDistrictModel(ctx));
    expect(trained!.labels).toBeGreaterThanOrEqual(2);

    const open = (subject: string, body: string) =>
      t.tx(d.district.id, sys, (ctx) =>
        openConversation(ctx, { channel: "email", subject, language: "en", kind: "question", requesterRole: "parent", contactId: null, message: { body } }),
      );
    const { conversation: bused } = await open("bus stop", "The bus driver skipped our bus stop this morning, the bus was late");
    expect(bused.departmentId).toBe(d.departments.transportation.id);
    const step = bused.routing!.steps.find((s) => s.code === "classifier");
    expect(step).toMatchObject({ code: "classifier", departmentId: d.departments.transportation.id, label: `dept:${d.departments.transportation.id}` });

    const { conversation: unsure } = await open("Question", "What time does the board meeting start on Thursday?");
    expect(unsure.inTriage).toBe(true);
    expect(unsure.departmentId).toBeNull();
    const low = unsure.routing!.steps.find((s) => s.code === "classifier_low_confidence");
    expect(low && "suggestions" in low ? low.suggestions.length : 0).toBeGreaterThan(0);

    await t.drain(); // earlier reassignments' learning first
    const before = (await t.database.db.select().from(routingModels).where(eq(routingModels.districtId, d.district.id)))[0]!;
    await t.tx(d.district.id, sup.actor, (ctx) => assignConversation(ctx, bused.id, { departmentId: d.departments.nutrition.id }));
    await t.drain();
    const after = (await t.database.db.select().from(routingModels).where(eq(routingModels.districtId, d.district.id)))[0]!;
    expect(after.updatedAt.getTime()).toBeGreaterThanOrEqual(before.updatedAt.getTime());
    expect(after.examples).toBe(before.examples + 1);
    expect(after.model).not.toEqual(before.model);
  });
});

describe("critical alerts on every inbound message", () => {
  let d: TestDistrict;
  let counselor: TestStaff;

  beforeAll(async () => {
    t.clock.set(MONDAY_8AM);
    d = await buildDistrict(t);
    counselor = await buildStaff(t, d.district.id, { name: "Carmen Consejera", departmentIds: [d.departments.nutrition.id] });
    await t.tx(d.district.id, sys, (ctx) => ensureBuiltInCategories(ctx));
    const [cat] = await t.database.db.select().from(alertCategories).where(and(eq(alertCategories.districtId, d.district.id), eq(alertCategories.key, "self_harm")));
    await t.database.db.insert(alertResponders).values({ districtId: d.district.id, categoryId: cat!.id, staffId: counselor.staff.id });
  });

  it("raises one on a web form, makes the conversation critical, adds the responders and emails them at once", async () => {
    const made = await buildInquiry(t, d, { message: "The bus is fine but my son told me he wants to kill himself. Please help." });
    const r = await row(made.conversation.id);
    expect(r.priority).toBe("critical");
    expect(r.alertStatus).toBe("active");
    expect(await typesOf(r.id)).toEqual(expect.arrayContaining(["alert.raised", "watcher.added"]));
    const note = (await notesFor(counselor)).find((n) => n.conversationId === r.id);
    expect(note).toMatchObject({ type: "alert", data: expect.objectContaining({ category: "self_harm" }) });
    const mail = await t.database.db.select().from(outboundEmails).where(and(eq(outboundEmails.conversationId, r.id), eq(outboundEmails.toAddress, counselor.staff.email)));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toContain("[CRITICAL]");
    // never the family's words in an email to staff: the reference and a link into the app
    expect(mail[0]!.subject).toBe(`[CRITICAL] Critical alert (self harm) on ${r.reference}`);
    expect(mail[0]!.textBody).not.toContain("kill");
    // the responder sees the conversation although it belongs to Transportation
    const detail = await t.tx(d.district.id, counselor.actor, (ctx) => getConversationDetail(ctx, r.id));
    expect(detail.alerts).toEqual([expect.objectContaining({ category: "self_harm", severity: "critical", status: "active" })]);
    expect(detail.abilities.note).toBe(true);
  });

  it("checks a family's later message too, whatever the channel, without raising a category twice", async () => {
    const made = await buildInquiry(t, d, { message: "Bus 42 was late." });
    expect((await row(made.conversation.id)).alertStatus).toBeNull();
    await t.tx(d.district.id, sys, (ctx) => addContactMessage(ctx, made.conversation.id, { body: "Someone brought a gun to school today.", channel: "email" }));
    const r = await row(made.conversation.id);
    expect(r.priority).toBe("critical");
    const raised = (await typesOf(r.id)).filter((x) => x === "alert.raised");
    expect(raised.length).toBeGreaterThanOrEqual(1);
    await t.tx(d.district.id, sys, (ctx) => addContactMessage(ctx, made.conversation.id, { body: "He said the gun is in his backpack.", channel: "email" }));
    expect((await typesOf(r.id)).filter((x) => x === "alert.raised").length).toBe(raised.length);
  });

  it("lets ordinary messages through (no alert on profanity or 'killing it')", async () => {
    for (const message of ["This damn bus is always late!", "The new driver is killing it, thank you!", "Photo shoot for the yearbook is on Friday"]) {
      const made = await buildInquiry(t, d, { message });
      expect((await row(made.conversation.id)).alertStatus, message).toBeNull();
    }
  });
});

describe("service-standard clocks", () => {
  let d: TestDistrict;
  let sup: TestStaff;
  let agent: TestStaff;

  beforeAll(async () => {
    t.clock.set(MONDAY_8AM);
    d = await buildDistrict(t);
    sup = await buildStaff(t, d.district.id, { role: "supervisor", name: "Sue Visor", departmentIds: [d.departments.transportation.id] });
    agent = await buildStaff(t, d.district.id, { name: "Ana Agent", departmentIds: [d.departments.transportation.id] });
  });

  it("starts at arrival: first response within one business day, resolution within five (Mon 08:00 PST → Mon 17:00, Fri 17:00)", async () => {
    t.clock.set(MONDAY_8AM);
    const made = await buildInquiry(t, d);
    const r = await row(made.conversation.id);
    expect(r.firstResponseDueAt!.toISOString()).toBe("2026-03-03T01:00:00.000Z"); // Mon 17:00 PST
    expect(r.resolutionDueAt!.toISOString()).toBe("2026-03-07T01:00:00.000Z"); // Fri 17:00 PST
    // 75% of 9 business hours = 6 h 45 min after 08:00 → 14:45 PST
    expect(r.slaNextCheckAt!.toISOString()).toBe("2026-03-02T22:45:00.000Z");
  });

  it("warns once at 75%, records the breach once, and escalates to the supervisors", async () => {
    t.clock.set(MONDAY_8AM);
    const made = await buildInquiry(t, d, { message: "Who decides the bus routes for next year?" });
    t.clock.set("2026-03-02T22:50:00Z"); // 14:50 PST
    await sweep();
    await sweep();
    expect((await typesOf(made.conversation.id)).filter((x) => x === "sla.warning")).toHaveLength(1);
    expect((await notesFor(sup)).filter((n) => n.type === "sla_warning" && n.conversationId === made.conversation.id)).toHaveLength(1);
    t.clock.set("2026-03-03T01:05:00Z"); // 17:05 PST
    await sweep();
    await sweep();
    const types = await typesOf(made.conversation.id);
    expect(types.filter((x) => x === "sla.breached")).toHaveLength(1);
    expect(types.filter((x) => x === "sla.escalated")).toHaveLength(1);
    expect((await notesFor(sup)).filter((n) => n.type === "escalated" && n.conversationId === made.conversation.id)).toHaveLength(1);
    expect((await row(made.conversation.id)).slaBreached).toEqual(["first_response"]);
  });

  it("pauses while waiting on the family and keeps the business time left; a reply stops the first-response clock", async () => {
    t.clock.set(MONDAY_8AM);
    const made = await buildInquiry(t, d, { message: "Need the form for bus registration" });
    const id = made.conversation.id;
    t.clock.set("2026-03-02T18:00:00Z"); // Mon 10:00 PST: 2 of 9 business hours used
    await t.tx(d.district.id, agent.actor, (ctx) => changeStatus(ctx, id, "pending"));
    expect((await row(id)).slaPausedAt).not.toBeNull();
    expect((await row(id)).slaNextCheckAt).toBeNull();
    t.clock.set("2026-03-04T17:00:00Z"); // Wed 09:00 PST: the family writes back
    await t.tx(d.district.id, sys, (ctx) => addContactMessage(ctx, id, { body: "Here is the information you asked for.", channel: "web_form" }));
    const resumed = await row(id);
    expect(resumed.status).toBe("open");
    expect(resumed.slaPausedAt).toBeNull();
    // 7 business hours were left: Wed 09:00 + 7 h = Wed 16:00 PST
    expect(resumed.firstResponseDueAt!.toISOString()).toBe("2026-03-05T00:00:00.000Z");
    t.clock.set("2026-03-04T18:00:00Z");
    await t.tx(d.district.id, agent.actor, (ctx) => replyToConversation(ctx, id, "Here is the form."));
    const answered = await row(id);
    expect(answered.firstResponseDueAt).toBeNull();
    expect(answered.resolutionDueAt).not.toBeNull();
  });

  it("lists past-due and due-soon work in the inbox views", async () => {
    t.clock.set(MONDAY_8AM);
    const late = await buildInquiry(t, d, { message: "Old question about the bus" });
    t.clock.set("2026-03-03T01:30:00Z"); // Mon 17:30 PST: first response past due
    const soon = await buildInquiry(t, d, { message: "New question about the bus" }); // after hours: due Tue 17:00
    const view = async (v: "past_due" | "due_soon") =>
      (await t.tx(d.district.id, sup.actor, (ctx) => listConversations(ctx, { view: v, sort: "created_desc", limit: 50 }))).items.map((i) => i.id);
    expect(await view("past_due")).toContain(late.conversation.id);
    expect(await view("past_due")).not.toContain(soon.conversation.id);
    t.clock.set("2026-03-04T00:00:00Z"); // Tue 16:00 PST: due within 4 hours
    expect(await view("due_soon")).toContain(soon.conversation.id);
  });
});

describe("working together", () => {
  it("notifies a colleague mentioned in a note, who can then open the conversation, and sends daily digests", async () => {
    t.clock.set(MONDAY_8AM);
    const d = await buildDistrict(t);
    const agent = await buildStaff(t, d.district.id, { name: "Ana Agent", departmentIds: [d.departments.transportation.id] });
    const maria = await buildStaff(t, d.district.id, { name: "Maria Lopez", departmentIds: [d.departments.nutrition.id] });
    await t.database.db.update(staff).set({ notifyEmail: "daily" }).where(eq(staff.id, maria.staff.id));
    const made = await buildInquiry(t, d);
    await t.tx(d.district.id, agent.actor, (ctx) => addNote(ctx, made.conversation.id, "@maria can you check the lunch part?"));
    const feed = await notesFor(maria);
    expect(feed).toEqual([expect.objectContaining({ type: "mentioned", conversationId: made.conversation.id, actorStaffId: agent.staff.id, emailedAt: null })]);
    await expect(t.tx(d.district.id, maria.actor, (ctx) => getConversationDetail(ctx, made.conversation.id))).resolves.toMatchObject({ id: made.conversation.id });
    await t.jobs.enqueue(t.database.db, "notification-digests", { districtId: d.district.id });
    await t.drain();
    const digest = await t.database.db.select().from(outboundEmails).where(and(eq(outboundEmails.districtId, d.district.id), eq(outboundEmails.toAddress, maria.staff.email)));
    expect(digest).toHaveLength(1);
    expect(digest[0]!.subject).toBe("Your Front Office digest: 1 notification");
    expect((await notesFor(maria))[0]!.emailedAt).not.toBeNull();
  });
});
