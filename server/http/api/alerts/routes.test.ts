import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDetail } from "../../../../common/contract/conversations.js";
import type { Alert, AlertCategory } from "../../../../common/contract/operations.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let admin: TestStaff;
let sup: TestStaff;
let dana: TestStaff; // Transportation agent: the bus concerns are hers
let carmen: TestStaff; // Nutrition agent and the self-harm responder
let nina: TestStaff; // Nutrition agent, not a responder
let viewer: TestStaff;
let recorder: TestStaff;
let otherAdmin: TestStaff; // district B

const as = (s: TestStaff) => ({ headers: bearer(s) });
const SELF_HARM = "My daughter told me last night: I want to kill myself.";

async function categories(s: TestStaff): Promise<AlertCategory[]> {
  const res = await t.app.inject({ method: "GET", url: "/api/alerts/categories", ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: AlertCategory[] }>().items;
}

async function alerts(s: TestStaff, status = "active"): Promise<Alert[]> {
  const res = await t.app.inject({ method: "GET", url: `/api/alerts?status=${status}`, ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Alert[] }>().items;
}

async function detail(s: TestStaff, id: string): Promise<ConversationDetail> {
  const res = await t.app.inject({ method: "GET", url: `/api/conversations/${id}`, ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ConversationDetail>();
}

/** Offsets of every occurrence of `phrase` in `text`. */
function occurrences(text: string, phrase: string): { phrase: string; start: number; end: number }[] {
  const out = [];
  for (let i = text.indexOf(phrase); i >= 0; i = text.indexOf(phrase, i + 1)) out.push({ phrase, start: i, end: i + phrase.length });
  return out;
}

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  admin = await buildStaff(t, a.district.id, { role: "admin", name: "Alex Admin" });
  sup = await buildStaff(t, a.district.id, { role: "supervisor", name: "Sue Visor", departmentIds: [a.departments.transportation.id] });
  dana = await buildStaff(t, a.district.id, { name: "Dana Reyes", departmentIds: [a.departments.transportation.id] });
  carmen = await buildStaff(t, a.district.id, { name: "Carmen Ruiz", departmentIds: [a.departments.nutrition.id] });
  nina = await buildStaff(t, a.district.id, { name: "Nina Ito", departmentIds: [a.departments.nutrition.id] });
  viewer = await buildStaff(t, a.district.id, { role: "viewer", name: "Vic Viewer" });
  recorder = await buildStaff(t, a.district.id, { role: "recorder", name: "Rita Recorder", departmentIds: [a.departments.transportation.id] });
  otherAdmin = await buildStaff(t, b.district.id, { role: "admin", name: "Bo Other" });
});
afterAll(() => t.close());

describe("alert categories", () => {
  it("lists the five built-in categories of a district", async () => {
    const list = await categories(sup);
    expect(list.map((c) => c.key).sort()).toEqual(["abuse", "harassment", "self_harm", "violence", "weapons"]);
    expect(list.every((c) => c.builtIn && c.enabled && c.phrases.length === 0 && c.responderIds.length === 0)).toBe(true);
    expect(list.find((c) => c.key === "self_harm")).toMatchObject({ name: { en: "Self-harm", es: "Autolesión" }, severity: "critical" });
    expect(list.find((c) => c.key === "harassment")!.severity).toBe("high");
    // listing twice creates nothing more
    expect((await categories(admin)).map((c) => c.id).sort()).toEqual(list.map((c) => c.id).sort());
  });

  it("names the responders of a category, only active staff of the district", async () => {
    const selfHarm = (await categories(admin)).find((c) => c.key === "self_harm")!;
    const url = `/api/alerts/categories/${selfHarm.id}`;
    // the responders alone (this answered 500 before f4c5f25: an UPDATE with nothing to set)
    const res = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { responderIds: [carmen.staff.id] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<AlertCategory>()).toEqual({ ...selfHarm, responderIds: [carmen.staff.id] });

    const foreign = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { responderIds: [carmen.staff.id, otherAdmin.staff.id] } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().invalidParams).toEqual([{ name: "responderIds", reason: "not_found" }]);
    const phrases = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { phrases: ["feeling down"] } });
    expect(phrases.statusCode).toBe(400);
    expect(phrases.json().invalidParams).toEqual([{ name: "phrases", reason: "built_in" }]);
    expect((await t.app.inject({ method: "PATCH", url, ...as(admin), payload: {} })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "PATCH", url, ...as(sup), payload: { responderIds: [] } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PATCH", url: "/api/alerts/categories/00000000-0000-4000-8000-000000000000", ...as(admin), payload: { enabled: true } })).statusCode).toBe(404);
    expect((await categories(admin)).find((c) => c.key === "self_harm")!.responderIds).toEqual([carmen.staff.id]);
  });

  it("creates a district category and refuses a duplicate key, a bad key or no phrases", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/alerts/categories",
      ...as(admin),
      payload: { key: "Media", name: { en: "Media inquiry", es: "Consulta de prensa" }, phrases: ["news reporter"] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<AlertCategory>()).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      key: "media",
      name: { en: "Media inquiry", es: "Consulta de prensa" },
      builtIn: false,
      phrases: ["news reporter"],
      severity: "high",
      enabled: true,
      responderIds: [],
    });
    const dup = await t.app.inject({ method: "POST", url: "/api/alerts/categories", ...as(admin), payload: { key: "media", name: { en: "Again" }, phrases: ["press"] } });
    expect(dup.statusCode).toBe(409);
    for (const payload of [
      { key: "1media", name: { en: "x" }, phrases: ["press"] },
      { key: "press", name: { en: "x" }, phrases: [] },
      { key: "press", name: { en: "" }, phrases: ["press"] },
      { key: "press", name: { en: "x" }, phrases: ["press"], severity: "medium" },
    ]) {
      const bad = await t.app.inject({ method: "POST", url: "/api/alerts/categories", ...as(admin), payload });
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.app.inject({ method: "POST", url: "/api/alerts/categories", ...as(sup), payload: { key: "press", name: { en: "x" }, phrases: ["press"] } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/alerts/categories", ...as(dana) })).statusCode).toBe(403);
    expect((await categories(admin)).map((c) => c.key).sort()).toEqual(["abuse", "harassment", "media", "self_harm", "violence", "weapons"]);
  });
});

describe("a critical alert from a family's message", () => {
  let conversationId: string;
  let alert: Alert;

  it("creates an active alert, raises the priority and makes the responder a watcher", async () => {
    const { conversation, reference } = await buildInquiry(t, a, { email: "worried@example.com", message: SELF_HARM });
    conversationId = conversation.id;
    const d = await detail(admin, conversationId);
    expect(d).toMatchObject({ priority: "critical", alertStatus: "active" });
    expect(d.watchers).toEqual([{ id: carmen.staff.id, name: "Carmen Ruiz", reason: "alert_responder" }]);

    const items = await alerts(admin);
    expect(items).toHaveLength(1);
    alert = items[0]!;
    // offsets point into the message the family wrote (a web form's subject is made from it, and is not scanned)
    const scanned = SELF_HARM;
    expect(alert).toMatchObject({
      conversation: { id: conversationId, reference, subject: d.subject },
      messageId: d.messages[0]!.id,
      category: "self_harm",
      severity: "critical",
      status: "active",
      acknowledgedBy: null,
      downgradedBy: null,
      downgradeReason: null,
    });
    expect(alert.evidence).toEqual(occurrences(scanned, "kill myself"));
  });

  it("is listed for admins, the conversation's department and the category's responder, not for another department's agent", async () => {
    for (const who of [admin, sup, dana, carmen, viewer]) expect((await alerts(who)).map((x) => x.id), who.staff.name).toEqual([alert.id]);
    expect(await alerts(nina)).toEqual([]);
    expect(await alerts(nina, "all")).toEqual([]);
    // and she cannot learn it exists by acting on it
    expect((await t.app.inject({ method: "POST", url: `/api/alerts/${alert.id}/acknowledge`, ...as(nina) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/alerts" })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/alerts?status=open", ...as(admin) })).statusCode).toBe(400);
  });

  it("forbids viewers and recorders from acknowledging or downgrading", async () => {
    for (const who of [viewer, recorder]) {
      const ack = await t.app.inject({ method: "POST", url: `/api/alerts/${alert.id}/acknowledge`, ...as(who) });
      expect(ack.statusCode).toBe(403);
      expect(ack.json()).toMatchObject({ code: "forbidden" });
      const down = await t.app.inject({ method: "POST", url: `/api/alerts/${alert.id}/downgrade`, ...as(who), payload: { reason: "Only a song lyric" } });
      expect(down.statusCode).toBe(403);
    }
    expect((await alerts(admin)).map((x) => x.status)).toEqual(["active"]);
  });

  it("is acknowledged once by the responder; a second acknowledgement is a conflict", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/alerts/${alert.id}/acknowledge`, ...as(carmen) });
    expect(res.statusCode, res.body).toBe(200);
    const acked = res.json<Alert>();
    expect(acked).toMatchObject({ id: alert.id, status: "acknowledged", acknowledgedBy: { id: carmen.staff.id, name: "Carmen Ruiz" }, acknowledgedAt: expect.any(String) });
    expect((await detail(admin, conversationId)).alertStatus).toBe("acknowledged");
    // still critical until someone says it is not
    expect((await detail(admin, conversationId)).priority).toBe("critical");

    const again = await t.app.inject({ method: "POST", url: `/api/alerts/${alert.id}/acknowledge`, ...as(dana) });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: "conflict" });
    expect(await alerts(admin)).toEqual([]);
    expect((await alerts(admin, "acknowledged")).map((x) => x.id)).toEqual([alert.id]);
  });

  it("is downgraded only with a reason, and the priority returns to normal", async () => {
    const url = `/api/alerts/${alert.id}/downgrade`;
    const none = await t.app.inject({ method: "POST", url, ...as(dana), payload: {} });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: "validation_failed", invalidParams: [expect.objectContaining({ name: "body.reason" })] });
    const short = await t.app.inject({ method: "POST", url, ...as(dana), payload: { reason: "  ok  " } });
    expect(short.statusCode).toBe(400);
    expect(short.json().invalidParams).toEqual([{ name: "body.reason", reason: "Say why this is not a critical concern (at least 5 characters)" }]);
    expect((await detail(admin, conversationId)).priority).toBe("critical");

    const reason = "She was quoting a song; spoke with the family and the counselor.";
    const res = await t.app.inject({ method: "POST", url, ...as(dana), payload: { reason: `  ${reason} ` } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Alert>()).toMatchObject({
      status: "downgraded",
      downgradedBy: { id: dana.staff.id, name: "Dana Reyes" },
      downgradeReason: reason,
      acknowledgedBy: { id: carmen.staff.id },
    });
    const d = await detail(admin, conversationId);
    expect(d).toMatchObject({ priority: "normal", alertStatus: "downgraded" });
    expect(d.events.find((e) => e.type === "alert.downgraded")!.data).toMatchObject({ alertId: alert.id, reason });

    const again = await t.app.inject({ method: "POST", url, ...as(dana), payload: { reason } });
    expect(again.statusCode).toBe(409);
    expect((await t.app.inject({ method: "POST", url: `/api/alerts/${alert.id}/acknowledge`, ...as(dana) })).statusCode).toBe(409);
    expect((await alerts(admin, "downgraded")).map((x) => x.id)).toEqual([alert.id]);
    expect((await alerts(admin, "all")).map((x) => x.id)).toEqual([alert.id]);
  });

  it("answers 404 to unknown and malformed alert ids", async () => {
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      expect((await t.app.inject({ method: "POST", url: `/api/alerts/${id}/acknowledge`, ...as(admin) })).statusCode).toBe(404);
      expect((await t.app.inject({ method: "POST", url: `/api/alerts/${id}/downgrade`, ...as(admin), payload: { reason: "Not a concern" } })).statusCode).toBe(404);
    }
  });
});

describe("a district's own category", () => {
  it("raises a media alert when a family mentions a news reporter", async () => {
    const message = "A news reporter called me about the bus crash on Elm Street.";
    const { conversation } = await buildInquiry(t, a, { email: "press@example.com", message });
    const d = await detail(admin, conversation.id);
    // a high (not critical) category raises the priority to high
    expect(d).toMatchObject({ priority: "high", alertStatus: "active" });
    const media = (await alerts(admin)).filter((x) => x.conversation.id === conversation.id);
    expect(media).toHaveLength(1);
    expect(media[0]).toMatchObject({ category: "media", severity: "high", status: "active" });
    expect(media[0]!.evidence).toEqual(occurrences(message, "news reporter"));
    // downgrading straight from active works too
    const res = await t.app.inject({ method: "POST", url: `/api/alerts/${media[0]!.id}/downgrade`, ...as(sup), payload: { reason: "Already handled by communications" } });
    expect(res.statusCode).toBe(200);
    expect((await detail(admin, conversation.id)).priority).toBe("normal");
  });

  it("stops raising a built-in category the district disabled", async () => {
    const selfHarm = (await categories(admin)).find((c) => c.key === "self_harm")!;
    const off = await t.app.inject({ method: "PATCH", url: `/api/alerts/categories/${selfHarm.id}`, ...as(admin), payload: { enabled: false } });
    expect(off.json<AlertCategory>()).toMatchObject({ enabled: false, responderIds: [carmen.staff.id] });
    const { conversation } = await buildInquiry(t, a, { email: "quiet@example.com", message: SELF_HARM });
    expect(await detail(admin, conversation.id)).toMatchObject({ priority: "normal", alertStatus: null, alerts: [] });
    const on = await t.app.inject({ method: "PATCH", url: `/api/alerts/categories/${selfHarm.id}`, ...as(admin), payload: { enabled: true } });
    expect(on.json<AlertCategory>().enabled).toBe(true);
  });
});

describe("district isolation", () => {
  it("answers 404 to another district's alerts and categories, and lists only the district's own", async () => {
    const [aAlert] = await alerts(admin, "all");
    const aCategories = await categories(admin);
    const media = aCategories.find((c) => c.key === "media")!;
    const cases = [
      { method: "POST", url: `/api/alerts/${aAlert!.id}/acknowledge` },
      { method: "POST", url: `/api/alerts/${aAlert!.id}/downgrade`, payload: { reason: "Hijacked by another district" } },
      { method: "PATCH", url: `/api/alerts/categories/${media.id}`, payload: { phrases: ["hijacked"] } },
      { method: "PATCH", url: `/api/alerts/categories/${aCategories.find((c) => c.key === "self_harm")!.id}`, payload: { responderIds: [otherAdmin.staff.id] } },
    ] as const;
    for (const c of cases) {
      const res = await t.app.inject({ ...c, ...as(otherAdmin) });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
      expect(res.body).not.toContain(a.district.id);
    }
    expect(await categories(admin)).toEqual(aCategories);
    expect(await alerts(otherAdmin, "all")).toEqual([]);

    const bCategories = await categories(otherAdmin);
    expect(bCategories.map((c) => c.key).sort()).toEqual(["abuse", "harassment", "self_harm", "violence", "weapons"]);
    expect(bCategories.some((c) => aCategories.some((x) => x.id === c.id))).toBe(false);

    // B's own alert is B's alone; A's "media" phrases mean nothing in B
    const { conversation } = await buildInquiry(t, b, { email: "b.family@example.com", message: `${SELF_HARM} A news reporter called too.` });
    const bAlerts = await alerts(otherAdmin);
    expect(bAlerts.map((x) => [x.conversation.id, x.category])).toEqual([[conversation.id, "self_harm"]]);
    expect((await alerts(admin, "all")).some((x) => x.conversation.id === conversation.id)).toBe(false);
    const res = await t.app.inject({ method: "POST", url: `/api/alerts/${bAlerts[0]!.id}/acknowledge`, ...as(admin) });
    expect(res.statusCode).toBe(404);
    expect((await alerts(otherAdmin))[0]!.status).toBe("active");
  });
});
