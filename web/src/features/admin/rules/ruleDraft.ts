import type {
  FieldOperator,
  RoutingRule,
  RoutingRuleInputBody,
  RuleAction,
  RuleActionType,
  RuleCondition,
  RuleConditionType,
} from "../../../../../common/contract/routing.js";
import type { ChannelType, ConversationKind, Language, Priority, RequesterRole } from "../../../../../common/enums.js";

/**
 * The rule form's state. Lists typed as text (phrases, field values, tags) stay raw text while editing, so a
 * newline or a trailing comma survives the next keystroke; `toInput` turns the draft into the contract's body.
 */
export const CONDITION_TYPES = [
  "topic",
  "category",
  "school",
  "department",
  "field",
  "keywords",
  "language",
  "channel",
  "requesterRole",
  "kind",
  "afterHours",
  "priority",
  "hasTag",
  "alert",
] as const satisfies readonly RuleConditionType[];

export const ACTION_TYPES = [
  "setDepartment",
  "assignPerson",
  "assignByPolicy",
  "setPriority",
  "addTags",
  "addWatchers",
  "applySla",
  "sendToTriage",
] as const satisfies readonly RuleActionType[];

/** Condition types whose value is a set of ids or enum values chosen from a list. */
export type ChoiceConditionType = "topic" | "category" | "school" | "department" | "language" | "channel" | "requesterRole" | "kind" | "priority" | "alert";
export const isChoiceCondition = (t: RuleConditionType): t is ChoiceConditionType =>
  t !== "field" && t !== "keywords" && t !== "afterHours" && t !== "hasTag";

/** The body property that holds a choice condition's values (for error paths). */
export const CHOICE_PROP: Record<ChoiceConditionType, string> = {
  topic: "topicIds",
  category: "categoryIds",
  school: "schoolIds",
  department: "departmentIds",
  language: "languages",
  channel: "channels",
  requesterRole: "roles",
  kind: "kinds",
  priority: "priorities",
  alert: "categories",
};

export type ConditionDraft = {
  uid: string;
  type: RuleConditionType;
  negate: boolean;
  /** choice conditions: the chosen ids or values */
  chosen: string[];
  /** keywords: phrases, one per line; field "in": values, one per line; hasTag: tags, comma-separated */
  text: string;
  match: "any" | "all";
  fieldKey: string;
  op: FieldOperator;
  value: string;
  afterHours: boolean;
};

export type ActionDraft = {
  uid: string;
  type: RuleActionType;
  departmentId: string;
  staffId: string;
  priority: Priority;
  /** addTags: comma-separated */
  tags: string;
  staffIds: string[];
  slaPolicyId: string;
};

export type RuleDraft = {
  name: string;
  enabled: boolean;
  stopProcessing: boolean;
  conditions: ConditionDraft[];
  actions: ActionDraft[];
};

let counter = 0;
const uid = () => `d${++counter}`;

export function newCondition(type: RuleConditionType): ConditionDraft {
  return { uid: uid(), type, negate: false, chosen: [], text: "", match: "any", fieldKey: "", op: "equals", value: "", afterHours: true };
}

export function newAction(type: RuleActionType): ActionDraft {
  return { uid: uid(), type, departmentId: "", staffId: "", priority: "high", tags: "", staffIds: [], slaPolicyId: "" };
}

export const emptyDraft = (): RuleDraft => ({ name: "", enabled: true, stopProcessing: false, conditions: [], actions: [] });

const lines = (s: string) => s.split("\n").map((x) => x.trim()).filter(Boolean);
const commaList = (s: string) => s.split(/[,\n]/).map((x) => x.trim()).filter(Boolean);

function conditionFrom(c: RuleCondition): ConditionDraft {
  const d = newCondition(c.type);
  d.negate = c.negate ?? false;
  switch (c.type) {
    case "topic":
      return { ...d, chosen: c.topicIds };
    case "category":
      return { ...d, chosen: c.categoryIds };
    case "school":
      return { ...d, chosen: c.schoolIds };
    case "department":
      return { ...d, chosen: c.departmentIds };
    case "language":
      return { ...d, chosen: c.languages };
    case "channel":
      return { ...d, chosen: c.channels };
    case "requesterRole":
      return { ...d, chosen: c.roles };
    case "kind":
      return { ...d, chosen: c.kinds };
    case "priority":
      return { ...d, chosen: c.priorities };
    case "alert":
      return { ...d, chosen: c.categories };
    case "keywords":
      return { ...d, text: c.phrases.join("\n"), match: c.match };
    case "hasTag":
      return { ...d, text: c.tags.join(", ") };
    case "afterHours":
      return { ...d, afterHours: c.value };
    case "field":
      return { ...d, fieldKey: c.key, op: c.op, value: c.value ?? "", text: (c.values ?? []).join("\n") };
  }
}

function actionFrom(a: RuleAction): ActionDraft {
  const d = newAction(a.type);
  switch (a.type) {
    case "setDepartment":
      return { ...d, departmentId: a.departmentId };
    case "assignPerson":
      return { ...d, staffId: a.staffId };
    case "setPriority":
      return { ...d, priority: a.priority };
    case "addTags":
      return { ...d, tags: a.tags.join(", ") };
    case "addWatchers":
      return { ...d, staffIds: a.staffIds };
    case "applySla":
      return { ...d, slaPolicyId: a.slaPolicyId };
    case "assignByPolicy":
    case "sendToTriage":
      return d;
  }
}

export function draftFrom(rule: RoutingRule): RuleDraft {
  return {
    name: rule.name,
    enabled: rule.enabled,
    stopProcessing: rule.stopProcessing,
    conditions: rule.conditions.map(conditionFrom),
    actions: rule.actions.map(actionFrom),
  };
}

function toCondition(d: ConditionDraft): RuleCondition {
  const negate = d.negate || undefined;
  const base = negate ? { negate } : {};
  switch (d.type) {
    case "topic":
      return { type: "topic", ...base, topicIds: d.chosen };
    case "category":
      return { type: "category", ...base, categoryIds: d.chosen };
    case "school":
      return { type: "school", ...base, schoolIds: d.chosen };
    case "department":
      return { type: "department", ...base, departmentIds: d.chosen };
    case "language":
      return { type: "language", ...base, languages: d.chosen as Language[] };
    case "channel":
      return { type: "channel", ...base, channels: d.chosen as ChannelType[] };
    case "requesterRole":
      return { type: "requesterRole", ...base, roles: d.chosen as RequesterRole[] };
    case "kind":
      return { type: "kind", ...base, kinds: d.chosen as ConversationKind[] };
    case "priority":
      return { type: "priority", ...base, priorities: d.chosen as Priority[] };
    case "alert":
      return { type: "alert", ...base, categories: d.chosen };
    case "keywords":
      return { type: "keywords", ...base, phrases: lines(d.text), match: d.match };
    case "hasTag":
      return { type: "hasTag", ...base, tags: commaList(d.text) };
    case "afterHours":
      return { type: "afterHours", ...base, value: d.afterHours };
    case "field": {
      const out: RuleCondition = { type: "field", ...base, key: d.fieldKey.trim(), op: d.op };
      if (d.op === "equals" || d.op === "contains") out.value = d.value.trim();
      if (d.op === "in") out.values = lines(d.text);
      return out;
    }
  }
}

function toAction(d: ActionDraft): RuleAction {
  switch (d.type) {
    case "setDepartment":
      return { type: "setDepartment", departmentId: d.departmentId };
    case "assignPerson":
      return { type: "assignPerson", staffId: d.staffId };
    case "assignByPolicy":
      return { type: "assignByPolicy" };
    case "setPriority":
      return { type: "setPriority", priority: d.priority };
    case "addTags":
      return { type: "addTags", tags: commaList(d.tags) };
    case "addWatchers":
      return { type: "addWatchers", staffIds: d.staffIds };
    case "applySla":
      return { type: "applySla", slaPolicyId: d.slaPolicyId };
    case "sendToTriage":
      return { type: "sendToTriage" };
  }
}

/** The request body for the draft; validate it with RoutingRuleInputSchema before sending. */
export function toInput(d: RuleDraft): RoutingRuleInputBody {
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    stopProcessing: d.stopProcessing,
    conditions: d.conditions.map(toCondition),
    actions: d.actions.map(toAction),
  };
}
