import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDetail, ConversationList, Message } from "../../../../common/contract/conversations.js";
import { PRIORITY_RANK } from "../../../../common/enums.js";
import { conversations } from "../../../db/schema/index.js";
import { assignConversation, changeStatus, replyToConversation, updateConversation } from "../../../domain/conversations/index.js";
import { submitRating } from "../../../domain/ratings/index.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let admin: TestStaff;
let dana: TestStaff; // Transportation agent
let nutrition: TestStaff;
let viewer: TestStaff;
let recorder: TestStaff;
let otherAdmin: TestStaff; // district B
const c: Record<string, { id: string; reference: string; contactId: string | null }> = {};

const MINUTE = 60_000;
const as = (s: TestStaff) => ({ headers: bearer(s) });

async function inquiry(name: string, d: TestDistrict, over: Parameters<typeof buildInquiry>[2] = {}) {
  t.clock.advance(MINUTE);
  const { conversation, reference } = await buildInquiry(t, d, over);
  c[name] = { id: conversation.id, reference, contactId: conversation.contactId };
  return conversation;
}

async function list(s: TestStaff, query = ""): Promise<ConversationList> {
  const res = await t.app.inject({ method: "GET", url: `/api/conversations?${query}`, ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ConversationList>();
}

/** The fixture names (c1…c7) of the conversations a query returns, sorted. */
async function names(s: TestStaff, query = ""): Promise<string[]> {
  const byId = new Map(Object.entries(c).map(([k, v]) => [v.id, k]));
  return (await list(s, `limit=100&${query}`)).items.map((i) => byId.get(i.id) ?? i.reference).sort();
}

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  const [oak, river] = a.schools;
  admin = await buildStaff(t, a.district.id, { role: "admin", name: "Alex Admin" });
  dana = await buildStaff(t, a.district.id, { departmentIds: [a.departments.transportation.id], name: "Dana Reyes" });
  nutrition = await buildStaff(t, a.district.id, { departmentIds: [a.departments.nutrition.id] });
  viewer = await buildStaff(t, a.district.id, { role: "viewer" });
  recorder = await buildStaff(t, a.district.id, { role: "recorder", departmentIds: [a.departments.transportation.id] });
  otherAdmin = await buildStaff(t, b.district.id, { role: "admin" });

  await inquiry("c1", a, { message: "The bus was twenty minutes late at the Maple stop.", fields: { school: oak!.id, bus_number: "42" } });
  await inquiry("c2", a, {
    topic: a.topics.general,
    fields: {},
    language: "es",
    kind: "compliment",
    name: "María López",
    email: "maria.lopez@example.com",
    message: "El autobús no llegó a la parada de la calle Olivo esta mañana.",
  });
  await inquiry("c3", a, { name: "Luis Ortega", email: "luis@example.com", message: "Driver skipped our street.", fields: { school: river!.id, bus_number: "7" } });
  await inquiry("c4", a, { message: "Bus pass lost in the first week." });
  await inquiry("c5", a, { message: "Which stop is closest to the library?" });
  await inquiry("c6", a, { topic: a.topics.general, fields: {}, channel: "phone", name: "Pat Kim", email: null, phone: "555-201-3344", message: "Called about lunch menu allergens." });
  await inquiry("c7", a, { topic: a.topics.safety, fields: {}, anonymous: true, message: "Someone keeps leaving the gym door open at night." });
  await inquiry("b1", b, { message: "The bus was twenty minutes late, autobús tarde." });

  const sys = { kind: "system", reason: "test" } as const;
  await t.tx(a.district.id, admin.actor, (ctx) => assignConversation(ctx, c.c3!.id, { staffId: dana.staff.id }));
  await t.tx(a.district.id, admin.actor, (ctx) => updateConversation(ctx, c.c3!.id, { priority: "critical" }));
  t.clock.advance(MINUTE);
  await t.tx(a.district.id, dana.actor, (ctx) => replyToConversation(ctx, c.c3!.id, "We replaced the driver's route sheet."));
  await t.tx(a.district.id, sys, (ctx) => changeStatus(ctx, c.c4!.id, "resolved"));
  await t.tx(a.district.id, sys, (ctx) => changeStatus(ctx, c.c5!.id, "pending"));
  await t.tx(a.district.id, admin.actor, (ctx) => assignConversation(ctx, c.c6!.id, { staffId: admin.staff.id, departmentId: a.departments.nutrition.id }));
});
afterAll(() => t.close());

describe("GET /api/conversations: views", () => {
  it("narrows to each inbox view", async () => {
    expect(await names(admin)).toEqual(["c1", "c2", "c3", "c4", "c5", "c6", "c7"]);
    expect(await names(admin, "view=all")).toEqual(["c1", "c2", "c3", "c4", "c5", "c6", "c7"]);
    expect(await names(dana, "view=mine")).toEqual(["c3"]);
    expect(await names(admin, "view=mine")).toEqual(["c6"]);
    expect(await names(dana, "view=my_departments")).toEqual(["c1", "c3", "c5"]);
    expect(await names(admin, "view=my_departments")).toEqual([]);
    expect(await names(admin, "view=unassigned")).toEqual(["c1", "c2", "c5", "c7"]);
    expect(await names(admin, "view=all_open")).toEqual(["c1", "c2", "c3", "c6", "c7"]);
    expect(await names(admin, "view=pending")).toEqual(["c5"]);
    expect(await names(admin, "view=resolved")).toEqual(["c4"]);
  });

  it("shows an agent only their departments' and their own conversations, a viewer the whole district", async () => {
    expect(await names(dana)).toEqual(["c1", "c3", "c4", "c5"]);
    expect(await names(nutrition)).toEqual(["c6"]);
    expect(await names(viewer)).toEqual(["c1", "c2", "c3", "c4", "c5", "c6", "c7"]);
  });

  it("never shows another district's conversations", async () => {
    expect(await names(otherAdmin)).toEqual(["b1"]);
    expect(await names(otherAdmin, "q=autobus")).toEqual(["b1"]);
    expect(await names(otherAdmin, `q=${c.c1!.reference}`)).toEqual([]);
  });
});

describe("GET /api/conversations: filters", () => {
  it("narrows by each filter, with comma-separated lists", async () => {
    const [, river] = a.schools;
    expect(await names(admin, "status=new,pending")).toEqual(["c1", "c2", "c5", "c7"]);
    expect(await names(admin, "priority=critical")).toEqual(["c3"]);
    expect(await names(admin, `topicId=${a.topics.general.id}`)).toEqual(["c2", "c6"]);
    expect(await names(admin, `topicId=${a.topics.general.id},${a.topics.safety.id}`)).toEqual(["c2", "c6", "c7"]);
    expect(await names(admin, `departmentId=${a.departments.nutrition.id}`)).toEqual(["c6"]);
    expect(await names(admin, `schoolId=${river!.id}`)).toEqual(["c3"]);
    expect(await names(admin, "channel=phone")).toEqual(["c6"]);
    expect(await names(admin, "kind=compliment")).toEqual(["c2"]);
    expect(await names(admin, "language=es")).toEqual(["c2"]);
    expect(await names(admin, "assigneeId=none")).toEqual(["c1", "c2", "c4", "c5", "c7"]);
    expect(await names(admin, `assigneeId=${dana.staff.id},${admin.staff.id}`)).toEqual(["c3", "c6"]);
    expect(await names(admin, `assigneeId=none,${dana.staff.id}`)).toEqual(["c1", "c2", "c3", "c4", "c5", "c7"]);
    expect(await names(admin, `contactId=${c.c1!.contactId}`)).toEqual(["c1", "c4", "c5"]);
    expect(await names(admin, `view=all_open&departmentId=${a.departments.transportation.id}`)).toEqual(["c1", "c3"]);
  });

  it("takes the report drill-down filters: created range, requester role, topic category", async () => {
    const created = async (name: string) =>
      (await t.database.db.select({ at: conversations.createdAt }).from(conversations).where(eq(conversations.id, c[name]!.id)))[0]!.at.toISOString();
    // [createdFrom, createdTo): c3 included, c5 not; one minute apart each
    expect(await names(admin, `view=all&createdFrom=${await created("c3")}&createdTo=${await created("c5")}`)).toEqual(["c3", "c4"]);
    expect(await names(admin, `view=all&createdFrom=${encodeURIComponent("2000-01-01T00:00:00+00:00")}&createdTo=${await created("c2")}`)).toEqual(["c1"]);
    expect(await names(admin, "view=all&requesterRole=parent")).toEqual(["c1", "c2", "c3", "c4", "c5", "c6", "c7"]);
    expect(await names(admin, "view=all&requesterRole=student,staff")).toEqual([]);
    // the bus and general topics are in the "General" category; the safety tip (c7) has none
    expect(await names(admin, `view=all&categoryId=${a.topics.general.categoryId}`)).toEqual(["c1", "c2", "c3", "c4", "c5", "c6"]);
    for (const bad of ["createdFrom=yesterday", "requesterRole=alien", "categoryId=nope"]) {
      const res = await t.app.inject({ method: "GET", url: `/api/conversations?${bad}`, ...as(admin) });
      expect(res.statusCode, bad).toBe(400);
    }
  });

  it("searches subjects and every message in English and Spanish, ignoring accents", async () => {
    expect(await names(admin, "q=autobus")).toEqual(["c2"]);
    expect(await names(admin, `q=${encodeURIComponent("autobús")}`)).toEqual(["c2"]);
    expect(await names(admin, `q=${encodeURIComponent("llegó parada")}`)).toEqual(["c2"]);
    expect(await names(admin, "q=late")).toEqual(["c1"]);
    expect(await names(admin, "q=allergen")).toEqual(["c6"]);
    // A reference, in any case, finds exactly that conversation.
    expect(await names(admin, `q=${c.c3!.reference.toLowerCase()}`)).toEqual(["c3"]);
    expect(await names(admin, `q=${c.c3!.reference}`)).toEqual(["c3"]);
    // A staff reply is searchable too.
    expect(await names(admin, `q=${encodeURIComponent("route sheet")}`)).toEqual(["c3"]);
    expect(await names(admin, "q=xylophone")).toEqual([]);
  });

  it("finds a conversation by its exact reference number, in any case", async () => {
    expect(await names(admin, `q=${c.c4!.reference}`)).toEqual(["c4"]);
    expect(await names(admin, `q=${c.c4!.reference.toLowerCase()}`)).toEqual(["c4"]);
  });

  it("combines search with visibility", async () => {
    expect(await names(dana, "q=autobus")).toEqual([]);
    expect(await names(dana, "q=late")).toEqual(["c1"]);
  });

  it("presents rows with names, a preview of the latest non-note message, and the actor's abilities", async () => {
    const rows = (await list(dana, `q=${c.c3!.reference}`)).items;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      reference: c.c3!.reference,
      status: "open",
      priority: "critical",
      topic: { id: a.topics.bus.id, name: "Bus concern" },
      department: { id: a.departments.transportation.id, name: "Transportation" },
      school: { name: "River High School" },
      assignee: { id: dana.staff.id, name: "Dana Reyes" },
      contact: { name: "Luis Ortega" },
      preview: "We replaced the driver's route sheet.",
      abilities: { reply: true, note: true, assign: true, changeStatus: true, update: true },
    });
    const seen = (await list(viewer, `q=${c.c3!.reference}`)).items[0]!;
    expect(seen.abilities).toEqual({ reply: false, note: false, assign: false, changeStatus: false, update: false });
    const anonymous = (await list(admin, `q=${c.c7!.reference}`)).items[0]!;
    expect(anonymous.contact).toBeNull();
  });

  it("cuts a long preview at about 160 characters", async () => {
    await inquiry("long", a, { email: "long@example.com", message: `${"Our route changed again and nobody told us. ".repeat(10)}END` });
    const row = (await list(admin, `q=${c.long!.reference}`)).items[0]!;
    expect(row.preview.length).toBeLessThanOrEqual(160);
    expect(row.preview.endsWith("…")).toBe(true);
    expect(row.preview.startsWith("Our route changed again")).toBe(true);
    delete c.long;
  });

  it("rejects invalid filters, limits and cursors as validation problems", async () => {
    for (const query of ["limit=500", "limit=0", "status=archived", "view=everything", "topicId=not-a-uuid", "sort=random", "cursor=%%%"]) {
      const res = await t.app.inject({ method: "GET", url: `/api/conversations?${query}`, ...as(admin) });
      expect(res.statusCode, query).toBe(400);
      expect(res.json()).toMatchObject({ code: "validation_failed" });
    }
    const first = await list(admin, "limit=1&sort=created_asc");
    const foreign = await t.app.inject({ method: "GET", url: `/api/conversations?limit=1&sort=priority&cursor=${first.nextCursor}`, ...as(admin) });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().invalidParams).toEqual([{ name: "querystring.cursor", reason: "invalid" }]);
  });

  it("answers 401 without credentials", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/conversations" });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "unauthenticated" });
  });
});

describe("GET /api/conversations: order and pages", () => {
  it("sorts by last message, creation and priority", async () => {
    const lastDesc = (await list(admin, "limit=100")).items;
    const times = lastDesc.map((i) => Date.parse(i.lastMessageAt));
    expect(times).toEqual([...times].sort((x, y) => y - x));
    const fixture = new Set(["c1", "c2", "c3", "c4", "c5", "c6", "c7"].map((k) => c[k]!.id));
    // c3 was created third, but the staff reply made it the fixture's most recent.
    expect(lastDesc.find((i) => fixture.has(i.id))!.id).toBe(c.c3!.id);
    const lastAsc = (await list(admin, "limit=100&sort=last_message_asc")).items.map((i) => i.id);
    expect(lastAsc).toEqual(lastDesc.map((i) => i.id).reverse());
    const createdAsc = (await list(admin, "limit=100&sort=created_asc")).items;
    expect(createdAsc.map((i) => i.id).slice(0, 3)).toEqual([c.c1!.id, c.c2!.id, c.c3!.id]);
    const createdDesc = (await list(admin, "limit=100&sort=created_desc")).items.map((i) => i.id);
    expect(createdDesc).toEqual(createdAsc.map((i) => i.id).reverse());
    const byPriority = (await list(admin, "limit=100&sort=priority")).items;
    expect(byPriority[0]!.id).toBe(c.c3!.id);
    const keys = byPriority.map((i) => [PRIORITY_RANK[i.priority], -Date.parse(i.createdAt)] as const);
    expect(keys).toEqual([...keys].sort((x, y) => x[0] - y[0] || x[1] - y[1]));
  });

  it("walks every conversation exactly once with a cursor while new ones arrive between pages", async () => {
    for (const sort of ["last_message_desc", "created_asc", "priority"] as const) {
      const before = (await list(admin, `limit=100&sort=${sort}`)).items.map((i) => i.id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: ConversationList = await list(admin, `limit=3&sort=${sort}${cursor ? `&cursor=${cursor}` : ""}`);
        expect(page.items.length).toBeLessThanOrEqual(3);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        // A family writes in while staff page through the inbox; sometimes at the very same instant.
        if (pages % 2 === 0) t.clock.advance(MINUTE);
        await buildInquiry(t, a, { email: "paging@example.com", message: `Arrived during paging ${sort} ${pages}` });
        pages++;
      } while (cursor && pages < 50);
      expect(cursor).toBeNull();
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen).toEqual(expect.arrayContaining(before));
      // What was there before keeps its relative order.
      expect(seen.filter((id) => before.includes(id))).toEqual(before);
    }
  });
});

describe("GET /api/conversations/:id", () => {
  it("shows the whole conversation: names, labelled answers, contact, messages with notes, timeline and abilities", async () => {
    await t.app.inject({ method: "POST", url: `/api/conversations/${c.c1!.id}/notes`, ...as(dana), payload: { body: "Checked the GPS log" } });
    const res = await t.app.inject({ method: "GET", url: `/api/conversations/${c.c1!.id}`, ...as(dana) });
    expect(res.statusCode).toBe(200);
    const d = res.json<ConversationDetail>();
    expect(d).toMatchObject({
      id: c.c1!.id,
      reference: c.c1!.reference,
      topic: { name: "Bus concern" },
      department: { name: "Transportation" },
      school: { name: "Oak Elementary" },
      abilities: { reply: true, note: true, assign: true, changeStatus: true, update: true },
    });
    expect(d.fields).toEqual([
      { key: "school", label: "School", value: a.schools[0]!.id, display: "Oak Elementary" },
      { key: "bus_number", label: "Bus number", value: "42", display: "42" },
    ]);
    expect(d.contact).toMatchObject({
      name: "Ana García",
      preferredLanguage: "en",
      identities: [{ kind: "email", value: "ana.garcia@example.com", bouncing: false }],
    });
    expect(d.contact!.otherConversations.map((o) => o.id).sort()).toEqual([c.c4!.id, c.c5!.id].sort());
    expect(d.messages.map((m) => [m.direction, m.author.kind, m.author.name])).toEqual([
      ["inbound", "contact", "Ana García"],
      ["note", "staff", "Dana Reyes"],
    ]);
    const types = d.events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["conversation.created", "message.received", "note.added"]));
    expect(d.events.find((e) => e.type === "note.added")!.actor).toEqual({ kind: "staff", id: dana.staff.id, name: "Dana Reyes" });
    expect(d.events.find((e) => e.type === "conversation.created")!.actor).toMatchObject({ kind: "contact", name: "Ana García" });
    expect(d.ratings).toEqual([]);
  });

  it("lists a contact's other conversations only when the viewer may see them", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/conversations/${c.c4!.id}`, ...as(admin) });
    const others = res.json<ConversationDetail>().contact!.otherConversations.map((o) => o.id);
    expect(others.sort()).toEqual([c.c1!.id, c.c5!.id].sort());
  });

  it("shows submitted ratings", async () => {
    const conv = await inquiry("rated", a, { email: "rated.family@example.com", message: "Please confirm the new stop time." });
    await t.tx(a.district.id, dana.actor, (ctx) => replyToConversation(ctx, conv.id, "It is 7:42."));
    await t.tx(a.district.id, dana.actor, (ctx) => changeStatus(ctx, conv.id, "resolved"));
    await t.drain();
    const mail = t.mailer.sent.find((m) => m.to === "rated.family@example.com" && /\/rate\//.test(m.text));
    const token = mail!.text.match(/\/rate\/([A-Za-z0-9_-]+)/)![1]!;
    await t.tx(a.district.id, { kind: "contact", contactId: null }, (ctx) => submitRating(ctx, token, { accuracy: 9, timeliness: 8, courtesy: 10, comment: "Thanks" }));
    const d = (await t.app.inject({ method: "GET", url: `/api/conversations/${conv.id}`, ...as(dana) })).json<ConversationDetail>();
    expect(d.ratings).toEqual([{ accuracy: 9, timeliness: 8, courtesy: 10, comment: "Thanks", submittedAt: expect.any(String) }]);
    expect(d.status).toBe("resolved");
  });

  it("gives a viewer read-only abilities and a recorder only notes", async () => {
    const seen = (await t.app.inject({ method: "GET", url: `/api/conversations/${c.c1!.id}`, ...as(viewer) })).json<ConversationDetail>();
    expect(seen.abilities).toEqual({ reply: false, note: false, assign: false, changeStatus: false, update: false });
    const logged = (await t.app.inject({ method: "GET", url: `/api/conversations/${c.c1!.id}`, ...as(recorder) })).json<ConversationDetail>();
    expect(logged.abilities).toEqual({ reply: false, note: true, assign: false, changeStatus: false, update: false });
  });

  it("answers 404 for another district's conversation, one out of the agent's scope, an unknown or a malformed id", async () => {
    const urls = [
      [otherAdmin, `/api/conversations/${c.c1!.id}`],
      [admin, `/api/conversations/${c.b1!.id}`],
      [nutrition, `/api/conversations/${c.c1!.id}`],
      [admin, "/api/conversations/00000000-0000-4000-8000-000000000000"],
      [admin, "/api/conversations/1042"],
    ] as const;
    for (const [who, url] of urls) {
      const res = await t.app.inject({ method: "GET", url, ...as(who) });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ code: "not_found" });
    }
  });

  it("answers 401 without credentials", async () => {
    expect((await t.app.inject({ method: "GET", url: `/api/conversations/${c.c1!.id}` })).statusCode).toBe(401);
  });
});

describe("POST /api/conversations/:id/replies", () => {
  it("stores the reply, queues the email and answers 201 with the message", async () => {
    const conv = await inquiry("reply", a, { email: "reply.family@example.com", message: "Is there a late bus on Fridays?" });
    const res = await t.app.inject({ method: "POST", url: `/api/conversations/${conv.id}/replies`, ...as(dana), payload: { body: "  Yes, at 4:15.  " } });
    expect(res.statusCode).toBe(201);
    const m = res.json<Message>();
    expect(m).toMatchObject({ direction: "outbound", channel: "email", body: "Yes, at 4:15.", deliveryStatus: "queued", attachments: [] });
    expect(m.author).toEqual({ kind: "staff", id: dana.staff.id, name: "Dana Reyes" });
    await t.drain();
    expect(t.mailer.sent.some((s) => s.text.includes("Yes, at 4:15.") && s.to === "reply.family@example.com")).toBe(true);
  });

  it("refuses an empty reply with invalidParams", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/conversations/${c.c1!.id}/replies`, ...as(dana), payload: { body: "   " } });
    expect(res.statusCode).toBe(400);
    expect(res.json().invalidParams).toEqual([expect.objectContaining({ name: "body.body" })]);
  });

  it("forbids viewers and recorders from replying", async () => {
    for (const who of [viewer, recorder]) {
      const res = await t.app.inject({ method: "POST", url: `/api/conversations/${c.c1!.id}/replies`, ...as(who), payload: { body: "Hello" } });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: "forbidden" });
    }
  });

  it("answers 404 to another district, an agent out of scope and unknown ids; 401 without credentials", async () => {
    const cases = [
      [otherAdmin, c.c1!.id],
      [nutrition, c.c1!.id],
      [admin, c.b1!.id],
      [admin, "00000000-0000-4000-8000-000000000000"],
      [admin, "not-an-id"],
    ] as const;
    for (const [who, id] of cases) {
      const res = await t.app.inject({ method: "POST", url: `/api/conversations/${id}/replies`, ...as(who), payload: { body: "Hello" } });
      expect(res.statusCode, id).toBe(404);
    }
    expect((await t.app.inject({ method: "POST", url: `/api/conversations/${c.c1!.id}/replies`, payload: { body: "Hello" } })).statusCode).toBe(401);
  });

  it("explains that an anonymous tip cannot be answered by email", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/conversations/${c.c7!.id}/replies`, ...as(admin), payload: { body: "Thank you" } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: "conflict" });
  });
});

describe("POST /api/conversations/:id/notes", () => {
  it("lets a recorder log a call as a note", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/conversations/${c.c5!.id}/notes`, ...as(recorder), payload: { body: "Mother called, asked for @dana" } });
    expect(res.statusCode).toBe(201);
    expect(res.json<Message>()).toMatchObject({ direction: "note", deliveryStatus: null, author: { kind: "staff", id: recorder.staff.id } });
  });

  it("refuses viewers (403), empty notes (400), other districts (404) and anonymous callers (401)", async () => {
    const url = `/api/conversations/${c.c5!.id}/notes`;
    expect((await t.app.inject({ method: "POST", url, ...as(viewer), payload: { body: "x" } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url, ...as(dana), payload: {} })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "POST", url, ...as(otherAdmin), payload: { body: "x" } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "POST", url, payload: { body: "x" } })).statusCode).toBe(401);
  });
});

describe("POST /api/conversations/:id/assign", () => {
  it("assigns to a person (moving it to their one department) and answers with the detail", async () => {
    const conv = await inquiry("assign", a, { topic: a.topics.general, fields: {}, message: "Who handles bus passes?" });
    const res = await t.app.inject({ method: "POST", url: `/api/conversations/${conv.id}/assign`, ...as(admin), payload: { staffId: dana.staff.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json<ConversationDetail>()).toMatchObject({
      assignee: { id: dana.staff.id, name: "Dana Reyes" },
      department: { id: a.departments.transportation.id, name: "Transportation" },
      status: "open",
    });
    const unassigned = await t.app.inject({ method: "POST", url: `/api/conversations/${conv.id}/assign`, ...as(admin), payload: { staffId: null } });
    expect(unassigned.json<ConversationDetail>().assignee).toBeNull();
  });

  it("rejects an empty body and a staff member of another district", async () => {
    const url = `/api/conversations/${c.c1!.id}/assign`;
    expect((await t.app.inject({ method: "POST", url, ...as(admin), payload: {} })).statusCode).toBe(400);
    const foreign = await t.app.inject({ method: "POST", url, ...as(admin), payload: { staffId: otherAdmin.staff.id } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().invalidParams).toEqual([{ name: "staffId", reason: "not_assignable" }]);
  });

  it("forbids viewers and recorders; another district gets 404; no credentials 401", async () => {
    const url = `/api/conversations/${c.c1!.id}/assign`;
    const payload = { staffId: dana.staff.id };
    expect((await t.app.inject({ method: "POST", url, ...as(viewer), payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url, ...as(recorder), payload })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url, ...as(otherAdmin), payload: { staffId: otherAdmin.staff.id } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "POST", url, payload })).statusCode).toBe(401);
  });
});

describe("POST /api/conversations/:id/status", () => {
  it("moves a conversation through its lifecycle", async () => {
    const conv = await inquiry("status", a, { message: "Please call me back about the stop." });
    const res = await t.app.inject({ method: "POST", url: `/api/conversations/${conv.id}/status`, ...as(dana), payload: { status: "pending" } });
    expect(res.statusCode).toBe(200);
    expect(res.json<ConversationDetail>()).toMatchObject({ status: "pending", resolvedAt: null });
    const resolved = await t.app.inject({ method: "POST", url: `/api/conversations/${conv.id}/status`, ...as(dana), payload: { status: "resolved" } });
    expect(resolved.json<ConversationDetail>()).toMatchObject({ status: "resolved", resolvedAt: expect.any(String) });
    const illegal = await t.app.inject({ method: "POST", url: `/api/conversations/${conv.id}/status`, ...as(dana), payload: { status: "pending" } });
    expect(illegal.statusCode).toBe(409);
  });

  it("rejects unknown and initial statuses; forbids viewers; hides other districts", async () => {
    const url = `/api/conversations/${c.c1!.id}/status`;
    for (const status of ["new", "archived"]) {
      expect((await t.app.inject({ method: "POST", url, ...as(admin), payload: { status } })).statusCode).toBe(400);
    }
    expect((await t.app.inject({ method: "POST", url, ...as(viewer), payload: { status: "open" } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url, ...as(otherAdmin), payload: { status: "open" } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "POST", url, payload: { status: "open" } })).statusCode).toBe(401);
  });
});

describe("PATCH /api/conversations/:id", () => {
  it("reclassifies a conversation and records it on the timeline", async () => {
    const conv = await inquiry("patch", a, { message: "Bus 9 brakes squeal loudly." });
    const river = a.schools[1]!;
    const res = await t.app.inject({ method: "PATCH", url: `/api/conversations/${conv.id}`, ...as(dana), payload: { priority: "high", schoolId: river.id } });
    expect(res.statusCode).toBe(200);
    const d = res.json<ConversationDetail>();
    expect(d).toMatchObject({ priority: "high", school: { id: river.id, name: "River High School" } });
    expect(d.events.find((e) => e.type === "conversation.updated")!.data).toMatchObject({ changes: { priority: { from: "normal", to: "high" } } });
  });

  it("rejects an empty change and another district's topic", async () => {
    const url = `/api/conversations/${c.c1!.id}`;
    expect((await t.app.inject({ method: "PATCH", url, ...as(admin), payload: {} })).statusCode).toBe(400);
    const foreign = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { topicId: b.topics.general.id } });
    expect(foreign.statusCode).toBe(400);
  });

  it("forbids recorders; another district gets 404; no credentials 401", async () => {
    const url = `/api/conversations/${c.c1!.id}`;
    expect((await t.app.inject({ method: "PATCH", url, ...as(recorder), payload: { priority: "low" } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PATCH", url, ...as(otherAdmin), payload: { priority: "low" } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "PATCH", url, payload: { priority: "low" } })).statusCode).toBe(401);
  });
});

describe("GET /api/conversations/:id/attachments/:attachmentId", () => {
  const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

  it("downloads the file as an attachment that browsers will not sniff", async () => {
    const conv = await inquiry("file", a, {
      message: "Photo of the bus schedule attached.",
      attachments: [{ filename: "horario del autobús.pdf", contentType: "application/pdf", data: pdf }],
    });
    const d = (await t.app.inject({ method: "GET", url: `/api/conversations/${conv.id}`, ...as(dana) })).json<ConversationDetail>();
    const file = d.messages[0]!.attachments[0]!;
    expect(file).toMatchObject({ filename: "horario del autobús.pdf", contentType: "application/pdf", size: pdf.length });
    const res = await t.app.inject({ method: "GET", url: `/api/conversations/${conv.id}/attachments/${file.id}`, ...as(dana) });
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(pdf)).toBe(true);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["content-disposition"]).toMatch(/^attachment; filename="horario del autob_s.pdf"; filename\*=UTF-8''horario%20del%20autob%C3%BAs.pdf$/);

    const missing = [
      [otherAdmin, `/api/conversations/${conv.id}/attachments/${file.id}`],
      [nutrition, `/api/conversations/${conv.id}/attachments/${file.id}`],
      [admin, `/api/conversations/${c.c1!.id}/attachments/${file.id}`],
      [admin, `/api/conversations/${conv.id}/attachments/00000000-0000-4000-8000-000000000000`],
      [admin, `/api/conversations/${conv.id}/attachments/x`],
    ] as const;
    for (const [who, url] of missing) expect((await t.app.inject({ method: "GET", url, ...as(who) })).statusCode, url).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/conversations/${conv.id}/attachments/${file.id}` })).statusCode).toBe(401);
  });
});
