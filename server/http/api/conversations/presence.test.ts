import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDetail, Message } from "../../../../common/contract/conversations.js";
import type { Presence } from "../../../../common/contract/operations.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let dana: TestStaff; // Transportation agent ("A")
let bea: TestStaff; // Transportation agent ("B")
let nina: TestStaff; // Nutrition agent: bus concerns are not hers
let viewer: TestStaff;
let otherAdmin: TestStaff; // district B
let conversationId: string;

const SECOND = 1_000;
const as = (s: TestStaff) => ({ headers: bearer(s) });
const presenceUrl = (id = conversationId) => `/api/conversations/${id}/presence`;

async function put(s: TestStaff, state: string, id = conversationId) {
  return t.app.inject({ method: "PUT", url: presenceUrl(id), ...as(s), payload: { state } });
}

async function present(s: TestStaff): Promise<Presence["items"]> {
  const res = await t.app.inject({ method: "GET", url: presenceUrl(), ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Presence>().items;
}

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  dana = await buildStaff(t, a.district.id, { name: "Dana Reyes", departmentIds: [a.departments.transportation.id] });
  bea = await buildStaff(t, a.district.id, { name: "Bea Baker", departmentIds: [a.departments.transportation.id] });
  nina = await buildStaff(t, a.district.id, { name: "Nina Ito", departmentIds: [a.departments.nutrition.id] });
  viewer = await buildStaff(t, a.district.id, { role: "viewer", name: "Vic Viewer" });
  otherAdmin = await buildStaff(t, b.district.id, { role: "admin" });
  conversationId = (await buildInquiry(t, a, { email: "family@example.com", message: "Which stop should my son use now?" })).conversation.id;
  // The process's live listener starts on the first presence read (or the first SSE stream). A PUT before it
  // started is not seen: reported as a bug; these tests start it first, as an open staff app does.
  expect(await present(bea)).toEqual([]);
});
afterAll(() => t.close());

describe("presence on a conversation", () => {
  it("shows who else is viewing, never yourself, and forgets whoever left", async () => {
    const viewing = await put(dana, "viewing");
    expect(viewing.statusCode).toBe(204);
    expect(viewing.body).toBe("");

    const seenByBea = await present(bea);
    expect(seenByBea).toEqual([{ staffId: dana.staff.id, name: "Dana Reyes", state: "viewing", since: expect.any(String) }]);
    expect(await present(dana)).toEqual([]);

    expect((await put(bea, "replying")).statusCode).toBe(204);
    expect((await present(dana)).map((p) => [p.name, p.state])).toEqual([["Bea Baker", "replying"]]);
    expect((await present(bea)).map((p) => [p.name, p.state])).toEqual([["Dana Reyes", "viewing"]]);
    // a viewer sees both
    expect((await present(viewer)).map((p) => [p.name, p.state]).sort()).toEqual([
      ["Bea Baker", "replying"],
      ["Dana Reyes", "viewing"],
    ]);

    // viewing again keeps the time Dana started viewing
    const since = seenByBea[0]!.since;
    expect((await put(dana, "viewing")).statusCode).toBe(204);
    expect((await present(bea))[0]!.since).toBe(since);

    expect((await put(dana, "left")).statusCode).toBe(204);
    expect(await present(bea)).toEqual([]);
    expect((await put(bea, "left")).statusCode).toBe(204);
    expect(await present(viewer)).toEqual([]);
  });

  it("validates the state, and answers 404 to people who may not see the conversation and to unknown ids", async () => {
    for (const state of ["typing", ""]) expect((await put(dana, state)).statusCode, state).toBe(400);
    expect((await t.app.inject({ method: "PUT", url: presenceUrl(), ...as(dana), payload: {} })).statusCode).toBe(400);

    expect((await put(nina, "viewing")).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: presenceUrl(), ...as(nina) })).statusCode).toBe(404);
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      expect((await put(dana, "viewing", id)).statusCode, id).toBe(404);
      expect((await t.app.inject({ method: "GET", url: presenceUrl(id), ...as(dana) })).statusCode, id).toBe(404);
    }
    expect((await t.app.inject({ method: "PUT", url: presenceUrl(), payload: { state: "viewing" } })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: presenceUrl() })).statusCode).toBe(401);
    // nobody refused was recorded
    expect(await present(bea)).toEqual([]);
  });
});

describe("reply collisions", () => {
  it("stops a reply when someone else answered after you opened the conversation, and sends it when forced", async () => {
    const opened = (await t.app.inject({ method: "GET", url: `/api/conversations/${conversationId}`, ...as(dana) })).json<ConversationDetail>().openedAt;

    t.clock.advance(SECOND);
    const beas = await t.app.inject({ method: "POST", url: `/api/conversations/${conversationId}/replies`, ...as(bea), payload: { body: "Use the Maple stop from Monday." } });
    expect(beas.statusCode, beas.body).toBe(201);

    t.clock.advance(SECOND);
    const url = `/api/conversations/${conversationId}/replies`;
    const collided = await t.app.inject({ method: "POST", url, ...as(dana), payload: { body: "The Oak stop is closest.", openedAt: opened } });
    expect(collided.statusCode).toBe(409);
    expect(collided.headers["content-type"]).toBe("application/problem+json; charset=utf-8");
    const problem = collided.json<{ code: string; detail: string; invalidParams: unknown }>();
    expect(problem.code).toBe("conflict");
    expect(problem.invalidParams).toEqual([{ name: "openedAt", reason: "reply_collision" }]);
    expect(problem.detail).toContain("Bea Baker");
    // nothing was sent
    const afterCollision = (await t.app.inject({ method: "GET", url: `/api/conversations/${conversationId}`, ...as(dana) })).json<ConversationDetail>();
    expect(afterCollision.messages.filter((m) => m.direction === "outbound").map((m) => m.body)).toEqual(["Use the Maple stop from Monday."]);

    t.clock.advance(SECOND);
    const forced = await t.app.inject({ method: "POST", url, ...as(dana), payload: { body: "The Oak stop is closest.", openedAt: opened, force: true } });
    expect(forced.statusCode, forced.body).toBe(201);
    expect(forced.json<Message>()).toMatchObject({ direction: "outbound", body: "The Oak stop is closest.", author: { id: dana.staff.id } });
  });

  it("does not warn about your own earlier reply, nor about replies you had already seen", async () => {
    const opened = (await t.app.inject({ method: "GET", url: `/api/conversations/${conversationId}`, ...as(dana) })).json<ConversationDetail>().openedAt;
    t.clock.advance(SECOND);
    const url = `/api/conversations/${conversationId}/replies`;
    const first = await t.app.inject({ method: "POST", url, ...as(dana), payload: { body: "One more detail: the bus comes at 7:40.", openedAt: opened } });
    expect(first.statusCode, first.body).toBe(201);
    t.clock.advance(SECOND);
    const second = await t.app.inject({ method: "POST", url, ...as(dana), payload: { body: "And at 3:15 in the afternoon.", openedAt: opened } });
    expect(second.statusCode, second.body).toBe(201);
    // without openedAt there is no check at all
    t.clock.advance(SECOND);
    expect((await t.app.inject({ method: "POST", url, ...as(bea), payload: { body: "Thanks, Dana." } })).statusCode).toBe(201);
    const bad = await t.app.inject({ method: "POST", url, ...as(bea), payload: { body: "x", openedAt: "yesterday" } });
    expect(bad.statusCode).toBe(400);
  });
});

describe("district isolation", () => {
  it("answers 404 to another district's conversation, and records nothing", async () => {
    const put404 = await put(otherAdmin, "viewing");
    expect(put404.statusCode).toBe(404);
    const get404 = await t.app.inject({ method: "GET", url: presenceUrl(), ...as(otherAdmin) });
    expect(get404.statusCode).toBe(404);
    expect(get404.body).not.toContain("Dana");
    expect(await present(dana)).toEqual([]);

    // and someone of district A on district B's conversation
    const bConversation = (await buildInquiry(t, b, { email: "b.family@example.com" })).conversation.id;
    expect((await put(dana, "viewing", bConversation)).statusCode).toBe(404);
    expect((await put(otherAdmin, "viewing", bConversation)).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: presenceUrl(bConversation), ...as(dana) })).statusCode).toBe(404);
  });
});
