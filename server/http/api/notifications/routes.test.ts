import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Message } from "../../../../common/contract/conversations.js";
import type { Notification, NotificationList } from "../../../../common/contract/operations.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let admin: TestStaff;
let priya: TestStaff; // Transportation agent
let omar: TestStaff; // Transportation agent
let samOne: TestStaff;
let samTwo: TestStaff;
let otherAgent: TestStaff; // district B
let conv: { id: string; reference: string; subject: string };

const MINUTE = 60_000;
const as = (s: TestStaff) => ({ headers: bearer(s) });

async function feed(s: TestStaff, query = ""): Promise<NotificationList> {
  const res = await t.app.inject({ method: "GET", url: `/api/notifications${query}`, ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<NotificationList>();
}

async function note(s: TestStaff, body: string): Promise<Message> {
  t.clock.advance(MINUTE);
  const res = await t.app.inject({ method: "POST", url: `/api/conversations/${conv.id}/notes`, ...as(s), payload: { body } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Message>();
}

async function markRead(s: TestStaff, payload: Record<string, unknown>): Promise<number> {
  const res = await t.app.inject({ method: "POST", url: "/api/notifications/read", ...as(s), payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ updated: number }>().updated;
}

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  const transportation = [a.departments.transportation.id];
  admin = await buildStaff(t, a.district.id, { role: "admin", name: "Alex Admin" });
  priya = await buildStaff(t, a.district.id, { name: "Priya Natarajan", departmentIds: transportation });
  omar = await buildStaff(t, a.district.id, { name: "Omar Haddad", departmentIds: transportation });
  samOne = await buildStaff(t, a.district.id, { name: "Sam Lee", departmentIds: transportation });
  samTwo = await buildStaff(t, a.district.id, { name: "Sam Ortiz", departmentIds: transportation });
  otherAgent = await buildStaff(t, b.district.id, { name: "Priya Other" });
  const { conversation, reference } = await buildInquiry(t, a, { message: "The bus skipped our stop on Maple." });
  conv = { id: conversation.id, reference, subject: conversation.subject };
});
afterAll(() => t.close());

describe("notifications of a mention", () => {
  let first: Notification;
  let second: Notification;

  it("starts empty", async () => {
    expect(await feed(priya)).toEqual({ items: [], unread: 0, nextCursor: null });
  });

  it("tells a colleague mentioned by first name, with the conversation and who mentioned them", async () => {
    const m = await note(admin, "@priya can you call the family back about Maple?");
    const list = await feed(priya);
    expect(list.unread).toBe(1);
    expect(list.nextCursor).toBeNull();
    expect(list.items).toHaveLength(1);
    first = list.items[0]!;
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: "mentioned",
      text: `Alex Admin mentioned you in a note on ${conv.reference} “${conv.subject}”`,
      conversation: { id: conv.id, reference: conv.reference, subject: conv.subject },
      actor: "Alex Admin",
      data: { messageId: m.id },
      read: false,
      createdAt: expect.any(String),
    });
    // nobody else was mentioned
    for (const who of [omar, samOne, samTwo, admin]) expect((await feed(who)).items, who.staff.name).toEqual([]);
  });

  it("counts unread ones, and resolves full-name handles; an ambiguous first name or yourself notifies nobody", async () => {
    await note(admin, "@priya and @omar.haddad: the GPS log shows 7:42. @sam please check too. @alex");
    const list = await feed(priya);
    expect(list.unread).toBe(2);
    expect(list.items.map((n) => n.type)).toEqual(["mentioned", "mentioned"]);
    // newest first
    second = list.items[0]!;
    expect(list.items[1]!.id).toBe(first.id);
    expect(Date.parse(second.createdAt)).toBeGreaterThan(Date.parse(first.createdAt));
    expect((await feed(omar)).unread).toBe(1);
    for (const who of [samOne, samTwo, admin]) expect((await feed(who)).unread, who.staff.name).toBe(0);
  });

  it("pages newest first with a cursor", async () => {
    const page1 = await feed(priya, "?limit=1");
    expect(page1.items.map((n) => n.id)).toEqual([second.id]);
    expect(page1.nextCursor).toBe(`${second.createdAt}~${second.id}`);
    const page2 = await feed(priya, `?limit=1&before=${encodeURIComponent(page1.nextCursor!)}`);
    expect(page2.items.map((n) => n.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();
    // the unread count is of the whole feed, not the page
    expect(page2.unread).toBe(2);
  });

  it("marks one read, then all", async () => {
    expect(await markRead(priya, { ids: [first.id] })).toBe(1);
    // marking it again changes nothing
    expect(await markRead(priya, { ids: [first.id] })).toBe(0);
    const list = await feed(priya);
    expect(list.unread).toBe(1);
    expect(list.items.map((n) => [n.id, n.read])).toEqual([
      [second.id, false],
      [first.id, true],
    ]);
    expect((await feed(priya, "?unread=true")).items.map((n) => n.id)).toEqual([second.id]);

    expect(await markRead(priya, {})).toBe(1);
    const after = await feed(priya);
    expect(after.unread).toBe(0);
    expect(after.items.every((n) => n.read)).toBe(true);
    expect(await feed(priya, "?unread=true")).toEqual({ items: [], unread: 0, nextCursor: null });
    // Omar's stays unread
    expect((await feed(omar)).unread).toBe(1);
  });

  it("validates the query and the body", async () => {
    for (const query of ["?limit=0", "?limit=101", "?unread=yes", "?before=yesterday"]) {
      expect((await t.app.inject({ method: "GET", url: `/api/notifications${query}`, ...as(priya) })).statusCode, query).toBe(400);
    }
    expect((await t.app.inject({ method: "POST", url: "/api/notifications/read", ...as(priya), payload: { ids: ["nope"] } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "GET", url: "/api/notifications" })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "POST", url: "/api/notifications/read", payload: {} })).statusCode).toBe(401);
  });
});

describe("only your own notifications", () => {
  it("never returns or marks another person's notifications, in the district or outside it", async () => {
    const omarsId = (await feed(omar)).items[0]!.id;
    // Priya names Omar's notification: nothing changes
    expect(await markRead(priya, { ids: [omarsId] })).toBe(0);
    expect((await feed(omar)).items.map((n) => [n.id, n.read])).toEqual([[omarsId, false]]);
    expect((await feed(priya)).items.some((n) => n.id === omarsId)).toBe(false);

    // another district sees none of them and cannot mark them
    expect(await feed(otherAgent)).toEqual({ items: [], unread: 0, nextCursor: null });
    expect(await markRead(otherAgent, { ids: [omarsId] })).toBe(0);
    expect(await markRead(otherAgent, {})).toBe(0);
    expect((await feed(omar)).unread).toBe(1);

    // a same-named person in another district is not mentioned from district A
    await note(admin, "@priya one more thing");
    expect((await feed(otherAgent)).items).toEqual([]);
    expect((await feed(priya)).unread).toBe(1);
  });
});
