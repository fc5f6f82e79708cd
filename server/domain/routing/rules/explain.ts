/**
 * The one-line English summary of how a conversation was routed, for logs, the timeline's plain-text fallback and
 * the "try a message" answer, e.g.
 *   topic Bus stop → Transportation; rule 3 "Bus number given" → assigned to Dana Whitfield by round robin
 * The staff app renders the structured steps itself (English or Spanish); this is the short English form.
 *
 * Segments are joined with "; ". What a rule did (department, priority, tags, watchers, SLA, triage, and the
 * assignment made for it) is attached to that rule's segment after an arrow; people passed over on the way to an
 * assignee follow it in parentheses ("assigned to Dana Whitfield by round robin (Lee Park out of office)"). A name missing from `names` shows as
 * a short id, so a deleted department still reads sensibly.
 */
import type { RoutingStep } from "../../../../common/contract/routing.js";

export type RoutingNames = {
  departments: Record<string, string>;
  staff: Record<string, string>;
  topics: Record<string, string>;
};

type Segment = { head: string; parts: string[]; rule?: true };

export function summarize(steps: readonly RoutingStep[], names: RoutingNames): string {
  const dept = (id: string) => nameOf(names.departments, id, "department");
  const person = (id: string) => nameOf(names.staff, id, "staff");
  const topic = (id: string) => nameOf(names.topics, id, "topic");

  const segments: Segment[] = [];
  const byRule = new Map<string, Segment>();
  let lastRule: Segment | null = null;
  /** people passed over by the assignment picker, told with the assignment (or on their own when none follows) */
  let skipped: { who: string; why: string }[] = [];
  const flushSkipped = () => {
    if (skipped.length) segments.push({ head: `skipped ${skipped.map((s) => `${s.who} (${s.why})`).join(", ")}`, parts: [] });
    skipped = [];
  };
  const standalone = (head: string) => {
    flushSkipped();
    segments.push({ head, parts: [] });
  };
  /** attach to the rule's segment when the rule is known, else a segment of its own */
  const ruleOrStandalone = (ruleId: string | undefined, part: string) => {
    const seg = ruleId === undefined ? undefined : byRule.get(ruleId);
    if (seg) seg.parts.push(part);
    else standalone(part);
  };

  for (const step of steps) {
    switch (step.code) {
      case "topic_department":
        standalone(`topic ${topic(step.topicId)} → ${dept(step.departmentId)}`);
        break;
      case "rule_matched": {
        flushSkipped();
        const seg: Segment = { head: `rule ${step.position} "${step.name}"`, parts: [], rule: true };
        segments.push(seg);
        byRule.set(step.ruleId, seg);
        lastRule = seg;
        break;
      }
      case "set_department":
        ruleOrStandalone(step.ruleId, dept(step.departmentId));
        break;
      case "set_priority":
        ruleOrStandalone(step.ruleId, `priority ${step.priority}`);
        break;
      case "tags_added":
        ruleOrStandalone(step.ruleId, `tagged ${step.tags.join(", ")}`);
        break;
      case "watchers_added":
        ruleOrStandalone(step.ruleId, `watched by ${step.staffIds.map(person).join(", ")}`);
        break;
      case "sla_applied":
        ruleOrStandalone(step.ruleId, "SLA applied");
        break;
      case "classifier": {
        const target = step.departmentId ? dept(step.departmentId) : step.topicId ? topic(step.topicId) : step.label;
        standalone(`classifier → ${target} (${percent(step.confidence)})`);
        break;
      }
      case "classifier_low_confidence": {
        const best = [...step.suggestions].sort((a, b) => b.confidence - a.confidence)[0];
        const target = best && (best.departmentId ? dept(best.departmentId) : best.topicId ? topic(best.topicId) : best.label);
        const guess = best ? `best guess ${target} ${percent(best.confidence)}` : "no guess";
        standalone(`classifier unsure (${guess}, below ${percent(step.threshold)})`);
        break;
      }
      case "skipped_staff":
        skipped.push({ who: person(step.staffId), why: SKIP_TEXT[step.reason] });
        break;
      case "assigned": {
        const passedOver = skipped.length ? ` (${skipped.map((s) => `${s.who} ${s.why}`).join(", ")})` : "";
        skipped = [];
        ruleOrStandalone(step.ruleId, assignedText(step, person) + passedOver);
        break;
      }
      case "queue":
        standalone(`waiting in ${dept(step.departmentId)}'s queue for a manual pick`);
        break;
      case "triage":
        // The engine writes triage {rule} right after the rule that asked for it.
        if (step.reason === "rule" && lastRule) lastRule.parts.push("sent to triage");
        else standalone(TRIAGE_TEXT[step.reason]);
        break;
      default:
        assertNever(step);
    }
  }
  flushSkipped();

  return segments.map(render).join("; ");
}

function render(seg: Segment): string {
  if (seg.parts.length) return `${seg.head} → ${seg.parts.join(", ")}`;
  return seg.rule ? `${seg.head} matched` : seg.head;
}

function assignedText(step: Extract<RoutingStep, { code: "assigned" }>, person: (id: string) => string): string {
  const who = person(step.staffId);
  switch (step.by) {
    case "person":
      return `assigned to ${who}`;
    case "round_robin":
      return `assigned to ${who} by round robin`;
    case "least_load":
      return `assigned to ${who} by least load`;
    case "delegate":
      return step.instead_of ? `assigned to ${who}, delegate of ${person(step.instead_of)}` : `assigned to ${who} as delegate`;
    case "department_owner":
      return `assigned to ${who}, the department owner`;
    case "district_owner":
      return `assigned to ${who}, the district owner`;
    default:
      return assertNever(step.by);
  }
}

const SKIP_TEXT = {
  out_of_office: "out of office",
  outside_working_hours: "outside working hours",
  at_capacity: "at capacity",
  inactive: "inactive",
} as const;

const TRIAGE_TEXT = {
  no_department: "no department → triage",
  nobody_available: "nobody available → triage",
  rule: "sent to triage by a rule",
  low_confidence: "not sure where it goes → triage",
} as const;

function nameOf(map: Record<string, string>, id: string, what: string): string {
  const name = Object.hasOwn(map, id) ? map[id] : undefined;
  return name ?? `${what} ${id.slice(0, 8)}`;
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

function assertNever(x: never): never {
  throw new Error(`unexpected routing step: ${JSON.stringify(x)}`);
}
