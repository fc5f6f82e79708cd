import { describe, expect, it } from "vitest";
import {
  RoutingExplanationSchema,
  RoutingRuleInputSchema,
  RoutingRuleSchema,
  RoutingStepSchema,
  RuleActionSchema,
  RuleConditionSchema,
  TryRoutingRequestSchema,
  TryRoutingResponseSchema,
} from "./routing.js";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

type Parsed = { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } };

/** The messages of a failed parse, keyed by dotted path; each path must have exactly one. */
function problems(result: Parsed): Record<string, string> {
  expect(result.success).toBe(false);
  const out: Record<string, string> = {};
  for (const i of result.error?.issues ?? []) {
    const path = i.path.map(String).join(".");
    expect(out[path], `two problems at ${path}`).toBeUndefined();
    out[path] = i.message;
  }
  return out;
}

const validRule = {
  id: uuid(1),
  name: "Bus number given",
  enabled: true,
  position: 3,
  conditions: [
    { type: "topic", topicIds: [uuid(2)] },
    { type: "field", key: "bus_number", op: "present" },
    { type: "keywords", phrases: ["autobús", "transport*", "bus stop"], match: "any", negate: false },
    { type: "afterHours", value: true, negate: true },
    { type: "alert", categories: ["self_harm"] },
  ],
  actions: [
    { type: "setDepartment", departmentId: uuid(3) },
    { type: "assignByPolicy" },
    { type: "addTags", tags: ["bus", "late-pickup"] },
    { type: "sendToTriage" },
  ],
  stopProcessing: false,
};

describe("RoutingRule", () => {
  it("accepts a full rule", () => {
    const r = RoutingRuleSchema.parse(validRule);
    expect(r.conditions).toHaveLength(5);
    expect(r.actions[0]).toEqual({ type: "setDepartment", departmentId: uuid(3) });
  });

  it("accepts every condition type", () => {
    const conditions = [
      { type: "topic", topicIds: [uuid(1)] },
      { type: "category", categoryIds: [uuid(1)] },
      { type: "school", schoolIds: [uuid(1)] },
      { type: "department", departmentIds: [uuid(1)] },
      { type: "field", key: "grade", op: "in", values: ["k", "1"] },
      { type: "field", key: "notes", op: "contains", value: "wheelchair" },
      { type: "keywords", phrases: ["late"], match: "all" },
      { type: "language", languages: ["es"] },
      { type: "channel", channels: ["sms", "email"] },
      { type: "requesterRole", roles: ["student"] },
      { type: "kind", kinds: ["concern"] },
      { type: "afterHours", value: false },
      { type: "priority", priorities: ["normal"] },
      { type: "hasTag", tags: ["vip"] },
      { type: "alert", categories: ["violence"] },
    ];
    for (const c of conditions) expect(RuleConditionSchema.safeParse(c).success, JSON.stringify(c)).toBe(true);
  });

  it("accepts every action type", () => {
    const actions = [
      { type: "setDepartment", departmentId: uuid(1) },
      { type: "assignPerson", staffId: uuid(1) },
      { type: "assignByPolicy" },
      { type: "setPriority", priority: "high" },
      { type: "addTags", tags: ["x"] },
      { type: "addWatchers", staffIds: [uuid(1)] },
      { type: "applySla", slaPolicyId: uuid(1) },
      { type: "sendToTriage" },
    ];
    for (const a of actions) expect(RuleActionSchema.safeParse(a).success, JSON.stringify(a)).toBe(true);
  });

  it("normalises tags to lower case and refuses other characters", () => {
    const ok = RuleActionSchema.parse({ type: "addTags", tags: [" Urgent ", "Bus_42"] });
    expect(ok).toEqual({ type: "addTags", tags: ["urgent", "bus_42"] });
    expect(problems(RuleActionSchema.safeParse({ type: "addTags", tags: ["no spaces"] }))).toEqual({
      "tags.0": "A tag uses only lowercase letters, digits, - and _",
    });
    expect(problems(RuleActionSchema.safeParse({ type: "addTags", tags: ["x".repeat(41)] }))["tags.0"]).toMatch(/at most 40/);
    expect(problems(RuleActionSchema.safeParse({ type: "addTags", tags: [] })).tags).toBe("Give at least one tag");
  });

  it("explains a field condition missing its value", () => {
    expect(problems(RuleConditionSchema.safeParse({ type: "field", key: "bus_number", op: "equals" }))).toEqual({
      value: '"equals" needs a value to compare with',
    });
    expect(problems(RuleConditionSchema.safeParse({ type: "field", key: "grade", op: "in", values: [] }))).toEqual({
      values: '"in" needs at least one value',
    });
    expect(problems(RuleConditionSchema.safeParse({ type: "field", key: "Bus Number", op: "present" })).key).toMatch(/field key/);
  });

  it("bounds keyword phrases", () => {
    const kw = (phrases: unknown) => RuleConditionSchema.safeParse({ type: "keywords", phrases, match: "any" });
    expect(problems(kw(["x".repeat(101)]))["phrases.0"]).toBe("A phrase is at most 100 characters");
    expect(problems(kw(Array.from({ length: 201 }, (_, i) => `p${i}`))).phrases).toBe("At most 200 phrases per condition");
    expect(problems(kw(["  "]))["phrases.0"]).toBe("A phrase cannot be empty");
    expect(problems(kw(["?!"]))["phrases.0"]).toBe("A phrase needs at least one letter or digit");
    expect(problems(kw(["tr*nsport"]))["phrases.0"]).toMatch(/Only a trailing \*/);
    expect(problems(kw([])).phrases).toBe("Give at least one phrase");
    expect(kw(["transport*"]).success).toBe(true);
  });

  it("refuses unknown condition and action types and bad ids", () => {
    expect(RuleConditionSchema.safeParse({ type: "weather", sunny: true }).success).toBe(false);
    expect(RuleActionSchema.safeParse({ type: "deleteEverything" }).success).toBe(false);
    expect(problems(RuleActionSchema.safeParse({ type: "assignPerson", staffId: "dana" })).staffId).toBe("Must be an id (UUID)");
    expect(problems(RuleConditionSchema.safeParse({ type: "topic", topicIds: [] })).topicIds).toBe("Choose at least one topic");
    expect(RuleConditionSchema.safeParse({ type: "channel", channels: ["pigeon"] }).success).toBe(false);
  });

  it("bounds conditions, actions, name and position", () => {
    const p = problems(
      RoutingRuleSchema.safeParse({
        ...validRule,
        name: "x".repeat(121),
        position: 1.5,
        conditions: Array.from({ length: 21 }, () => ({ type: "afterHours", value: true })),
        actions: [],
      }),
    );
    expect(p).toMatchObject({
      name: "A rule name is at most 120 characters",
      position: "A position is a whole number",
      conditions: "At most 20 conditions per rule",
      actions: "A rule needs at least one action",
    });
    expect(problems(RoutingRuleSchema.safeParse({ ...validRule, name: "   " })).name).toBe("Give the rule a name");
  });
});

describe("RoutingRuleInput", () => {
  it("applies defaults and needs no id or position", () => {
    const input = RoutingRuleInputSchema.parse({ name: " Spanish speakers ", actions: [{ type: "setDepartment", departmentId: uuid(9) }] });
    expect(input).toEqual({
      name: "Spanish speakers",
      enabled: true,
      conditions: [],
      actions: [{ type: "setDepartment", departmentId: uuid(9) }],
      stopProcessing: false,
    });
    expect(RoutingRuleInputSchema.parse({ ...input, position: 4 }).position).toBe(4);
  });

  it("reports nested problems with their path", () => {
    const p = problems(
      RoutingRuleInputSchema.safeParse({
        name: "Bus",
        conditions: [{ type: "keywords", phrases: ["ok", ""], match: "any" }],
        actions: [{ type: "setPriority", priority: "urgent" }],
      }),
    );
    expect(Object.keys(p).sort()).toEqual(["actions.0.priority", "conditions.0.phrases.1"]);
  });
});

describe("RoutingStep and the try-a-message contract", () => {
  it("parses every step code", () => {
    const steps = [
      { code: "topic_department", topicId: uuid(1), departmentId: uuid(2) },
      { code: "rule_matched", ruleId: uuid(3), position: 1, name: "r", conditions: ['field "bus_number" = 42'] },
      { code: "set_department", departmentId: uuid(2), ruleId: uuid(3) },
      { code: "set_priority", priority: "high", ruleId: uuid(3) },
      { code: "tags_added", tags: ["bus"], ruleId: uuid(3) },
      { code: "watchers_added", staffIds: [uuid(4)], ruleId: uuid(3) },
      { code: "sla_applied", slaPolicyId: uuid(5), ruleId: uuid(3) },
      { code: "classifier", departmentId: uuid(2), label: "transportation", confidence: 0.91 },
      { code: "classifier_low_confidence", suggestions: [{ label: "x", confidence: 0.3 }], threshold: 0.6 },
      { code: "assigned", staffId: uuid(4), by: "delegate", ruleId: uuid(3), instead_of: uuid(6) },
      { code: "skipped_staff", staffId: uuid(6), reason: "out_of_office" },
      { code: "queue", departmentId: uuid(2) },
      { code: "triage", reason: "nobody_available" },
    ];
    expect(RoutingExplanationSchema.parse({ steps, summary: "s" }).steps).toHaveLength(13);
    expect(RoutingStepSchema.safeParse({ code: "assigned", staffId: uuid(4), by: "magic" }).success).toBe(false);
    expect(RoutingStepSchema.safeParse({ code: "classifier", label: "x", confidence: 1.5 }).success).toBe(false);
  });

  it("validates a try request", () => {
    expect(TryRoutingRequestSchema.parse({ text: " The bus was late ", fields: { bus_number: "42", grades: ["k"] } })).toEqual({
      text: "The bus was late",
      fields: { bus_number: "42", grades: ["k"] },
    });
    expect(problems(TryRoutingRequestSchema.safeParse({ text: "" })).text).toBe("Write a message to try");
    expect(problems(TryRoutingRequestSchema.safeParse({ text: "x".repeat(20_001) })).text).toBe("A message is at most 20000 characters");
    expect(TryRoutingRequestSchema.safeParse({ text: "hi", channel: "fax" }).success).toBe(false);
    expect(TryRoutingRequestSchema.safeParse({ text: "hi", topicId: "bus" }).success).toBe(false);
  });

  it("validates a try response", () => {
    const ok = {
      departmentId: uuid(2),
      assigneeId: null,
      priority: "normal",
      tags: [],
      watchers: [],
      slaPolicyId: null,
      triage: false,
      alerts: [{ category: "self_harm", severity: "critical" }],
      explanation: { steps: [{ code: "queue", departmentId: uuid(2) }], summary: "waiting" },
    };
    expect(TryRoutingResponseSchema.parse(ok)).toEqual(ok);
    expect(TryRoutingResponseSchema.safeParse({ ...ok, alerts: [{ category: "x", severity: "low" }] }).success).toBe(false);
  });
});
