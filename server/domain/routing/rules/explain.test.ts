import { describe, expect, it } from "vitest";
import { RoutingRuleSchema, type RoutingStep } from "../../../../common/contract/routing.js";
import { pickAssignee, type Candidate } from "./assignment.js";
import { evaluateRules } from "./engine.js";
import { summarize, type RoutingNames } from "./explain.js";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const TOPIC = uuid(1);
const TRANSPORT = uuid(10);
const COUNSELING = uuid(11);
const DANA = uuid(20);
const LEE = uuid(21);
const SAM = uuid(22);
const RULE = uuid(30);
const RULE2 = uuid(31);

const names: RoutingNames = {
  topics: { [TOPIC]: "Bus stop" },
  departments: { [TRANSPORT]: "Transportation", [COUNSELING]: "Counseling" },
  staff: { [DANA]: "Dana Whitfield", [LEE]: "Lee Park", [SAM]: "Sam Ortiz" },
};
const matched = (ruleId: string, position: number, name: string): RoutingStep => ({ code: "rule_matched", ruleId, position, name, conditions: [] });

describe("summarize", () => {
  it("reads like the example", () => {
    const steps: RoutingStep[] = [
      { code: "topic_department", topicId: TOPIC, departmentId: TRANSPORT },
      matched(RULE, 3, "Bus number given"),
      { code: "assigned", staffId: DANA, by: "round_robin", ruleId: RULE },
    ];
    expect(summarize(steps, names)).toBe('topic Bus stop → Transportation; rule 3 "Bus number given" → assigned to Dana Whitfield by round robin');
  });

  it("is what the engine and the picker produce together", () => {
    const rule = RoutingRuleSchema.parse({
      id: RULE,
      name: "Bus number given",
      enabled: true,
      position: 3,
      conditions: [{ type: "field", key: "bus_number", op: "present" }],
      actions: [{ type: "assignByPolicy" }],
      stopProcessing: false,
    });
    const outcome = evaluateRules([rule], {
      topicId: TOPIC,
      categoryId: null,
      schoolId: null,
      departmentId: TRANSPORT,
      channel: "web_form",
      language: "en",
      requesterRole: "parent",
      kind: "question",
      priority: "normal",
      fields: { bus_number: "42" },
      subject: "Bus",
      text: "The bus was late",
      afterHours: false,
      tags: [],
      alertCategories: [],
    });
    const lee: Candidate = { staffId: LEE, name: "Lee Park", active: true, outOfOffice: { from: null, until: null, delegateStaffId: null }, isWorking: true, capacity: null, openLoad: 0, lastAssignedAt: null };
    const dana: Candidate = { ...lee, staffId: DANA, name: "Dana Whitfield", outOfOffice: null };
    expect(outcome.assignment).toEqual({ mode: "policy", ruleId: RULE });
    const pick = pickAssignee({
      policy: "round_robin",
      departmentId: TRANSPORT,
      members: [lee, dana],
      roundRobinCursor: null,
      ruleId: RULE,
      departmentOwner: null,
      districtOwner: null,
      delegates: {},
      now: new Date("2025-03-04T15:00:00Z"),
    });
    expect(summarize([...outcome.steps, ...pick.steps], names)).toBe(
      'topic Bus stop → Transportation; rule 3 "Bus number given" → assigned to Dana Whitfield by round robin (Lee Park out of office)',
    );
  });

  it("attaches each rule's actions to it", () => {
    const steps: RoutingStep[] = [
      matched(RULE, 1, "Buses"),
      { code: "set_department", departmentId: TRANSPORT, ruleId: RULE },
      { code: "set_priority", priority: "high", ruleId: RULE },
      { code: "tags_added", tags: ["bus", "late"], ruleId: RULE },
      matched(RULE2, 2, "Watch"),
      { code: "watchers_added", staffIds: [LEE, SAM], ruleId: RULE2 },
      { code: "sla_applied", slaPolicyId: uuid(40), ruleId: RULE2 },
      { code: "assigned", staffId: DANA, by: "person", ruleId: RULE },
    ];
    expect(summarize(steps, names)).toBe(
      'rule 1 "Buses" → Transportation, priority high, tagged bus, late, assigned to Dana Whitfield; ' +
        'rule 2 "Watch" → watched by Lee Park, Sam Ortiz, SLA applied',
    );
  });

  it("says when a rule matched without visible effect", () => {
    expect(summarize([matched(RULE, 4, "Just policy")], names)).toBe('rule 4 "Just policy" matched');
  });

  it("tells delegates, owners and queues", () => {
    const delegate: RoutingStep[] = [
      { code: "skipped_staff", staffId: DANA, reason: "out_of_office" },
      { code: "assigned", staffId: SAM, by: "delegate", instead_of: DANA },
    ];
    expect(summarize(delegate, names)).toBe("assigned to Sam Ortiz, delegate of Dana Whitfield (Dana Whitfield out of office)");
    expect(summarize([{ code: "assigned", staffId: LEE, by: "department_owner" }], names)).toBe("assigned to Lee Park, the department owner");
    expect(summarize([{ code: "assigned", staffId: LEE, by: "district_owner" }], names)).toBe("assigned to Lee Park, the district owner");
    expect(summarize([{ code: "assigned", staffId: LEE, by: "least_load" }], names)).toBe("assigned to Lee Park by least load");
    expect(summarize([{ code: "queue", departmentId: COUNSELING }], names)).toBe("waiting in Counseling's queue for a manual pick");
  });

  it("tells triage and who was away", () => {
    const steps: RoutingStep[] = [
      { code: "topic_department", topicId: TOPIC, departmentId: TRANSPORT },
      { code: "skipped_staff", staffId: DANA, reason: "at_capacity" },
      { code: "skipped_staff", staffId: LEE, reason: "inactive" },
      { code: "triage", reason: "nobody_available" },
    ];
    expect(summarize(steps, names)).toBe(
      "topic Bus stop → Transportation; skipped Dana Whitfield (at capacity), Lee Park (inactive); nobody available → triage",
    );
    expect(summarize([matched(RULE, 2, "Self-harm"), { code: "triage", reason: "rule" }], names)).toBe('rule 2 "Self-harm" → sent to triage');
    expect(summarize([{ code: "triage", reason: "no_department" }], names)).toBe("no department → triage");
  });

  it("tells what the classifier thought", () => {
    expect(summarize([{ code: "classifier", departmentId: COUNSELING, label: "counseling", confidence: 0.874 }], names)).toBe(
      "classifier → Counseling (87%)",
    );
    const low: RoutingStep[] = [
      {
        code: "classifier_low_confidence",
        suggestions: [
          { label: "food", confidence: 0.2 },
          { label: "bus", departmentId: TRANSPORT, confidence: 0.41 },
        ],
        threshold: 0.6,
      },
      { code: "triage", reason: "low_confidence" },
    ];
    expect(summarize(low, names)).toBe("classifier unsure (best guess Transportation 41%, below 60%); not sure where it goes → triage");
  });

  it("shows a short id for names it does not know", () => {
    const unknown = "abcdef12-0000-4000-8000-000000000000";
    expect(summarize([{ code: "assigned", staffId: unknown, by: "person" }], names)).toBe("assigned to staff abcdef12");
    expect(summarize([{ code: "assigned", staffId: "constructor", by: "person" }], names)).toBe("assigned to staff construc");
  });

  it("is empty without steps", () => {
    expect(summarize([], names)).toBe("");
  });
});
