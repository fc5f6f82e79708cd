import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConversationDetail } from "../../../../common/contract/conversations.js";
import type { DepartmentRouting, RoutingModel } from "../../../../common/contract/operations.js";
import type { RoutingRule, RoutingRuleInputBody, TryRoutingResponse } from "../../../../common/contract/routing.js";
import { conversations, departments, events, routingRules } from "../../../db/schema/index.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let admin: TestStaff;
let sup: TestStaff; // supervisor of district A, no departments
let dana: TestStaff; // Transportation agent
let viewer: TestStaff;
let otherAdmin: TestStaff; // district B

const as = (s: TestStaff) => ({ headers: bearer(s) });
const PROBLEM = "application/problem+json; charset=utf-8";

/** The rule the integration tests rely on: "bus 42" in the message → Transportation, tagged bus. */
let bus42: RoutingRule;
const bus42Body = (): RoutingRuleInputBody => ({
  name: "Bus 42",
  conditions: [{ type: "keywords", phrases: ["bus 42"], match: "any" }],
  actions: [
    { type: "setDepartment", departmentId: a.departments.transportation.id },
    { type: "addTags", tags: ["bus"] },
  ],
});

async function rules(s: TestStaff): Promise<RoutingRule[]> {
  const res = await t.app.inject({ method: "GET", url: "/api/routing/rules", ...as(s) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: RoutingRule[] }>().items;
}

async function create(s: TestStaff, body: RoutingRuleInputBody): Promise<RoutingRule> {
  const res = await t.app.inject({ method: "POST", url: "/api/routing/rules", ...as(s), payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<RoutingRule>();
}

async function tryText(s: TestStaff, payload: Record<string, unknown>): Promise<TryRoutingResponse> {
  const res = await t.app.inject({ method: "POST", url: "/api/routing/try", ...as(s), payload });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TryRoutingResponse>();
}

async function countConversations(districtId: string): Promise<number> {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(conversations).where(eq(conversations.districtId, districtId));
  return row!.n;
}

async function countEvents(districtId: string): Promise<number> {
  const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(events).where(eq(events.districtId, districtId));
  return row!.n;
}

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t, { prefix: "RUSD", assignment: "round_robin" });
  b = await buildDistrict(t, { prefix: "BUSD" });
  admin = await buildStaff(t, a.district.id, { role: "admin", name: "Alex Admin", email: "alex@riverside.test" });
  sup = await buildStaff(t, a.district.id, { role: "supervisor", name: "Sue Visor" });
  dana = await buildStaff(t, a.district.id, { name: "Dana Reyes", departmentIds: [a.departments.transportation.id] });
  viewer = await buildStaff(t, a.district.id, { role: "viewer", name: "Vic Viewer" });
  otherAdmin = await buildStaff(t, b.district.id, { role: "admin", name: "Bo Other" });
});
afterAll(() => t.close());

describe("routing rules: create, list, update, move, delete", () => {
  it("creates a rule last with its defaults and answers 201", async () => {
    bus42 = await create(admin, bus42Body());
    expect(bus42).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Bus 42",
      enabled: true,
      position: 1,
      conditions: [{ type: "keywords", phrases: ["bus 42"], match: "any" }],
      actions: [
        { type: "setDepartment", departmentId: a.departments.transportation.id },
        { type: "addTags", tags: ["bus"] },
      ],
      stopProcessing: false,
    });
    expect((await rules(admin)).map((r) => [r.name, r.position])).toEqual([["Bus 42", 1]]);
  });

  it("lists rules in position order, updates one, moves one (positions stay 1..n) and deletes one (204, renumbered)", async () => {
    const lunch = await create(admin, {
      name: "Lunch",
      conditions: [{ type: "keywords", phrases: ["lunch"], match: "any" }],
      actions: [{ type: "setDepartment", departmentId: a.departments.nutrition.id }],
    });
    const urgent = await create(admin, {
      name: "Urgent",
      conditions: [{ type: "keywords", phrases: ["urgent"], match: "any" }],
      actions: [{ type: "setPriority", priority: "high" }],
      stopProcessing: true,
    });
    expect([lunch.position, urgent.position]).toEqual([2, 3]);
    expect((await rules(admin)).map((r) => [r.id, r.position])).toEqual([
      [bus42.id, 1],
      [lunch.id, 2],
      [urgent.id, 3],
    ]);

    // A full replacement keeps the rule's place.
    const put = await t.app.inject({
      method: "PUT",
      url: `/api/routing/rules/${lunch.id}`,
      ...as(admin),
      payload: {
        name: "Lunch and menus",
        enabled: false,
        conditions: [{ type: "keywords", phrases: ["lunch", "menu*"], match: "any" }],
        actions: [{ type: "setDepartment", departmentId: a.departments.nutrition.id }, { type: "addTags", tags: ["Food"] }],
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json<RoutingRule>()).toEqual({
      id: lunch.id,
      name: "Lunch and menus",
      enabled: false,
      position: 2,
      conditions: [{ type: "keywords", phrases: ["lunch", "menu*"], match: "any" }],
      // tags are stored lower-cased
      actions: [{ type: "setDepartment", departmentId: a.departments.nutrition.id }, { type: "addTags", tags: ["food"] }],
      stopProcessing: false,
    });

    // Urgent to the top: the others move down one.
    const moved = await t.app.inject({ method: "POST", url: `/api/routing/rules/${urgent.id}/move`, ...as(admin), payload: { position: 1 } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json<{ items: RoutingRule[] }>().items.map((r) => [r.id, r.position])).toEqual([
      [urgent.id, 1],
      [bus42.id, 2],
      [lunch.id, 3],
    ]);
    // A position past the end means last.
    const last = await t.app.inject({ method: "POST", url: `/api/routing/rules/${urgent.id}/move`, ...as(admin), payload: { position: 99 } });
    expect(last.json<{ items: RoutingRule[] }>().items.map((r) => [r.id, r.position])).toEqual([
      [bus42.id, 1],
      [lunch.id, 2],
      [urgent.id, 3],
    ]);

    // A rule created at a position makes room there.
    const first = await create(admin, { name: "Everything", position: 1, actions: [{ type: "addTags", tags: ["seen"] }] });
    expect(first.position).toBe(1);
    expect((await rules(admin)).map((r) => [r.id, r.position])).toEqual([
      [first.id, 1],
      [bus42.id, 2],
      [lunch.id, 3],
      [urgent.id, 4],
    ]);

    for (const id of [first.id, lunch.id]) {
      const del = await t.app.inject({ method: "DELETE", url: `/api/routing/rules/${id}`, ...as(admin) });
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe("");
    }
    expect((await rules(admin)).map((r) => [r.id, r.position])).toEqual([
      [bus42.id, 1],
      [urgent.id, 2],
    ]);
    const gone = await t.app.inject({ method: "DELETE", url: `/api/routing/rules/${lunch.id}`, ...as(admin) });
    expect(gone.statusCode).toBe(404);
    expect((await t.app.inject({ method: "DELETE", url: `/api/routing/rules/${urgent.id}`, ...as(admin) })).statusCode).toBe(204);
    expect((await rules(admin)).map((r) => [r.id, r.position])).toEqual([[bus42.id, 1]]);
  });

  it("answers 404 to unknown and malformed rule ids", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const body = bus42Body();
    const cases = [
      { method: "PUT", url: `/api/routing/rules/${unknown}`, payload: body },
      { method: "DELETE", url: `/api/routing/rules/${unknown}` },
      { method: "POST", url: `/api/routing/rules/${unknown}/move`, payload: { position: 1 } },
      { method: "PUT", url: "/api/routing/rules/not-an-id", payload: body },
      { method: "DELETE", url: "/api/routing/rules/not-an-id" },
    ] as const;
    for (const c of cases) {
      const res = await t.app.inject({ ...c, ...as(admin) });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
      expect(res.json()).toMatchObject({ code: "not_found" });
    }
  });
});

describe("routing rules: validation", () => {
  async function refused(payload: unknown): Promise<{ name: string; reason: string }[]> {
    const res = await t.app.inject({ method: "POST", url: "/api/routing/rules", ...as(admin), payload: payload as Record<string, unknown> });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers["content-type"]).toBe(PROBLEM);
    const problem = res.json<{ code: string; status: number; type: string; invalidParams: { name: string; reason: string }[] }>();
    expect(problem).toMatchObject({ code: "validation_failed", status: 400, type: "https://frontoffice.dev/problems/validation_failed" });
    return problem.invalidParams;
  }

  it("refuses a phrase over 100 characters", async () => {
    const long = "x".repeat(101);
    const params = await refused({ ...bus42Body(), conditions: [{ type: "keywords", phrases: ["bus 42", long], match: "any" }] });
    expect(params).toEqual([{ name: "body.conditions.0.phrases.1", reason: "A phrase is at most 100 characters" }]);
    // exactly 100 is fine (created, then removed)
    const ok = await create(admin, { ...bus42Body(), name: "Long phrase", conditions: [{ type: "keywords", phrases: ["y".repeat(100)], match: "any" }] });
    expect((await t.app.inject({ method: "DELETE", url: `/api/routing/rules/${ok.id}`, ...as(admin) })).statusCode).toBe(204);
  });

  it("refuses an unknown condition type", async () => {
    const params = await refused({ ...bus42Body(), conditions: [{ type: "weather", value: "rain" }] });
    expect(params).toHaveLength(1);
    expect(params[0]!.name).toBe("body.conditions.0.type");
  });

  it("refuses a rule without actions, without a name, or with a malformed action", async () => {
    expect(await refused({ ...bus42Body(), actions: [] })).toEqual([{ name: "body.actions", reason: "A rule needs at least one action" }]);
    expect(await refused({ ...bus42Body(), name: "   " })).toEqual([{ name: "body.name", reason: "Give the rule a name" }]);
    expect(await refused({ ...bus42Body(), actions: [{ type: "setDepartment", departmentId: "transportation" }] })).toEqual([
      { name: "body.actions.0.departmentId", reason: "Must be an id (UUID)" },
    ]);
    // a PUT validates the same way
    const res = await t.app.inject({ method: "PUT", url: `/api/routing/rules/${bus42.id}`, ...as(admin), payload: { ...bus42Body(), actions: [] } });
    expect(res.statusCode).toBe(400);
    const move = await t.app.inject({ method: "POST", url: `/api/routing/rules/${bus42.id}/move`, ...as(admin), payload: { position: 0 } });
    expect(move.statusCode).toBe(400);
    expect(await rules(admin)).toEqual([bus42]);
  });
});

describe("routing rules: roles and sessions", () => {
  it("lets a supervisor read rules but not change them; agents and viewers neither", async () => {
    expect((await rules(sup)).map((r) => r.id)).toEqual([bus42.id]);
    const writes = [
      { method: "POST", url: "/api/routing/rules", payload: bus42Body() },
      { method: "PUT", url: `/api/routing/rules/${bus42.id}`, payload: bus42Body() },
      { method: "DELETE", url: `/api/routing/rules/${bus42.id}` },
      { method: "POST", url: `/api/routing/rules/${bus42.id}/move`, payload: { position: 1 } },
    ] as const;
    for (const who of [sup, dana, viewer]) {
      for (const w of writes) {
        const res = await t.app.inject({ ...w, ...as(who) });
        expect(res.statusCode, `${who.staff.name} ${w.method} ${w.url}`).toBe(403);
        expect(res.json()).toMatchObject({ code: "forbidden" });
      }
    }
    for (const who of [dana, viewer]) {
      expect((await t.app.inject({ method: "GET", url: "/api/routing/rules", ...as(who) })).statusCode).toBe(403);
      expect((await t.app.inject({ method: "POST", url: "/api/routing/try", ...as(who), payload: { text: "hello" } })).statusCode).toBe(403);
    }
    expect(await rules(admin)).toEqual([bus42]);
  });

  it("answers 401 without credentials", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/routing/rules" })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "POST", url: "/api/routing/rules", payload: bus42Body() })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "POST", url: "/api/routing/try", payload: { text: "hello" } })).statusCode).toBe(401);
  });

  it("needs the CSRF token for a cookie-session write", async () => {
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { district: a.district.slug, email: "alex@riverside.test", password: admin.password } });
    expect(login.statusCode).toBe(200);
    const cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    const csrf = login.json<{ csrfToken: string }>().csrfToken;
    const body = { name: "Session rule", actions: [{ type: "addTags", tags: ["session"] }] };
    const without = await t.app.inject({ method: "POST", url: "/api/routing/rules", headers: { cookie }, payload: body });
    expect(without.statusCode).toBe(403);
    const read = await t.app.inject({ method: "GET", url: "/api/routing/rules", headers: { cookie } });
    expect(read.json<{ items: RoutingRule[] }>().items.map((r) => r.id)).toEqual([bus42.id]);
    const withToken = await t.app.inject({ method: "POST", url: "/api/routing/rules", headers: { cookie, "x-csrf-token": csrf }, payload: body });
    expect(withToken.statusCode).toBe(201);
    const id = withToken.json<RoutingRule>().id;
    expect((await t.app.inject({ method: "DELETE", url: `/api/routing/rules/${id}`, headers: { cookie } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "DELETE", url: `/api/routing/rules/${id}`, headers: { cookie, "x-csrf-token": csrf } })).statusCode).toBe(204);
  });
});

describe("a rule routes a real inquiry, and try-a-message gives the same decision without storing anything", () => {
  // Rule 1 sets Transportation (the general topic has no department); Transportation hands out work by round robin and
  // Dana is its only member.
  const expectedSummary = () => `rule 1 "Bus 42" → Transportation, tagged bus; assigned to Dana Reyes by round robin`;

  it("puts a general question mentioning bus 42 in Transportation, tagged bus, explained by the rule", async () => {
    const { conversation } = await buildInquiry(t, a, {
      topic: a.topics.general,
      fields: {},
      email: "family42@example.com",
      message: "Is bus 42 running on the snow schedule tomorrow?",
    });
    const res = await t.app.inject({ method: "GET", url: `/api/conversations/${conversation.id}`, ...as(admin) });
    expect(res.statusCode).toBe(200);
    const d = res.json<ConversationDetail>();
    expect(d.department).toEqual({ id: a.departments.transportation.id, name: "Transportation" });
    expect(d.assignee).toEqual({ id: dana.staff.id, name: "Dana Reyes" });
    expect(d.tags).toEqual(["bus"]);
    expect(d.inTriage).toBe(false);
    expect(d.routing!.summary).toBe(expectedSummary());
    expect(d.routing!.steps).toEqual([
      { code: "rule_matched", ruleId: bus42.id, position: 1, name: "Bus 42", conditions: ['mentions "bus 42"'] },
      { code: "set_department", departmentId: a.departments.transportation.id, ruleId: bus42.id },
      { code: "tags_added", tags: ["bus"], ruleId: bus42.id },
      { code: "assigned", staffId: dana.staff.id, by: "round_robin" },
    ]);
  });

  it("try-a-message returns the same decision and stores nothing", async () => {
    const before = { conversations: await countConversations(a.district.id), events: await countEvents(a.district.id) };
    const storedRules = await t.database.db.select().from(routingRules).where(eq(routingRules.districtId, a.district.id));
    const out = await tryText(admin, { text: "Is bus 42 running on the snow schedule tomorrow?", topicId: a.topics.general.id });
    expect(out).toEqual({
      departmentId: a.departments.transportation.id,
      assigneeId: dana.staff.id,
      priority: "normal",
      tags: ["bus"],
      watchers: [],
      slaPolicyId: null,
      triage: false,
      alerts: [],
      explanation: {
        summary: expectedSummary(),
        steps: [
          { code: "rule_matched", ruleId: bus42.id, position: 1, name: "Bus 42", conditions: ['mentions "bus 42"'] },
          { code: "set_department", departmentId: a.departments.transportation.id, ruleId: bus42.id },
          { code: "tags_added", tags: ["bus"], ruleId: bus42.id },
          { code: "assigned", staffId: dana.staff.id, by: "round_robin" },
        ],
      },
    });
    expect(await countConversations(a.district.id)).toBe(before.conversations);
    expect(await countEvents(a.district.id)).toBe(before.events);
    expect(await t.database.db.select().from(routingRules).where(eq(routingRules.districtId, a.district.id))).toEqual(storedRules);
    // a supervisor may try too
    expect((await tryText(sup, { text: "bus 42?" })).departmentId).toBe(a.departments.transportation.id);
  });

  it("reports a self-harm statement as a critical alert", async () => {
    const out = await tryText(admin, { text: "I want to kill myself" });
    expect(out.alerts).toEqual([{ category: "self_harm", severity: "critical" }]);
    expect(out.priority).toBe("critical");
  });

  it("sends a message no topic, rule or model places to triage, with a triage step", async () => {
    const out = await tryText(admin, { text: "Where can I find the school calendar?" });
    expect(out).toMatchObject({ departmentId: null, assigneeId: null, triage: true, alerts: [], priority: "normal", tags: [] });
    expect(out.explanation.steps).toEqual([{ code: "triage", reason: "no_department" }]);
    expect(out.explanation.summary).toBe("no department → triage");
  });

  it("uses the topic's department when the topic has one", async () => {
    const out = await tryText(admin, { text: "The driver was kind today.", topicId: a.topics.bus.id });
    expect(out.departmentId).toBe(a.departments.transportation.id);
    expect(out.explanation.steps[0]).toEqual({ code: "topic_department", topicId: a.topics.bus.id, departmentId: a.departments.transportation.id });
    expect(out.triage).toBe(false);
  });

  it("validates the sample", async () => {
    for (const payload of [{}, { text: "   " }, { text: "x".repeat(20_001) }, { text: "hi", topicId: "bus" }, { text: "hi", language: "fr" }]) {
      const res = await t.app.inject({ method: "POST", url: "/api/routing/try", ...as(admin), payload });
      expect(res.statusCode, JSON.stringify(payload).slice(0, 60)).toBe(400);
      expect(res.json()).toMatchObject({ code: "validation_failed" });
    }
  });
});

describe("learned routing model status", () => {
  it("shows an untrained model with the history available, and training on too little history leaves it untrained", async () => {
    // no model yet: the threshold shown is the district's setting
    const settings = await t.app.inject({ method: "GET", url: "/api/settings/district", ...as(admin) });
    const threshold = settings.json<{ routingThreshold: number | null }>().routingThreshold;
    // routed and not in triage: the one "bus 42" inquiry so far
    const expected: RoutingModel = { trained: false, examples: 0, labels: 0, threshold, trainedAt: null, historyAvailable: 1, minExamples: 20 };
    const res = await t.app.inject({ method: "GET", url: "/api/routing/model", ...as(sup) });
    expect(res.statusCode).toBe(200);
    expect(res.json<RoutingModel>()).toEqual(expected);
    const trained = await t.app.inject({ method: "POST", url: "/api/routing/model/train", ...as(admin) });
    expect(trained.statusCode).toBe(200);
    expect(trained.json<RoutingModel>()).toEqual(expected);
    expect((await t.app.inject({ method: "POST", url: "/api/routing/model/train", ...as(sup) })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/routing/model", ...as(dana) })).statusCode).toBe(403);
  });
});

describe("department assignment policies", () => {
  async function departmentsOf(s: TestStaff): Promise<DepartmentRouting[]> {
    const res = await t.app.inject({ method: "GET", url: "/api/routing/departments", ...as(s) });
    expect(res.statusCode).toBe(200);
    return res.json<{ items: DepartmentRouting[] }>().items;
  }

  it("lists departments by name with policy, owner and members", async () => {
    expect(await departmentsOf(sup)).toEqual([
      { id: a.departments.nutrition.id, name: "Nutrition Services", assignmentPolicy: "round_robin", ownerStaffId: null, memberIds: [] },
      { id: a.departments.transportation.id, name: "Transportation", assignmentPolicy: "round_robin", ownerStaffId: null, memberIds: [dana.staff.id] },
    ]);
  });

  it("changes round robin to least load, and the next inquiry goes to the member with the least open work", async () => {
    const url = `/api/routing/departments/${a.departments.transportation.id}`;
    const res = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { assignmentPolicy: "least_load" } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<DepartmentRouting>()).toEqual({
      id: a.departments.transportation.id,
      name: "Transportation",
      assignmentPolicy: "least_load",
      ownerStaffId: null,
      memberIds: [dana.staff.id],
    });
    // Dana holds the bus 42 conversation (open load 1); Lee joins with none.
    const lee = await buildStaff(t, a.district.id, { name: "Lee Park", departmentIds: [a.departments.transportation.id] });
    const { conversation } = await buildInquiry(t, a, { topic: a.topics.general, fields: {}, email: "second42@example.com", message: "bus 42 skipped our stop" });
    expect(conversation.assigneeId).toBe(lee.staff.id);
    expect(conversation.routing!.summary).toBe(`rule 1 "Bus 42" → Transportation, tagged bus; assigned to Lee Park by least load`);
  });

  it("sets an owner of the district, and refuses another district's staff member", async () => {
    const url = `/api/routing/departments/${a.departments.nutrition.id}`;
    const ok = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { ownerStaffId: sup.staff.id } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<DepartmentRouting>()).toMatchObject({ ownerStaffId: sup.staff.id, assignmentPolicy: "round_robin" });

    const foreign = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { ownerStaffId: otherAdmin.staff.id } });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({ code: "validation_failed", invalidParams: [{ name: "ownerStaffId", reason: "not_found" }] });
    const cleared = await t.app.inject({ method: "PATCH", url, ...as(admin), payload: { ownerStaffId: null } });
    expect(cleared.json<DepartmentRouting>().ownerStaffId).toBeNull();

    for (const payload of [{}, { assignmentPolicy: "lottery" }, { ownerStaffId: "dana" }]) {
      const res = await t.app.inject({ method: "PATCH", url, ...as(admin), payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await t.app.inject({ method: "PATCH", url, ...as(sup), payload: { assignmentPolicy: "queue" } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "PATCH", url: "/api/routing/departments/00000000-0000-4000-8000-000000000000", ...as(admin), payload: { assignmentPolicy: "queue" } })).statusCode).toBe(404);
    expect((await departmentsOf(admin)).find((d) => d.id === a.departments.nutrition.id)).toMatchObject({ ownerStaffId: null, assignmentPolicy: "round_robin" });
  });
});

describe("district isolation", () => {
  let bRule: RoutingRule;

  beforeAll(async () => {
    bRule = await create(otherAdmin, {
      name: "B buses",
      conditions: [{ type: "keywords", phrases: ["bus 42"], match: "any" }],
      actions: [{ type: "setDepartment", departmentId: b.departments.transportation.id }],
    });
  });

  it("numbers each district's rules on their own and lists only the district's own", async () => {
    expect(bRule.position).toBe(1);
    expect(await rules(otherAdmin)).toEqual([bRule]);
    expect((await rules(admin)).map((r) => r.id)).toEqual([bus42.id]);
  });

  it("answers 404 (never 403, never data) to another district's rule ids, and changes nothing", async () => {
    const cases = [
      { method: "PUT", url: `/api/routing/rules/${bus42.id}`, payload: { ...bus42Body(), name: "Hijacked" } },
      { method: "DELETE", url: `/api/routing/rules/${bus42.id}` },
      { method: "POST", url: `/api/routing/rules/${bus42.id}/move`, payload: { position: 1 } },
    ] as const;
    for (const c of cases) {
      const res = await t.app.inject({ ...c, ...as(otherAdmin) });
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
      expect(res.body).not.toContain(bus42.name);
    }
    expect(await rules(admin)).toEqual([bus42]);
    expect(await rules(otherAdmin)).toEqual([bRule]);
  });

  it("answers 404 to another district's department and lists only the district's own", async () => {
    const res = await t.app.inject({ method: "PATCH", url: `/api/routing/departments/${a.departments.transportation.id}`, ...as(otherAdmin), payload: { assignmentPolicy: "queue" } });
    expect(res.statusCode).toBe(404);
    const list = (await t.app.inject({ method: "GET", url: "/api/routing/departments", ...as(otherAdmin) })).json<{ items: DepartmentRouting[] }>().items;
    expect(list.map((d) => d.id).sort()).toEqual([b.departments.nutrition.id, b.departments.transportation.id].sort());
    const [dept] = await t.database.db
      .select({ policy: departments.assignmentPolicy })
      .from(departments)
      .where(and(eq(departments.districtId, a.district.id), eq(departments.id, a.departments.transportation.id)));
    expect(dept!.policy).toBe("least_load");
  });

  it("tries a message with the district's own rules only, ignoring another district's topic", async () => {
    const out = await tryText(otherAdmin, { text: "Is bus 42 late?" });
    expect(out.departmentId).toBe(b.departments.transportation.id);
    expect(out.explanation.summary).toBe(`rule 1 "B buses" → Transportation; waiting in Transportation's queue for a manual pick`);
    const foreignTopic = await tryText(otherAdmin, { text: "The driver was kind today.", topicId: a.topics.bus.id });
    expect(foreignTopic).toMatchObject({ departmentId: null, triage: true });
    expect(foreignTopic.explanation.steps).toEqual([{ code: "triage", reason: "no_department" }]);
  });

  it("reports the model of the district's own history", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/routing/model", ...as(otherAdmin) });
    expect(res.json<RoutingModel>()).toMatchObject({ trained: false, historyAvailable: 0 });
  });
});
