import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../../app.js";
import { addNote, assignConversation } from "../../../domain/conversations/index.js";
import { addWatchers } from "../../../domain/conversations/commands/raise-alerts.js";
import { createLiveHub } from "../../live.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";
import { openStream as open } from "../../../test/sse.js";

let t: TestApp;
let base: string;
const openStream = (s: TestStaff, headers: Record<string, string> = {}, origin = base) => open(s, headers, origin);
let a: TestDistrict;
let b: TestDistrict;
let admin: TestStaff;
let nutrition: TestStaff;

beforeAll(async () => {
  t = await testApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  a = await buildDistrict(t);
  b = await buildDistrict(t);
  admin = await buildStaff(t, a.district.id, { role: "admin" });
  nutrition = await buildStaff(t, a.district.id, { departmentIds: [a.departments.nutrition.id] });
});
afterAll(() => t.close());

describe("GET /api/stream", () => {
  it("pushes events of the staff member's district only", async () => {
    const stream = await openStream(admin);
    try {
      await buildInquiry(t, b, { message: "Other district's bus is late." });
      const ours = await buildInquiry(t, a, { message: "Our bus is late." });
      const first = await stream.sse.nextEvent();
      expect(first!.event).toBe("conversation.created");
      const data = JSON.parse(first!.data!);
      expect(data).toEqual({ conversationId: ours.conversation.id, type: "conversation.created", seq: Number(first!.id) });
      const second = await stream.sse.nextEvent();
      expect(second).toMatchObject({ event: "message.received" });
      expect(JSON.parse(second!.data!).conversationId).toBe(ours.conversation.id);
    } finally {
      stream.close();
    }
  });

  it("tells an agent only about conversations they may view, including one assigned away from them", async () => {
    const stream = await openStream(nutrition);
    try {
      await buildInquiry(t, a, { message: "Transportation's business, not nutrition's." });
      const lunch = await buildInquiry(t, a, { topic: a.topics.general, fields: {}, message: "Menu question" });
      await t.tx(a.district.id, admin.actor, (ctx) => assignConversation(ctx, lunch.conversation.id, { departmentId: a.departments.nutrition.id }));
      await t.tx(a.district.id, admin.actor, (ctx) => assignConversation(ctx, lunch.conversation.id, { departmentId: a.departments.transportation.id }));
      // Everything Nutrition hears is about the lunch question (its creation may arrive too, once it is theirs).
      const frames = [];
      while (frames.filter((f) => f.event === "conversation.assigned").length < 2) frames.push((await stream.sse.nextEvent())!);
      expect(frames.every((f) => JSON.parse(f.data!).conversationId === lunch.conversation.id)).toBe(true);
      // Moving it out of Nutrition is news to Nutrition too.
      const [into, away] = frames.filter((f) => f.event === "conversation.assigned");
      expect(Number(away!.id)).toBeGreaterThan(Number(into!.id));
    } finally {
      stream.close();
    }
  });

  it("tells an agent about another department's conversation they watch, and not about its neighbours", async () => {
    const watcher = await buildStaff(t, a.district.id, { departmentIds: [a.departments.nutrition.id] });
    const watched = await buildInquiry(t, a, { message: "Bus 4 is late every day." });
    const other = await buildInquiry(t, a, { message: "Bus 5 is late too." });
    await t.tx(a.district.id, admin.actor, (ctx) => addWatchers(ctx, watched.conversation.id, [watcher.staff.id], "manual"));
    const stream = await openStream(watcher);
    try {
      await t.tx(a.district.id, admin.actor, (ctx) => addNote(ctx, other.conversation.id, "Checking with the depot."));
      await t.tx(a.district.id, admin.actor, (ctx) => addNote(ctx, watched.conversation.id, "Called the driver."));
      const frame = await stream.sse.nextEvent();
      expect(frame).toMatchObject({ event: "note.added" });
      expect(JSON.parse(frame!.data!).conversationId).toBe(watched.conversation.id);
    } finally {
      stream.close();
    }
  });

  it("replays what a reconnecting client missed after Last-Event-ID", async () => {
    const stream = await openStream(admin);
    const created = await buildInquiry(t, a, { message: "Before the drop" });
    const seen = await stream.sse.nextEvent();
    stream.close();
    const missed = await buildInquiry(t, a, { message: "While disconnected" });
    await buildInquiry(t, b, { message: "Elsewhere" });

    const again = await openStream(admin, { "last-event-id": seen!.id! });
    try {
      const replayed = [];
      for (let i = 0; i < 5; i++) replayed.push(await again.sse.nextEvent());
      expect(replayed.map((f) => [f!.event, JSON.parse(f!.data!).conversationId])).toEqual([
        ["message.received", created.conversation.id],
        ["conversation.routed", created.conversation.id],
        ["conversation.created", missed.conversation.id],
        ["message.received", missed.conversation.id],
        ["conversation.routed", missed.conversation.id],
      ]);
      const ids = replayed.map((f) => Number(f!.id));
      expect(ids).toEqual([...ids].sort((x, y) => x - y));
      // Then it carries on live.
      const live = await buildInquiry(t, a, { message: "After reconnecting" });
      expect(JSON.parse((await again.sse.nextEvent())!.data!).conversationId).toBe(live.conversation.id);
    } finally {
      again.close();
    }
  });

  it("answers 401 without credentials", async () => {
    const res = await fetch(`${base}/api/stream`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: "unauthenticated" });
  });

  it("keeps every connection alive with a heartbeat and ends them all when the hub closes", async () => {
    const hub = createLiveHub(t.deps, { heartbeatMs: 20 });
    let ended = false;
    const beat = new Promise<void>((resolve) =>
      hub.subscribe({ districtId: a.district.id, actor: admin.actor, send: () => undefined, heartbeat: resolve, end: () => void (ended = true) }),
    );
    await beat;
    await hub.close();
    expect(ended).toBe(true);
  });

  it("lets the app close while streams are open, ending them", async () => {
    const app = await buildApp(t.deps);
    await app.listen({ port: 0, host: "127.0.0.1" });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const stream = await openStream(admin, {}, origin);
    await app.close();
    expect(await stream.sse.next()).toBeNull();
  });
});
