/**
 * Routing rules engine: pure code, no database. The caller (the routing module's index) builds `RoutingFacts` for an
 * arriving conversation, calls `evaluateRules`, then applies the outcome (and `pickAssignee` from assignment.ts).
 *
 * Semantics:
 * - Only enabled rules run, in `position` order (ties keep the order of the array). Each runs at most once per
 *   evaluation: rules never loop on their own actions, and an action never triggers re-evaluation. A rule that sets
 *   priority high when priority is normal fires once, and leaves priority high.
 * - A rule fires when all its conditions hold (an empty list always holds); `negate` inverts one condition.
 * - Each rule sees the facts as updated by earlier rules' actions: department, priority and tags. So "rule 2:
 *   department is Transportation and …" works after rule 1 set Transportation. Everything else (text, fields,
 *   channel…) is what arrived.
 * - setDepartment: the last one to fire wins. setPriority: the last one wins. applySla: the last one wins.
 *   addTags and addWatchers accumulate (deduplicated, first-seen order).
 * - Assignment: assignPerson beats assignByPolicy whatever their order; between several assignPerson actions the
 *   last one wins, and so between several assignByPolicy. With no assignment action and a department known, the
 *   outcome is `{ mode: "policy" }` without a rule id (the department's own policy: round robin, least load or a
 *   queue for a manual pick).
 * - sendToTriage: the conversation goes to triage (`triage: true`, step `triage {reason: "rule"}`) and gets no
 *   assignee whatever other rules said; the department found so far is kept for context.
 * - `stopProcessing` stops after that rule (when it fired).
 * - If the topic gave the department (facts.topicId and facts.departmentId), the first step is `topic_department`.
 *   A conversation still without department after the rules is left to the caller (classifier, then triage).
 *
 * Matching:
 * - field: the answer is compared trimmed and case-insensitively; an array answer (multi-choice) matches when any
 *   element does. `equals` compares the whole value ("42" does not equal "bus 42"; `contains` does), `in` is
 *   equals-any-of, `present` is any non-empty answer (a boolean answer is present when true).
 * - keywords: whole words and phrases in subject + message, case- and accent-insensitive. Text and phrases are
 *   normalised the same way (NFKD, diacritics stripped, lower-cased, every run of non letters/digits made one
 *   space), so "autobús" matches "autobus" and "bus stop" matches "bus-stop". A trailing `*` makes the last word a
 *   prefix. Phrases are compiled once per rule set, cached by the identity of the rules array (treat it as immutable).
 */
import type { FieldValues } from "../../../../common/contract/forms.js";
import type { RoutingRule, RoutingStep, RuleCondition } from "../../../../common/contract/routing.js";
import type { ChannelType, ConversationKind, Language, Priority, RequesterRole } from "../../../../common/enums.js";

export type RoutingFacts = {
  topicId: string | null;
  categoryId: string | null;
  schoolId: string | null;
  /** from the topic; null when the topic has no owner department or there is no topic */
  departmentId: string | null;
  channel: ChannelType;
  language: Language;
  requesterRole: RequesterRole;
  kind: ConversationKind;
  priority: Priority;
  fields: FieldValues;
  subject: string;
  text: string;
  afterHours: boolean;
  tags: string[];
  /** categories of the critical alerts the message raised (e.g. "self_harm") */
  alertCategories: string[];
};

export type RuleAssignment = { mode: "person"; staffId: string; ruleId: string } | { mode: "policy"; ruleId?: string };

export type RuleOutcome = {
  departmentId: string | null;
  assignment: RuleAssignment | null;
  priority: Priority;
  /** the facts' tags plus those added by rules */
  tags: string[];
  watchers: string[];
  slaPolicyId: string | null;
  triage: boolean;
  steps: RoutingStep[];
  matchedRuleIds: string[];
};

/** The mutable part of the facts that actions change and later rules see. */
type State = {
  facts: RoutingFacts;
  departmentId: string | null;
  priority: Priority;
  tags: Set<string>;
  /** normalised " subject text " with a space at each end, computed on first use */
  padded: string | null;
};

/** A compiled condition: the description of what matched when it holds, else null. */
type Test = (s: State) => string | null;
type CompiledRule = { rule: RoutingRule; tests: Test[] };

const compiledCache = new WeakMap<readonly RoutingRule[], CompiledRule[]>();

export function evaluateRules(rules: readonly RoutingRule[], facts: RoutingFacts): RuleOutcome {
  const compiled = compileRules(rules);
  const state: State = {
    facts,
    departmentId: facts.departmentId,
    priority: facts.priority,
    tags: new Set(facts.tags.map(lower)),
    padded: null,
  };
  const steps: RoutingStep[] = [];
  if (facts.topicId && facts.departmentId) {
    steps.push({ code: "topic_department", topicId: facts.topicId, departmentId: facts.departmentId });
  }
  const watchers = new Set<string>();
  let person: { staffId: string; ruleId: string } | null = null;
  let policyRuleId: string | null = null;
  let slaPolicyId: string | null = null;
  let triage = false;
  const matchedRuleIds: string[] = [];

  for (const { rule, tests } of compiled) {
    const matched: string[] = [];
    let holds = true;
    for (const test of tests) {
      const d = test(state);
      if (d === null) {
        holds = false;
        break;
      }
      matched.push(d);
    }
    if (!holds) continue;

    matchedRuleIds.push(rule.id);
    steps.push({ code: "rule_matched", ruleId: rule.id, position: rule.position, name: rule.name, conditions: matched });
    const ruleId = rule.id;
    for (const action of rule.actions) {
      switch (action.type) {
        case "setDepartment":
          state.departmentId = action.departmentId;
          steps.push({ code: "set_department", departmentId: action.departmentId, ruleId });
          break;
        case "assignPerson":
          person = { staffId: action.staffId, ruleId };
          break;
        case "assignByPolicy":
          policyRuleId = ruleId;
          break;
        case "setPriority":
          state.priority = action.priority;
          steps.push({ code: "set_priority", priority: action.priority, ruleId });
          break;
        case "addTags": {
          const added = addNew(state.tags, action.tags.map(lower));
          if (added.length) steps.push({ code: "tags_added", tags: added, ruleId });
          break;
        }
        case "addWatchers": {
          const added = addNew(watchers, action.staffIds);
          if (added.length) steps.push({ code: "watchers_added", staffIds: added, ruleId });
          break;
        }
        case "applySla":
          slaPolicyId = action.slaPolicyId;
          steps.push({ code: "sla_applied", slaPolicyId: action.slaPolicyId, ruleId });
          break;
        case "sendToTriage":
          if (!triage) steps.push({ code: "triage", reason: "rule" });
          triage = true;
          break;
        default:
          assertNever(action);
      }
    }
    if (rule.stopProcessing) break;
  }

  let assignment: RuleAssignment | null = null;
  if (!triage) {
    if (person) assignment = { mode: "person", staffId: person.staffId, ruleId: person.ruleId };
    else if (policyRuleId) assignment = { mode: "policy", ruleId: policyRuleId };
    else if (state.departmentId) assignment = { mode: "policy" };
  }

  return {
    departmentId: state.departmentId,
    assignment,
    priority: state.priority,
    tags: [...state.tags],
    watchers: [...watchers],
    slaPolicyId,
    triage,
    steps,
    matchedRuleIds,
  };
}

/** An English description of a condition, e.g. `field "bus_number" = 42` or `not channel is sms`. */
export function describeCondition(c: RuleCondition): string {
  const d = describePositive(c);
  return c.negate ? `not ${d}` : d;
}

function describePositive(c: RuleCondition): string {
  switch (c.type) {
    case "topic":
      return `topic is ${list(c.topicIds)}`;
    case "category":
      return `category is ${list(c.categoryIds)}`;
    case "school":
      return `school is ${list(c.schoolIds)}`;
    case "department":
      return `department is ${list(c.departmentIds)}`;
    case "field":
      switch (c.op) {
        case "equals":
          return `field "${c.key}" = ${c.value ?? ""}`;
        case "contains":
          return `field "${c.key}" contains "${c.value ?? ""}"`;
        case "present":
          return `field "${c.key}" is answered`;
        case "in":
          return `field "${c.key}" is ${list(c.values ?? [])}`;
        default:
          return assertNever(c.op);
      }
    case "keywords":
      return `mentions ${c.match === "all" ? "all of" : "any of"} ${c.phrases.map(quote).join(", ")}`;
    case "language":
      return `language is ${list(c.languages)}`;
    case "channel":
      return `channel is ${list(c.channels)}`;
    case "requesterRole":
      return `requester is ${list(c.roles)}`;
    case "kind":
      return `kind is ${list(c.kinds)}`;
    case "afterHours":
      return c.value ? "after hours" : "during office hours";
    case "priority":
      return `priority is ${list(c.priorities)}`;
    case "hasTag":
      return `tagged ${list(c.tags)}`;
    case "alert":
      return `alert ${list(c.categories)}`;
    default:
      return assertNever(c);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Compilation

function compileRules(rules: readonly RoutingRule[]): CompiledRule[] {
  const cached = compiledCache.get(rules);
  if (cached) return cached;
  const compiled = rules
    .filter((r) => r.enabled)
    // Array.prototype.sort is stable: equal positions keep the array's order.
    .sort((a, b) => a.position - b.position)
    .map((rule) => ({ rule, tests: rule.conditions.map(compileCondition) }));
  compiledCache.set(rules, compiled);
  return compiled;
}

function compileCondition(c: RuleCondition): Test {
  const positive = compilePositive(c);
  if (!c.negate) return positive;
  const description = describeCondition(c);
  return (s) => (positive(s) === null ? description : null);
}

/** A condition on one fact that must be one of a set; the description names the value that matched. */
function memberOf(label: string, values: readonly string[], get: (s: State) => string | null): Test {
  const set = new Set(values.map(lower));
  return (s) => {
    const v = get(s);
    return v !== null && set.has(lower(v)) ? `${label} ${v}` : null;
  };
}

function compilePositive(c: RuleCondition): Test {
  switch (c.type) {
    case "topic":
      return memberOf("topic is", c.topicIds, (s) => s.facts.topicId);
    case "category":
      return memberOf("category is", c.categoryIds, (s) => s.facts.categoryId);
    case "school":
      return memberOf("school is", c.schoolIds, (s) => s.facts.schoolId);
    case "department":
      return memberOf("department is", c.departmentIds, (s) => s.departmentId);
    case "language":
      return memberOf("language is", c.languages, (s) => s.facts.language);
    case "channel":
      return memberOf("channel is", c.channels, (s) => s.facts.channel);
    case "requesterRole":
      return memberOf("requester is", c.roles, (s) => s.facts.requesterRole);
    case "kind":
      return memberOf("kind is", c.kinds, (s) => s.facts.kind);
    case "priority":
      return memberOf("priority is", c.priorities, (s) => s.priority);
    case "afterHours": {
      const description = describePositive(c);
      return (s) => (s.facts.afterHours === c.value ? description : null);
    }
    case "hasTag": {
      const wanted = c.tags.map(lower);
      return (s) => {
        const hit = wanted.find((t) => s.tags.has(t));
        return hit === undefined ? null : `tagged ${hit}`;
      };
    }
    case "alert": {
      const wanted = c.categories.map(lower);
      return (s) => {
        const hit = wanted.find((a) => s.facts.alertCategories.some((f) => lower(f) === a));
        return hit === undefined ? null : `alert ${hit}`;
      };
    }
    case "field":
      return compileField(c);
    case "keywords":
      return compileKeywords(c);
    default:
      return assertNever(c);
  }
}

type FieldCondition = Extract<RuleCondition, { type: "field" }>;

function compileField(c: FieldCondition): Test {
  const key = c.key;
  const label = `field "${key}"`;
  const answers = (s: State) => fieldStrings(Object.hasOwn(s.facts.fields, key) ? s.facts.fields[key] : undefined);
  switch (c.op) {
    case "present":
      return (s) => (answers(s).length > 0 ? `${label} is answered` : null);
    case "equals": {
      const want = fold(c.value ?? "");
      return (s) => {
        const hit = answers(s).find((a) => fold(a) === want);
        return hit === undefined ? null : `${label} = ${hit.trim()}`;
      };
    }
    case "contains": {
      const want = fold(c.value ?? "");
      return (s) => (answers(s).some((a) => fold(a).includes(want)) ? `${label} contains "${(c.value ?? "").trim()}"` : null);
    }
    case "in": {
      const set = new Set((c.values ?? []).map(fold));
      return (s) => {
        const hit = answers(s).find((a) => set.has(fold(a)));
        return hit === undefined ? null : `${label} = ${hit.trim()}`;
      };
    }
    default:
      return assertNever(c.op);
  }
}

/** Non-empty answers of a field as strings (multi-choice arrays element by element). */
function fieldStrings(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.flatMap(fieldStrings);
  if (typeof v === "string") return v.trim() === "" ? [] : [v];
  if (typeof v === "number") return Number.isFinite(v) ? [String(v)] : [];
  if (typeof v === "boolean") return v ? ["true"] : [];
  return [];
}

type KeywordsCondition = Extract<RuleCondition, { type: "keywords" }>;
type Needle = { phrase: string; needle: string };

function compileKeywords(c: KeywordsCondition): Test {
  const needles: Needle[] = [];
  for (const raw of c.phrases) {
    const phrase = raw.trim();
    const prefix = phrase.endsWith("*");
    const norm = normalizeForKeywords(prefix ? phrase.slice(0, -1) : phrase);
    // A phrase with no letter or digit can never match (the contract refuses it; stay safe if one slips through).
    needles.push({ phrase, needle: norm === "" ? "" : prefix ? ` ${norm}` : ` ${norm} ` });
  }
  const hits = (s: State, n: Needle) => n.needle !== "" && paddedText(s).includes(n.needle);
  if (c.match === "all") {
    return (s) => (needles.length > 0 && needles.every((n) => hits(s, n)) ? `mentions ${needles.map((n) => quote(n.phrase)).join(" and ")}` : null);
  }
  return (s) => {
    const found = needles.filter((n) => hits(s, n));
    return found.length ? `mentions ${found.map((n) => quote(n.phrase)).join(", ")}` : null;
  };
}

function paddedText(s: State): string {
  if (s.padded === null) s.padded = ` ${normalizeForKeywords(`${s.facts.subject}\n${s.facts.text}`)} `;
  return s.padded;
}

/**
 * Keyword normalisation: NFKD, diacritics stripped ("autobús" → "autobus", "niño" → "nino"), lower-cased, and every
 * run of characters that are not letters or digits made one space, trimmed.
 */
export function normalizeForKeywords(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers

function lower(s: string): string {
  return s.toLowerCase();
}

/** Field comparison: trimmed, case-insensitive (Unicode-composed so "é" typed two ways compares equal). */
function fold(s: string): string {
  return s.normalize("NFC").trim().toLowerCase();
}

function addNew(set: Set<string>, items: readonly string[]): string[] {
  const added: string[] = [];
  for (const item of items) {
    if (set.has(item)) continue;
    set.add(item);
    added.push(item);
  }
  return added;
}

function quote(s: string): string {
  return `"${s}"`;
}

function list(values: readonly string[]): string {
  return values.length === 1 ? (values[0] ?? "") : `one of ${values.join(", ")}`;
}

function assertNever(x: never): never {
  throw new Error(`unexpected routing rule variant: ${JSON.stringify(x)}`);
}
