import type { TFunction } from "i18next";
import type { RoutingRule, RuleAction, RuleCondition } from "../../../../../common/contract/routing.js";
import { localized, type Meta } from "../../../lib/meta.js";
import { formatList } from "../RoutingSteps.js";

/** Names for everything a rule can mention; an id that is gone reads as "(removed)", never as a raw id. */
export type RuleNames = {
  department: (id: string) => string;
  person: (id: string) => string;
  topic: (id: string) => string;
  category: (id: string) => string;
  school: (id: string) => string;
  sla: (id: string) => string;
  alertCategory: (key: string) => string;
};

export function ruleNames(
  meta: Meta,
  lang: string,
  t: TFunction,
  extra: { slaPolicies?: { id: string; name: string }[]; alertCategories?: { key: string; name: { en: string; es?: string } }[] } = {},
): RuleNames {
  const removed = t("admin.common.removed");
  const find = (list: { id: string; name: string }[], id: string) => list.find((x) => x.id === id)?.name ?? removed;
  return {
    department: (id) => find(meta.departments, id),
    person: (id) => find(meta.staff, id),
    topic: (id) => {
      const x = meta.topics.find((y) => y.id === id);
      return x ? localized(x.name, lang) : removed;
    },
    category: (id) => {
      const x = meta.categories.find((y) => y.id === id);
      return x ? localized(x.name, lang) : removed;
    },
    school: (id) => find(meta.schools, id),
    sla: (id) => find(extra.slaPolicies ?? [], id),
    alertCategory: (key) => {
      const x = extra.alertCategories?.find((c) => c.key === key);
      return x ? localized(x.name, lang) : key;
    },
  };
}

const q = (s: string) => `“${s}”`;

/** One condition as a clause ("the topic is Bus concern or Field trip", "the message does not mention “bus 42”"). */
export function describeCondition(c: RuleCondition, t: TFunction, n: RuleNames, lang: string): string {
  const mode = c.negate ? "not" : "is";
  const or = (xs: string[]) => formatList(xs, lang, "disjunction");
  switch (c.type) {
    case "topic":
      return t(`admin.cond.topic.${mode}`, { values: or(c.topicIds.map(n.topic)) });
    case "category":
      return t(`admin.cond.category.${mode}`, { values: or(c.categoryIds.map(n.category)) });
    case "school":
      return t(`admin.cond.school.${mode}`, { values: or(c.schoolIds.map(n.school)) });
    case "department":
      return t(`admin.cond.department.${mode}`, { values: or(c.departmentIds.map(n.department)) });
    case "language":
      return t(`admin.cond.language.${mode}`, { values: or(c.languages.map((v) => t(`enums.language.${v}`))) });
    case "channel":
      return t(`admin.cond.channel.${mode}`, { values: or(c.channels.map((v) => t(`enums.channel.${v}`))) });
    case "requesterRole":
      return t(`admin.cond.requesterRole.${mode}`, { values: or(c.roles.map((v) => t(`enums.requesterRole.${v}`))) });
    case "kind":
      return t(`admin.cond.kind.${mode}`, { values: or(c.kinds.map((v) => t(`enums.kind.${v}`))) });
    case "priority":
      return t(`admin.cond.priority.${mode}`, { values: or(c.priorities.map((v) => t(`enums.priority.${v}`))) });
    case "alert":
      return t(`admin.cond.alert.${mode}`, { values: or(c.categories.map(n.alertCategory)) });
    case "hasTag":
      return t(`admin.cond.hasTag.${mode}`, { values: or(c.tags) });
    case "afterHours":
      return t(`admin.cond.afterHours.${c.value ? "after" : "during"}.${mode}`);
    case "keywords": {
      const phrases = c.phrases.map(q);
      return t(`admin.cond.keywords.${c.match}.${mode}`, { phrases: c.match === "all" ? formatList(phrases, lang) : or(phrases) });
    }
    case "field":
      return t(`admin.cond.field.${c.op}.${mode}`, { key: c.key, value: c.value ?? "", values: or((c.values ?? []).map(q)) });
  }
}

/** One action as a clause ("send to Transportation", "add tags bus and late"). */
export function describeAction(a: RuleAction, t: TFunction, n: RuleNames, lang: string): string {
  switch (a.type) {
    case "setDepartment":
      return t("admin.act.setDepartment", { department: n.department(a.departmentId) });
    case "assignPerson":
      return t("admin.act.assignPerson", { person: n.person(a.staffId) });
    case "assignByPolicy":
      return t("admin.act.assignByPolicy");
    case "setPriority":
      return t("admin.act.setPriority", { priority: t(`enums.priority.${a.priority}`) });
    case "addTags":
      return t("admin.act.addTags", { tags: formatList(a.tags, lang) });
    case "addWatchers":
      return t("admin.act.addWatchers", { people: formatList(a.staffIds.map(n.person), lang) });
    case "applySla":
      return t("admin.act.applySla", { name: n.sla(a.slaPolicyId) });
    case "sendToTriage":
      return t("admin.act.sendToTriage");
  }
}

/** The rule as two sentences: "When … " and "Then …". */
export function describeRule(rule: Pick<RoutingRule, "conditions" | "actions" | "stopProcessing">, t: TFunction, n: RuleNames, lang: string): { when: string; then: string } {
  const when = rule.conditions.length
    ? t("admin.rules.when", { conditions: formatList(rule.conditions.map((c) => describeCondition(c, t, n, lang)), lang) })
    : t("admin.rules.always");
  const actions = formatList(rule.actions.map((a) => describeAction(a, t, n, lang)), lang);
  return { when, then: rule.stopProcessing ? t("admin.rules.thenStop", { actions }) : t("admin.rules.then", { actions }) };
}
