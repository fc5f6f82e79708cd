import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { RoutingStep } from "../../../../common/contract/routing.js";
import { localized, useMeta, type Meta } from "../../lib/meta.js";
import "./routingSteps.css";

/**
 * How a conversation was routed, step by step, in the UI language: "Topic Bus stop → Transportation", "Rule 3
 * «Bus number given» matched: field "bus_number" = 42", "Skipped Lee Park: out of office", "Assigned to Dana Whitfield
 * by round robin", "Triage: nobody available"…
 *
 * Reused by the conversation page ("Why here?"): it needs only the i18n catalog (admin.steps.*) and the district's
 * names from /api/meta. Names of service standards are not in meta; pass `slaPolicies` when they are at hand.
 * The `conditions` of a matched rule are written by the server in English and shown as they come.
 */
export type StepNames = {
  department: (id: string) => string;
  person: (id: string) => string;
  topic: (id: string) => string;
  sla: (id: string) => string | null;
};

const byId = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name;

export function stepNames(meta: Meta, lang: string, t: TFunction, slaPolicies: { id: string; name: string }[] = []): StepNames {
  return {
    department: (id) => byId(meta.departments, id) ?? t("admin.steps.unknownDepartment"),
    person: (id) => byId(meta.staff, id) ?? t("admin.steps.unknownPerson"),
    topic: (id) => {
      const topic = meta.topics.find((x) => x.id === id);
      return topic ? localized(topic.name, lang) : t("admin.steps.unknownTopic");
    },
    sla: (id) => byId(slaPolicies, id) ?? null,
  };
}

const locale = (lang: string) => (lang === "es" ? "es-US" : "en-US");
export const formatList = (items: string[], lang: string, type: "conjunction" | "disjunction" = "conjunction") =>
  new Intl.ListFormat(locale(lang), { style: "long", type }).format(items);
export const formatPercent = (x: number, lang: string) => new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 0 }).format(x);

type Suggestion = { label: string; departmentId?: string; topicId?: string; confidence: number };

function target(s: { label: string; departmentId?: string; topicId?: string }, names: StepNames): string {
  if (s.topicId) return names.topic(s.topicId);
  if (s.departmentId) return names.department(s.departmentId);
  return s.label;
}

/** One step as a sentence in the UI language. */
export function describeRoutingStep(step: RoutingStep, t: TFunction, names: StepNames, lang: string): string {
  switch (step.code) {
    case "topic_department":
      return t("admin.steps.topicDepartment", { topic: names.topic(step.topicId), department: names.department(step.departmentId) });
    case "rule_matched":
      return step.conditions.length
        ? t("admin.steps.ruleMatchedWith", { position: step.position, name: step.name, conditions: step.conditions.join("; ") })
        : t("admin.steps.ruleMatched", { position: step.position, name: step.name });
    case "set_department":
      return t("admin.steps.setDepartment", { department: names.department(step.departmentId) });
    case "set_priority":
      return t("admin.steps.setPriority", { priority: t(`enums.priority.${step.priority}`) });
    case "tags_added":
      return t("admin.steps.tagsAdded", { tags: formatList(step.tags, lang) });
    case "watchers_added":
      return t("admin.steps.watchersAdded", { people: formatList(step.staffIds.map(names.person), lang) });
    case "sla_applied": {
      const name = names.sla(step.slaPolicyId);
      return name ? t("admin.steps.slaApplied", { name }) : t("admin.steps.slaAppliedUnnamed");
    }
    case "classifier":
      return t("admin.steps.classifier", { target: target(step, names), confidence: formatPercent(step.confidence, lang) });
    case "classifier_low_confidence": {
      const best = [...step.suggestions].sort((a: Suggestion, b: Suggestion) => b.confidence - a.confidence);
      const threshold = formatPercent(step.threshold, lang);
      if (best.length === 0) return t("admin.steps.lowConfidenceNone", { threshold });
      const suggestions = formatList(
        best.map((s) => t("admin.steps.suggestion", { target: target(s, names), confidence: formatPercent(s.confidence, lang) })),
        lang,
      );
      return t("admin.steps.lowConfidence", { suggestions, threshold });
    }
    case "assigned": {
      const person = names.person(step.staffId);
      if (step.by === "delegate") {
        return step.instead_of ? t("admin.steps.assigned.delegate", { person, other: names.person(step.instead_of) }) : t("admin.steps.assigned.delegateUnknown", { person });
      }
      return t(`admin.steps.assigned.${step.by}`, { person });
    }
    case "skipped_staff":
      return t(`admin.steps.skipped.${step.reason}`, { person: names.person(step.staffId) });
    case "queue":
      return t("admin.steps.queue", { department: names.department(step.departmentId) });
    case "triage":
      return t(`admin.steps.triage.${step.reason}`);
  }
}

/** The steps as an ordered list; a step a rule produced is marked as that rule's. */
export function RoutingSteps({ steps, slaPolicies, className }: { steps: RoutingStep[]; slaPolicies?: { id: string; name: string }[]; className?: string }) {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  if (steps.length === 0) return <p className={["muted", className].filter(Boolean).join(" ")}>{t("admin.steps.none")}</p>;
  const names = stepNames(meta, i18n.language, t, slaPolicies);
  return (
    <ol className={["routing-steps", className].filter(Boolean).join(" ")}>
      {steps.map((step, i) => {
        const fromRule = "ruleId" in step && step.ruleId !== undefined && step.code !== "rule_matched";
        return (
          <li key={i} className={`routing-steps__step routing-steps__step--${step.code}${fromRule ? " routing-steps__step--rule-action" : ""}`}>
            {describeRoutingStep(step, t, names, i18n.language)}
          </li>
        );
      })}
    </ol>
  );
}
