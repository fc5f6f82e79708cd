import { describe, expect, it } from "vitest";
import {
  RoutingRuleSchema,
  type RoutingRule,
  type RuleAction,
  type RuleCondition,
} from "../../../../common/contract/routing.js";
import { describeCondition, evaluateRules, normalizeForKeywords, type RoutingFacts } from "./engine.js";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const TOPIC_BUS = uuid(1);
const TOPIC_MENU = uuid(2);
const TRANSPORT = uuid(10);
const NUTRITION = uuid(11);
const COUNSELING = uuid(12);
const DANA = uuid(20);
const LEE = uuid(21);
const SLA_FAST = uuid(30);
const SLA_SLOW = uuid(31);

let seq = 0;
type RuleSpec = { conditions?: unknown[]; actions: unknown[] } & Partial<Omit<RoutingRule, "conditions" | "actions">>;
/** A rule through the contract's schema, so every fixture is one an admin could have saved. */
function rule(spec: RuleSpec): RoutingRule {
  seq += 1;
  return RoutingRuleSchema.parse({
    id: uuid(1000 + seq),
    name: `Rule ${seq}`,
    enabled: true,
    position: seq,
    conditions: [],
    stopProcessing: false,
    ...spec,
  });
}
const when = (conditions: unknown[], ...actions: unknown[]) => rule({ conditions, actions });
const setDept = (departmentId: string) => ({ type: "setDepartment", departmentId }) satisfies RuleAction;

function facts(over: Partial<RoutingFacts> = {}): RoutingFacts {
  return {
    topicId: null,
    categoryId: null,
    schoolId: null,
    departmentId: null,
    channel: "web_form",
    language: "en",
    requesterRole: "parent",
    kind: "question",
    priority: "normal",
    fields: {},
    subject: "",
    text: "",
    afterHours: false,
    tags: [],
    alertCategories: [],
    ...over,
  };
}

/** Does a rule with this one condition fire on these facts? */
function fires(condition: unknown, f: Partial<RoutingFacts>): boolean {
  return evaluateRules([when([condition], setDept(NUTRITION))], facts(f)).matchedRuleIds.length === 1;
}

describe("evaluateRules: order and control", () => {
  it("without rules keeps the topic's department and explains it first", () => {
    const out = evaluateRules([], facts({ topicId: TOPIC_BUS, departmentId: TRANSPORT }));
    expect(out).toEqual({
      departmentId: TRANSPORT,
      assignment: { mode: "policy" },
      priority: "normal",
      tags: [],
      watchers: [],
      slaPolicyId: null,
      triage: false,
      steps: [{ code: "topic_department", topicId: TOPIC_BUS, departmentId: TRANSPORT }],
      matchedRuleIds: [],
    });
  });

  it("without department and rules leaves the conversation unassigned for the caller", () => {
    const out = evaluateRules([], facts({ topicId: TOPIC_BUS }));
    expect(out.departmentId).toBeNull();
    expect(out.assignment).toBeNull();
    expect(out.steps).toEqual([]);
  });

  it("runs rules by position, not array order, and the last setDepartment wins", () => {
    const a = rule({ position: 2, actions: [setDept(COUNSELING)] });
    const b = rule({ position: 1, actions: [setDept(NUTRITION)] });
    const out = evaluateRules([a, b], facts());
    expect(out.matchedRuleIds).toEqual([b.id, a.id]);
    expect(out.departmentId).toBe(COUNSELING);
    expect(out.steps.filter((s) => s.code === "set_department").map((s) => s.departmentId)).toEqual([NUTRITION, COUNSELING]);
  });

  it("keeps array order between equal positions", () => {
    const a = rule({ position: 5, actions: [setDept(COUNSELING)] });
    const b = rule({ position: 5, actions: [setDept(NUTRITION)] });
    expect(evaluateRules([a, b], facts()).matchedRuleIds).toEqual([a.id, b.id]);
    expect(evaluateRules([b, a], facts()).matchedRuleIds).toEqual([b.id, a.id]);
  });

  it("does not mutate the rules array it sorts", () => {
    const rules = [rule({ position: 9, actions: [setDept(COUNSELING)] }), rule({ position: 1, actions: [setDept(NUTRITION)] })];
    const before = rules.map((r) => r.id);
    evaluateRules(rules, facts());
    expect(rules.map((r) => r.id)).toEqual(before);
  });

  it("skips disabled rules", () => {
    const off = rule({ enabled: false, actions: [setDept(COUNSELING)] });
    const out = evaluateRules([off], facts({ departmentId: TRANSPORT }));
    expect(out.matchedRuleIds).toEqual([]);
    expect(out.departmentId).toBe(TRANSPORT);
  });

  it("requires every condition; an empty list always holds", () => {
    const both = when([{ type: "language", languages: ["es"] }, { type: "channel", channels: ["sms"] }], setDept(NUTRITION));
    expect(evaluateRules([both], facts({ language: "es", channel: "sms" })).matchedRuleIds).toEqual([both.id]);
    expect(evaluateRules([both], facts({ language: "es", channel: "email" })).matchedRuleIds).toEqual([]);
    const always = when([], setDept(NUTRITION));
    expect(evaluateRules([always], facts()).departmentId).toBe(NUTRITION);
  });

  it("lets a rule depend on the department an earlier rule set", () => {
    const toTransport = when([{ type: "keywords", phrases: ["bus"], match: "any" }], setDept(TRANSPORT));
    const busNumber = when(
      [
        { type: "department", departmentIds: [TRANSPORT] },
        { type: "field", key: "bus_number", op: "present" },
      ],
      { type: "assignPerson", staffId: DANA },
    );
    const f = facts({ text: "The bus never came", fields: { bus_number: "42" } });
    const out = evaluateRules([toTransport, busNumber], f);
    expect(out.matchedRuleIds).toEqual([toTransport.id, busNumber.id]);
    expect(out.assignment).toEqual({ mode: "person", staffId: DANA, ruleId: busNumber.id });

    // In the other order the department is not there yet when the second rule is looked at.
    const reversed = evaluateRules([{ ...busNumber, position: 0 }, toTransport], f);
    expect(reversed.matchedRuleIds).toEqual([toTransport.id]);
    expect(reversed.assignment).toEqual({ mode: "policy" });
  });

  it("lets later rules see priority and tags set by earlier ones", () => {
    const urgent = when([{ type: "keywords", phrases: ["urgent"], match: "any" }], { type: "setPriority", priority: "high" }, {
      type: "addTags",
      tags: ["urgent"],
    });
    const watchHigh = when([{ type: "priority", priorities: ["high"] }], { type: "addWatchers", staffIds: [LEE] });
    const tagged = when([{ type: "hasTag", tags: ["urgent"] }], { type: "applySla", slaPolicyId: SLA_FAST });
    const out = evaluateRules([urgent, watchHigh, tagged], facts({ text: "URGENT: no ride home" }));
    expect(out.matchedRuleIds).toEqual([urgent.id, watchHigh.id, tagged.id]);
    expect(out).toMatchObject({ priority: "high", tags: ["urgent"], watchers: [LEE], slaPolicyId: SLA_FAST });
  });

  it("never loops on its own actions: a rule raising normal to high fires once", () => {
    const raise = when([{ type: "priority", priorities: ["normal"] }], { type: "setPriority", priority: "high" });
    const again = when([{ type: "priority", priorities: ["normal"] }], { type: "setPriority", priority: "critical" });
    const out = evaluateRules([raise, again], facts());
    expect(out.matchedRuleIds).toEqual([raise.id]);
    expect(out.priority).toBe("high");
    expect(out.steps.filter((s) => s.code === "set_priority")).toHaveLength(1);
  });

  it("stops after a fired rule with stopProcessing, not after one that did not fire", () => {
    const notFiring = rule({ conditions: [{ type: "language", languages: ["es"] }], actions: [setDept(COUNSELING)], stopProcessing: true });
    const stopper = rule({ actions: [setDept(NUTRITION)], stopProcessing: true });
    const after = rule({ actions: [setDept(TRANSPORT)] });
    const out = evaluateRules([notFiring, stopper, after], facts());
    expect(out.matchedRuleIds).toEqual([stopper.id]);
    expect(out.departmentId).toBe(NUTRITION);
  });
});

describe("evaluateRules: actions", () => {
  it("prefers assignPerson over assignByPolicy whatever the order; the last person wins", () => {
    const person = when([], setDept(TRANSPORT), { type: "assignPerson", staffId: DANA });
    const policy = when([], { type: "assignByPolicy" });
    const person2 = when([], { type: "assignPerson", staffId: LEE });
    expect(evaluateRules([person, policy], facts()).assignment).toEqual({ mode: "person", staffId: DANA, ruleId: person.id });
    expect(evaluateRules([{ ...policy, position: 0 }, person], facts()).assignment).toEqual({ mode: "person", staffId: DANA, ruleId: person.id });
    expect(evaluateRules([person, policy, person2], facts()).assignment).toEqual({ mode: "person", staffId: LEE, ruleId: person2.id });
  });

  it("names the rule that asked for the policy, even without a department", () => {
    const policy = when([], { type: "assignByPolicy" });
    expect(evaluateRules([policy], facts()).assignment).toEqual({ mode: "policy", ruleId: policy.id });
  });

  it("sends to triage: no assignee whatever else fired, department kept, one step", () => {
    const triage = when([{ type: "alert", categories: ["self_harm"] }], { type: "sendToTriage" }, setDept(COUNSELING));
    const triage2 = when([], { type: "sendToTriage" });
    const person = when([], { type: "assignPerson", staffId: DANA });
    const out = evaluateRules([triage, triage2, person], facts({ alertCategories: ["self_harm"] }));
    expect(out).toMatchObject({ triage: true, assignment: null, departmentId: COUNSELING });
    expect(out.steps.filter((s) => s.code === "triage")).toEqual([{ code: "triage", reason: "rule" }]);
  });

  it("accumulates tags and watchers without duplicates and reports only what is new", () => {
    const a = when([], { type: "addTags", tags: ["bus", "late"] }, { type: "addWatchers", staffIds: [DANA] });
    const b = when([], { type: "addTags", tags: ["late", "vip"] }, { type: "addWatchers", staffIds: [DANA] });
    const out = evaluateRules([a, b], facts({ tags: ["Bus"] }));
    expect(out.tags).toEqual(["bus", "late", "vip"]);
    expect(out.watchers).toEqual([DANA]);
    expect(out.steps.filter((s) => s.code === "tags_added" || s.code === "watchers_added")).toEqual([
      { code: "tags_added", tags: ["late"], ruleId: a.id },
      { code: "watchers_added", staffIds: [DANA], ruleId: a.id },
      { code: "tags_added", tags: ["vip"], ruleId: b.id },
    ]);
  });

  it("applies the last SLA and explains each step in order", () => {
    const a = when([{ type: "field", key: "bus_number", op: "equals", value: "42" }], { type: "applySla", slaPolicyId: SLA_SLOW });
    const b = when([], { type: "applySla", slaPolicyId: SLA_FAST }, { type: "setPriority", priority: "low" });
    const out = evaluateRules([a, b], facts({ topicId: TOPIC_BUS, departmentId: TRANSPORT, fields: { bus_number: " 42 " } }));
    expect(out.slaPolicyId).toBe(SLA_FAST);
    expect(out.steps).toEqual([
      { code: "topic_department", topicId: TOPIC_BUS, departmentId: TRANSPORT },
      { code: "rule_matched", ruleId: a.id, position: a.position, name: a.name, conditions: ['field "bus_number" = 42'] },
      { code: "sla_applied", slaPolicyId: SLA_SLOW, ruleId: a.id },
      { code: "rule_matched", ruleId: b.id, position: b.position, name: b.name, conditions: [] },
      { code: "sla_applied", slaPolicyId: SLA_FAST, ruleId: b.id },
      { code: "set_priority", priority: "low", ruleId: b.id },
    ]);
  });
});

describe("conditions", () => {
  it("matches ids: topic, category, school, department", () => {
    expect(fires({ type: "topic", topicIds: [TOPIC_MENU, TOPIC_BUS] }, { topicId: TOPIC_BUS })).toBe(true);
    expect(fires({ type: "topic", topicIds: [TOPIC_MENU] }, { topicId: TOPIC_BUS })).toBe(false);
    expect(fires({ type: "topic", topicIds: [TOPIC_MENU] }, { topicId: null })).toBe(false);
    expect(fires({ type: "category", categoryIds: [uuid(40)] }, { categoryId: uuid(40) })).toBe(true);
    expect(fires({ type: "school", schoolIds: [uuid(50)] }, { schoolId: uuid(51) })).toBe(false);
    expect(fires({ type: "school", schoolIds: [uuid(50)] }, { schoolId: uuid(50) })).toBe(true);
    expect(fires({ type: "department", departmentIds: [TRANSPORT] }, { departmentId: TRANSPORT })).toBe(true);
    expect(fires({ type: "department", departmentIds: [TRANSPORT] }, { departmentId: null })).toBe(false);
  });

  it("matches enums: language, channel, requester role, kind, priority", () => {
    expect(fires({ type: "language", languages: ["es"] }, { language: "es" })).toBe(true);
    expect(fires({ type: "language", languages: ["es"] }, { language: "en" })).toBe(false);
    expect(fires({ type: "channel", channels: ["sms", "facebook"] }, { channel: "facebook" })).toBe(true);
    expect(fires({ type: "channel", channels: ["sms"] }, { channel: "phone" })).toBe(false);
    expect(fires({ type: "requesterRole", roles: ["student"] }, { requesterRole: "student" })).toBe(true);
    expect(fires({ type: "requesterRole", roles: ["student"] }, { requesterRole: "parent" })).toBe(false);
    expect(fires({ type: "kind", kinds: ["concern", "suggestion"] }, { kind: "concern" })).toBe(true);
    expect(fires({ type: "kind", kinds: ["compliment"] }, { kind: "concern" })).toBe(false);
    expect(fires({ type: "priority", priorities: ["critical"] }, { priority: "critical" })).toBe(true);
    expect(fires({ type: "priority", priorities: ["critical"] }, { priority: "low" })).toBe(false);
  });

  it("matches after hours, tags and alerts", () => {
    expect(fires({ type: "afterHours", value: true }, { afterHours: true })).toBe(true);
    expect(fires({ type: "afterHours", value: true }, { afterHours: false })).toBe(false);
    expect(fires({ type: "afterHours", value: false }, { afterHours: false })).toBe(true);
    expect(fires({ type: "hasTag", tags: ["vip", "press"] }, { tags: ["PRESS"] })).toBe(true);
    expect(fires({ type: "hasTag", tags: ["vip"] }, { tags: ["press"] })).toBe(false);
    expect(fires({ type: "alert", categories: ["self_harm", "weapons"] }, { alertCategories: ["weapons"] })).toBe(true);
    expect(fires({ type: "alert", categories: ["self_harm"] }, { alertCategories: ["harassment"] })).toBe(false);
    expect(fires({ type: "alert", categories: ["self_harm"] }, { alertCategories: [] })).toBe(false);
  });

  it("negates any condition", () => {
    expect(fires({ type: "language", languages: ["es"], negate: true }, { language: "en" })).toBe(true);
    expect(fires({ type: "language", languages: ["es"], negate: true }, { language: "es" })).toBe(false);
    expect(fires({ type: "department", departmentIds: [TRANSPORT], negate: true }, { departmentId: null })).toBe(true);
    expect(fires({ type: "keywords", phrases: ["bus"], match: "any", negate: true }, { text: "the bus" })).toBe(false);
    expect(fires({ type: "keywords", phrases: ["bus"], match: "any", negate: true }, { text: "lunch" })).toBe(true);
    expect(fires({ type: "field", key: "bus_number", op: "present", negate: true }, { fields: {} })).toBe(true);
    expect(fires({ type: "alert", categories: ["self_harm"], negate: true }, { alertCategories: ["self_harm"] })).toBe(false);
    expect(fires({ type: "afterHours", value: true, negate: false }, { afterHours: true })).toBe(true);
  });

  it("describes a negated condition that held", () => {
    const r = when([{ type: "channel", channels: ["sms"], negate: true }], setDept(NUTRITION));
    expect(evaluateRules([r], facts()).steps[0]).toMatchObject({ code: "rule_matched", conditions: ["not channel is sms"] });
  });
});

describe("field conditions", () => {
  const field = (op: string, extra: object, value: unknown) =>
    fires({ type: "field", key: "bus_number", op, ...extra }, { fields: value === undefined ? {} : ({ bus_number: value } as unknown as RoutingFacts["fields"]) });

  it("equals compares the whole value, trimmed and case-insensitively", () => {
    expect(field("equals", { value: "42" }, "42")).toBe(true);
    expect(field("equals", { value: "42" }, "  42 ")).toBe(true);
    expect(field("equals", { value: "42" }, "bus 42")).toBe(false);
    expect(field("equals", { value: "Route A" }, "route a")).toBe(true);
    expect(field("equals", { value: "42" }, 42)).toBe(true);
    expect(field("equals", { value: "42" }, undefined)).toBe(false);
  });

  it("contains finds a part of the value", () => {
    expect(field("contains", { value: "42" }, "Bus 42 (afternoon)")).toBe(true);
    expect(field("contains", { value: "WHEELCHAIR" }, "needs a wheelchair lift")).toBe(true);
    expect(field("contains", { value: "43" }, "Bus 42")).toBe(false);
  });

  it("in is equals-any-of", () => {
    expect(field("in", { values: ["41", "42"] }, "42")).toBe(true);
    expect(field("in", { values: ["41", "43"] }, "42")).toBe(false);
  });

  it("matches any element of a multi-choice answer", () => {
    expect(field("equals", { value: "pm" }, ["am", "PM"])).toBe(true);
    expect(field("in", { values: ["k", "1"] }, ["3", "1"])).toBe(true);
    expect(field("contains", { value: "lift" }, ["ramp", "wheelchair lift"])).toBe(true);
    expect(field("in", { values: ["k"] }, ["3", "4"])).toBe(false);
  });

  it("present means a non-empty answer", () => {
    expect(field("present", {}, "42")).toBe(true);
    expect(field("present", {}, 0)).toBe(true);
    expect(field("present", {}, ["x"])).toBe(true);
    expect(field("present", {}, "   ")).toBe(false);
    expect(field("present", {}, [])).toBe(false);
    expect(field("present", {}, [""])).toBe(false);
    expect(field("present", {}, undefined)).toBe(false);
    expect(field("present", {}, true)).toBe(true);
    expect(field("present", {}, false)).toBe(false);
  });

  it("does not read inherited properties as answers", () => {
    const r = when([{ type: "field", key: "constructor", op: "present" }], setDept(NUTRITION));
    expect(evaluateRules([r], facts()).matchedRuleIds).toEqual([]);
  });

  it("describes the value that matched", () => {
    const r = when([{ type: "field", key: "grade", op: "in", values: ["k", "1"] }], setDept(NUTRITION));
    const out = evaluateRules([r], facts({ fields: { grade: ["3", "K"] } }));
    expect(out.steps[0]).toMatchObject({ conditions: ['field "grade" = K'] });
  });
});

describe("keyword conditions", () => {
  const kw = (phrases: string[], text: string, match: "any" | "all" = "any", subject = "") =>
    fires({ type: "keywords", phrases, match }, { text, subject });

  it("ignores accents and case both ways", () => {
    expect(kw(["autobús"], "El autobus no llegó")).toBe(true);
    expect(kw(["autobus"], "EL AUTOBÚS NO LLEGÓ")).toBe(true);
    expect(kw(["niño"], "mi nino")).toBe(true);
    expect(kw(["cafeteria"], "La cafetería")).toBe(true);
  });

  it("matches whole words only", () => {
    expect(kw(["bus"], "my business")).toBe(false);
    expect(kw(["bus"], "the omnibus bill")).toBe(false);
    expect(kw(["bus"], "bus")).toBe(true);
    expect(kw(["bus"], "(bus)")).toBe(true);
    expect(kw(["late"], "translate")).toBe(false);
  });

  it("treats a trailing * as a prefix", () => {
    expect(kw(["transport*"], "Transportation office")).toBe(true);
    expect(kw(["transport*"], "transport")).toBe(true);
    expect(kw(["transport*"], "Public-transport woes")).toBe(true);
    expect(kw(["transport*"], "untransportable")).toBe(false);
    expect(kw(["school bus*"], "school buses are late")).toBe(true);
    expect(kw(["school bus*"], "school was fine, bus late")).toBe(false);
  });

  it("matches phrases across punctuation and spacing but not across words", () => {
    expect(kw(["bus stop"], "the bus-stop on Main")).toBe(true);
    expect(kw(["bus stop"], "at the BUS   STOP!")).toBe(true);
    expect(kw(["bus stop"], "bus, stop")).toBe(true);
    expect(kw(["bus stop"], "the bus will stop")).toBe(false);
    expect(kw(["don't"], "I don’t know")).toBe(true);
  });

  it("searches the subject too", () => {
    expect(kw(["bullying"], "see subject", "any", "Bullying at recess")).toBe(true);
  });

  it("any needs one phrase, all needs every phrase", () => {
    expect(kw(["bus", "lunch"], "lunch menu", "any")).toBe(true);
    expect(kw(["bus", "lunch"], "lunch menu", "all")).toBe(false);
    expect(kw(["bus", "lunch"], "lunch on the bus", "all")).toBe(true);
  });

  it("describes the phrases that matched", () => {
    const r = when([{ type: "keywords", phrases: ["bus", "autobús", "lunch"], match: "any" }], setDept(TRANSPORT));
    const out = evaluateRules([r], facts({ text: "El autobus y el bus" }));
    expect(out.steps[0]).toMatchObject({ conditions: ['mentions "bus", "autobús"'] });
  });

  it("reuses a compiled rule set without leaking one message into the next", () => {
    const rules = [when([{ type: "keywords", phrases: ["bus"], match: "any" }], setDept(TRANSPORT))];
    expect(evaluateRules(rules, facts({ text: "bus" })).departmentId).toBe(TRANSPORT);
    expect(evaluateRules(rules, facts({ text: "lunch" })).departmentId).toBeNull();
    expect(evaluateRules(rules, facts({ text: "the BUS" })).departmentId).toBe(TRANSPORT);
  });

  it("handles a large phrase list over a long message", () => {
    const phrases = Array.from({ length: 200 }, (_, i) => `word${i}`);
    const rules = [when([{ type: "keywords", phrases, match: "any" }], setDept(TRANSPORT))];
    const text = `${"lorem ipsum dolor ".repeat(1000)} word199`;
    expect(evaluateRules(rules, facts({ text })).departmentId).toBe(TRANSPORT);
  });

  it("normalises like the brief says", () => {
    expect(normalizeForKeywords("  ¿Dónde está el AUTOBÚS nº 42?! ")).toBe("donde esta el autobus no 42");
  });
});

describe("describeCondition", () => {
  it.each<[RuleCondition, string]>([
    [{ type: "topic", topicIds: [TOPIC_BUS] }, `topic is ${TOPIC_BUS}`],
    [{ type: "school", schoolIds: [uuid(50), uuid(51)] }, `school is one of ${uuid(50)}, ${uuid(51)}`],
    [{ type: "field", key: "bus_number", op: "equals", value: "42" }, 'field "bus_number" = 42'],
    [{ type: "field", key: "notes", op: "contains", value: "lift" }, 'field "notes" contains "lift"'],
    [{ type: "field", key: "notes", op: "present" }, 'field "notes" is answered'],
    [{ type: "field", key: "grade", op: "in", values: ["k", "1"] }, 'field "grade" is one of k, 1'],
    [{ type: "keywords", phrases: ["bus", "autobús"], match: "any" }, 'mentions any of "bus", "autobús"'],
    [{ type: "keywords", phrases: ["bus", "late"], match: "all" }, 'mentions all of "bus", "late"'],
    [{ type: "language", languages: ["es"] }, "language is es"],
    [{ type: "channel", channels: ["sms"], negate: true }, "not channel is sms"],
    [{ type: "requesterRole", roles: ["student"] }, "requester is student"],
    [{ type: "kind", kinds: ["concern"] }, "kind is concern"],
    [{ type: "afterHours", value: true }, "after hours"],
    [{ type: "afterHours", value: false }, "during office hours"],
    [{ type: "priority", priorities: ["high", "critical"] }, "priority is one of high, critical"],
    [{ type: "hasTag", tags: ["vip"] }, "tagged vip"],
    [{ type: "alert", categories: ["self_harm"] }, "alert self_harm"],
    [{ type: "department", departmentIds: [TRANSPORT] }, `department is ${TRANSPORT}`],
    [{ type: "category", categoryIds: [uuid(40)] }, `category is ${uuid(40)}`],
  ])("%j → %s", (c, text) => {
    expect(describeCondition(c)).toBe(text);
  });
});
