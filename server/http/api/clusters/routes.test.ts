import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDetail, ConversationSummary } from "../../../../common/contract/conversations.js";
import type { Cluster, ClusterReplyResult } from "../../../../common/contract/operations.js";
import { messages } from "../../../db/schema/index.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let admin: TestStaff;
let dana: TestStaff; // Transportation agent
let viewer: TestStaff;
let otherAdmin: TestStaff; // district B

const MINUTE = 60_000;
const as = (s: TestStaff) => ({ headers: bearer(s) });
type Family = { id: string; reference: string; email: string; language: "en" | "es" };
const families: Family[] = [];
let cluster: Cluster;

const EN = "Bus 42 is running again on the normal schedule from tomorrow. We are sorry for the late mornings.";
const ES = "El autobús 42 vuelve al horario normal desde mañana. Lamentamos los retrasos.";

async function clusters(s: TestStaff, query = ""): Promise<Cluster[]> {
  const res = await t.app.inject({ method: "GET", url: `/api/clusters${query}`, ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Cluster[] }>().items;
}

async function outbound(conversationId: string) {
  return t.database.db
    .select()
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), eq(messages.direction, "outbound")));
}

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  admin = await buildStaff(t, a.district.id, { role: "admin", name: "Alex Admin" });
  dana = await buildStaff(t, a.district.id, { name: "Dana Reyes", departmentIds: [a.departments.transportation.id] });
  viewer = await buildStaff(t, a.district.id, { role: "viewer" });
  otherAdmin = await buildStaff(t, b.district.id, { role: "admin" });
});
afterAll(() => t.close());

describe("an incident cluster forms from three reports of bus 42", () => {
  it("groups them once the third arrives", async () => {
    const reports = [
      { email: "ana@example.com", language: "en", message: "bus 42 is late" },
      { email: "maria@example.com", language: "es", message: "bus 42 late again, el autobús llegó tarde" },
      { email: "luis@example.com", language: "en", message: "still waiting for bus 42, very late" },
    ] as const;
    for (const [i, r] of reports.entries()) {
      t.clock.advance(MINUTE);
      const { conversation, reference } = await buildInquiry(t, a, { email: r.email, language: r.language, message: r.message, fields: { school: a.schools[0]!.id, bus_number: "42" } });
      await t.drain(); // clustering runs in the intake-follow-up job, right after the acknowledgement
      families.push({ id: conversation.id, reference, email: r.email, language: r.language });
      // two reports are not an incident yet
      expect((await clusters(admin)).length, `after report ${i + 1}`).toBe(i < 2 ? 0 : 1);
    }
    cluster = (await clusters(admin))[0]!;
    expect(cluster).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      // the shared form answer names it
      title: "Bus concern: bus number 42",
      status: "open",
      topicId: a.topics.bus.id,
      departmentId: a.departments.transportation.id,
      total: 3,
      open: 3,
      languages: { en: 2, es: 1 },
      firstAt: expect.any(String),
      lastAt: expect.any(String),
    });
    // a different bus on the same topic stays out
    t.clock.advance(MINUTE);
    await buildInquiry(t, a, { email: "other@example.com", message: "bus 7 is late", fields: { school: a.schools[0]!.id, bus_number: "7" } });
    await t.drain();
    expect((await clusters(admin)).map((c) => [c.id, c.total])).toEqual([[cluster.id, 3]]);
  });

  it("shows the cluster's conversations, oldest first, each linked to it", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/clusters/${cluster.id}`, ...as(dana) });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json<Cluster & { conversations: (ConversationSummary & { abilities: unknown })[] }>();
    expect(d).toMatchObject({ id: cluster.id, title: cluster.title, total: 3, open: 3 });
    expect(d.conversations.map((c) => c.id)).toEqual(families.map((f) => f.id));
    expect(d.conversations.map((c) => c.language)).toEqual(["en", "es", "en"]);
    expect(d.conversations.every((c) => c.cluster?.id === cluster.id && c.cluster.title === cluster.title)).toBe(true);
    const conv = (await t.app.inject({ method: "GET", url: `/api/conversations/${families[0]!.id}`, ...as(dana) })).json<ConversationDetail>();
    expect(conv.cluster).toEqual({ id: cluster.id, title: cluster.title });
    for (const id of ["00000000-0000-4000-8000-000000000000", "nope"]) {
      expect((await t.app.inject({ method: "GET", url: `/api/clusters/${id}`, ...as(admin) })).statusCode).toBe(404);
    }
    expect((await t.app.inject({ method: "GET", url: "/api/clusters?status=closed", ...as(admin) })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "GET", url: "/api/clusters" })).statusCode).toBe(401);
  });
});

describe("replying to every family of the cluster", () => {
  it("refuses a reply without the Spanish text when a family wrote in Spanish, and sends nothing", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/clusters/${cluster.id}/reply`, ...as(dana), payload: { body: { en: EN } } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: "validation_failed",
      detail: "1 family wrote in Spanish: add the Spanish reply",
      invalidParams: [{ name: "body.es", reason: "required" }],
    });
    const blank = await t.app.inject({ method: "POST", url: `/api/clusters/${cluster.id}/reply`, ...as(dana), payload: { body: { en: EN, es: "   " } } });
    expect(blank.statusCode).toBe(400);
    expect((await t.app.inject({ method: "POST", url: `/api/clusters/${cluster.id}/reply`, ...as(dana), payload: { body: { es: ES } } })).statusCode).toBe(400);
    for (const f of families) expect(await outbound(f.id)).toEqual([]);
  });

  it("forbids viewers from replying or resolving", async () => {
    expect((await t.app.inject({ method: "POST", url: `/api/clusters/${cluster.id}/reply`, ...as(viewer), payload: { body: { en: EN, es: ES } } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "POST", url: `/api/clusters/${cluster.id}/resolve`, ...as(viewer) })).statusCode).toBe(403);
  });

  it("sends each family its own reply in its language", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/clusters/${cluster.id}/reply`, ...as(dana), payload: { body: { en: EN, es: ES } } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<ClusterReplyResult>()).toEqual({
      sent: families.map((f) => ({ conversationId: f.id, reference: f.reference, language: f.language })),
      skipped: [],
      resolved: 0,
    });
    for (const f of families) {
      const out = await outbound(f.id);
      expect(out.map((m) => m.body), f.reference).toEqual([f.language === "es" ? ES : EN]);
      expect(out[0]!.authorStaffId).toBe(dana.staff.id);
    }

    t.mailer.sent.length = 0;
    await t.drain();
    for (const f of families) {
      const en = `[${f.reference}] A reply to your message`;
      const es = `[${f.reference}] Una respuesta a su mensaje`;
      const replies = t.mailer.sent.filter((m) => m.to === f.email && (m.subject === en || m.subject === es));
      expect(replies.map((m) => m.subject), f.email).toEqual([f.language === "es" ? es : en]);
      const mail = replies[0]!;
      expect(mail.text).toContain(f.language === "es" ? ES : EN);
      expect(mail.text).not.toContain(f.language === "es" ? EN : ES);
      expect(mail.text).toContain("— Dana Reyes, Test Unified School District");
    }
    // still open: replying did not resolve them
    expect((await clusters(admin))[0]).toMatchObject({ status: "open", open: 3 });
  });

  it("resolves every conversation of the cluster, and the cluster", async () => {
    const res = await t.app.inject({ method: "POST", url: `/api/clusters/${cluster.id}/resolve`, ...as(dana) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ resolved: 3 });
    for (const f of families) {
      const d = (await t.app.inject({ method: "GET", url: `/api/conversations/${f.id}`, ...as(admin) })).json<ConversationDetail>();
      expect(d.status, f.reference).toBe("resolved");
    }
    expect(await clusters(admin, "?status=open")).toEqual([]);
    expect((await clusters(admin, "?status=resolved")).map((c) => [c.id, c.status, c.total, c.open])).toEqual([[cluster.id, "resolved", 3, 0]]);
    // nothing left to answer: a second reply skips them all as resolved
    const again = await t.app.inject({ method: "POST", url: `/api/clusters/${cluster.id}/reply`, ...as(dana), payload: { body: { en: EN } } });
    expect(again.json<ClusterReplyResult>()).toEqual({
      sent: [],
      skipped: families.map((f) => ({ conversationId: f.id, reference: f.reference, reason: "resolved" })),
      resolved: 0,
    });
    expect((await t.app.inject({ method: "POST", url: `/api/clusters/${cluster.id}/resolve`, ...as(dana) })).json()).toEqual({ resolved: 0 });
  });
});

describe("district isolation", () => {
  it("answers 404 to another district's cluster and lists only the district's own", async () => {
    const cases = [
      { method: "GET", url: `/api/clusters/${cluster.id}` },
      { method: "POST", url: `/api/clusters/${cluster.id}/reply`, payload: { body: { en: "Hijacked", es: "Secuestrado" } } },
      { method: "POST", url: `/api/clusters/${cluster.id}/resolve` },
    ] as const;
    for (const c of cases) {
      const res = await t.app.inject({ ...c, ...as(otherAdmin) });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
      expect(res.body).not.toContain(cluster.title);
    }
    expect(await clusters(otherAdmin)).toEqual([]);
    expect(await clusters(otherAdmin, "?status=resolved")).toEqual([]);
    for (const f of families) expect((await outbound(f.id)).map((m) => m.body)).toEqual([f.language === "es" ? ES : EN]);

    // B's own incident on the same bus number is B's alone and does not join A's
    for (const [i, message] of ["bus 42 is late", "bus 42 late again", "still waiting for bus 42, very late"].entries()) {
      await buildInquiry(t, b, { email: `b${i}@example.com`, message, fields: { school: b.schools[0]!.id, bus_number: "42" } });
      await t.drain();
    }
    const bClusters = await clusters(otherAdmin);
    expect(bClusters.map((c) => [c.title, c.total, c.topicId])).toEqual([["Bus concern: bus number 42", 3, b.topics.bus.id]]);
    expect(bClusters[0]!.id).not.toBe(cluster.id);
    expect((await clusters(admin)).map((c) => c.id)).toEqual([cluster.id]);
    expect((await t.app.inject({ method: "GET", url: `/api/clusters/${bClusters[0]!.id}`, ...as(admin) })).statusCode).toBe(404);
  });
});
