import { and, eq } from "drizzle-orm";
import type { ChannelType, ConversationKind, Language, Priority, RequesterRole } from "../../../../common/enums.js";
import { conversationWatchers, type ConversationRow, type MessageRow } from "../../../db/schema/index.js";
import { emitAll, type Emission } from "../../../events/emit.js";
import { detectForDistrict, type Alert } from "../../alerts/index.js";
import { notify } from "../../notifications/index.js";
import { decideRouting, type RoutingResult } from "../../routing/index.js";
import { getDistrict, type DistrictRow } from "../../districts/index.js";
import { loadSlaEnv, openingClocks, slaColumnsFor, type SlaEnv } from "../../sla/index.js";
import type { Ctx } from "../../shared/ctx.js";
import { intakeConfig, topicById, type IntakeConfig } from "../intake-config.js";
import { saveConversation } from "../load.js";
import { INTAKE_FOLLOW_UP_JOB } from "./intake-follow-up.js";
import { addWatchers, raiseAlerts } from "./raise-alerts.js";

/**
 * Alerts of a first message. Evidence offsets point into the message body (the staff app marks them there); a
 * subject the family wrote themselves (email, not a web form's generated one) is checked too, and a category found
 * only there is raised without evidence offsets.
 */
async function detectOpening(ctx: Ctx, opened: Pick<ConversationRow, "language" | "channel" | "subject">, text: string, cats: IntakeConfig["alertCategories"]): Promise<Alert[]> {
  const lang = opened.language as "en" | "es";
  const found = await detectForDistrict(ctx, text, lang, cats);
  if (opened.channel === "web_form" || !opened.subject.trim()) return found;
  const inSubject = await detectForDistrict(ctx, opened.subject, lang, cats);
  return [...found, ...inSubject.filter((a) => !found.some((f) => f.category === a.category)).map((a) => ({ ...a, evidence: [] }))];
}

/** What routing and the service standards need of a conversation that is about to be opened (intake.ts). */
export type IntakeDraft = Pick<
  ConversationRow,
  "topicId" | "schoolId" | "channel" | "language" | "requesterRole" | "kind" | "priority" | "fields" | "subject" | "tags" | "departmentId" | "createdAt"
>;

/**
 * What intake decided for a conversation before it is stored: the alerts its first message raises, the routing
 * decision, the columns to store the conversation with (routing, and the started clocks when no alert changes the
 * priority they depend on), and the service standards' calendar and policies it read.
 */
export type IntakePlan = { found: Alert[]; decision: RoutingResult; columns: Partial<ConversationRow>; env: SlaEnv };

/**
 * Decides, before the conversation is written, everything intake sets on it (critical-alert detection, routing by
 * rules, learned routing, assignment policy and triage, service-standard clocks), so that a new conversation is
 * written once, with its final values, instead of inserted and then updated (each write of a conversation touches
 * every one of its indexes). Reads only: nothing here depends on the conversation's own row.
 */
export async function planIntake(ctx: Ctx, draft: IntakeDraft, text: string, loaded: { district?: DistrictRow; config?: IntakeConfig } = {}): Promise<IntakePlan> {
  const district = loaded.district ?? (await getDistrict(ctx));
  const config = loaded.config ?? (await intakeConfig(ctx, district));
  const found = await detectOpening(ctx, draft, text, config.alertCategories);
  const decision = await decideRouting(ctx, {
    topicId: draft.topicId,
    schoolId: draft.schoolId,
    channel: draft.channel as ChannelType,
    language: draft.language as Language,
    requesterRole: draft.requesterRole as RequesterRole,
    kind: draft.kind as ConversationKind,
    priority: draft.priority as Priority,
    fields: draft.fields,
    subject: draft.subject,
    text,
    tags: draft.tags,
    alertCategories: found.map((a) => a.category),
  }, { district, topic: topicById(config, draft.topicId), rules: config.rules, names: { departments: config.departmentNames, topics: config.topics } });
  const routing = {
    departmentId: decision.departmentId,
    assigneeId: decision.assigneeId,
    priority: decision.priority,
    tags: decision.tags,
    inTriage: decision.triage,
    routing: decision.explanation,
  };
  const env: SlaEnv = { district, policies: config.slaPolicies };
  // raising alerts changes the priority the clocks depend on: then they start after the alerts are raised
  if (found.length > 0) return { found, decision, columns: routing, env };
  const clocks = await openingClocks(ctx, { topicId: draft.topicId, priority: decision.priority, createdAt: draft.createdAt }, decision.slaPolicyId, env);
  return { found, decision, columns: { ...routing, ...clocks }, env };
}

/**
 * What intake writes besides the conversation itself, decided before it is stored (its id is chosen in the process):
 * the round-robin cursor and the assignee's last assignment, which the conversation's INSERT always writes
 * (openConversation), and the timeline — `opening`'s events (its creation) with routing's, in order. With no rule
 * watchers (they are added between routing's events and triage's) the INSERT writes the timeline too; otherwise
 * `completeIntake` does, one after another.
 */
export type IntakeWrites = {
  cursor: { departmentId: string; staffId: string } | null;
  assigneeId: string | null;
  /** every event, in order; those after the watchers are added when there are watchers */
  events: Emission[];
  afterWatchers: Emission[];
  watchers: string[];
};

export function intakeWrites(ctx: Ctx, conversationId: string, plan: IntakePlan, opening: { openedDepartmentId: string | null; events: Emission[] }): IntakeWrites {
  const { decision } = plan;
  const actor: Ctx["actor"] = { kind: "system", reason: "routing" };
  const ruleIds = decision.explanation.steps.flatMap((s) => (s.code === "rule_matched" ? [s.ruleId] : []));
  const events: Emission[] = [
    ...opening.events,
    {
      type: "conversation.routed",
      payload: { departmentId: decision.departmentId, assigneeId: decision.assigneeId, triage: decision.triage, summary: decision.explanation.summary, ruleIds },
      conversationId,
      actor,
    },
  ];
  if (decision.departmentId !== opening.openedDepartmentId || decision.assigneeId) {
    events.push({
      type: "conversation.assigned",
      payload: { fromStaffId: null, toStaffId: decision.assigneeId, fromDepartmentId: opening.openedDepartmentId, toDepartmentId: decision.departmentId },
      conversationId,
      actor,
    });
  }
  const afterWatchers: Emission[] = decision.triage
    ? [{ type: "conversation.triaged", payload: { reason: decision.triageReason ?? "no_department" }, conversationId, actor }]
    : [];
  return { cursor: decision.cursor, assigneeId: decision.assigneeId, events, afterWatchers, watchers: decision.watchers };
}

/**
 * What happens to every new conversation on every channel, in the transaction that stores it (so a 2xx or a 250
 * means it is routed, checked for alerts, alerts raised and on the clock), once it is stored with its plan's columns:
 * the timeline of `writes` (above) unless the conversation's INSERT recorded it (`eventsWritten`), rule watchers,
 * raised alerts and, after them, the clocks. Incident clustering and the assignee's and supervisors' notifications follow in the
 * `intake-follow-up` job queued in the same transaction (intake-follow-up.ts).
 */
export async function completeIntake(ctx: Ctx, conv: ConversationRow, message: MessageRow, plan: IntakePlan, writes: IntakeWrites, eventsWritten: boolean): Promise<ConversationRow> {
  const { decision, found } = plan;
  const rulesCtx: Ctx = { ...ctx, actor: { kind: "system", reason: "routing" } };
  if (!eventsWritten) {
    await emitAll(rulesCtx, writes.events);
    if (writes.watchers.length > 0) await addWatchers(rulesCtx, conv.id, writes.watchers, "rule");
    await emitAll(rulesCtx, writes.afterWatchers);
  }
  await ctx.enqueue(ctx.db, INTAKE_FOLLOW_UP_JOB, {
    districtId: ctx.districtId,
    conversationId: conv.id,
    assigneeId: decision.assigneeId,
    triage: decision.triage ? { departmentId: decision.departmentId, reason: decision.triageReason } : null,
  });
  // without alerts the clocks were started in the INSERT (planIntake)
  if (found.length === 0) return conv;
  const { conversation: alerted } = await raiseAlerts(rulesCtx, conv, message, found);
  return saveConversation(ctx, alerted.id, await openingClocks(ctx, alerted, decision.slaPolicyId, plan.env));
}

/**
 * A family wrote again on an existing conversation (any channel): alerts are checked on the new message, the
 * next-response clock starts (and paused clocks resume), and whoever holds or watches it hears about it.
 */
export async function afterFamilyMessage(ctx: Ctx, conv: ConversationRow, message: MessageRow, previousStatus: string): Promise<ConversationRow> {
  const found = await detectForDistrict(ctx, message.body, conv.language as "en" | "es");
  const sys: Ctx = { ...ctx, actor: { kind: "system", reason: "inbound" } };
  let current = conv;
  if (found.length > 0) ({ conversation: current } = await raiseAlerts(sys, current, message, found));
  const env = await loadSlaEnv(ctx);
  let sla = await slaColumnsFor(ctx, { ...current, status: previousStatus }, { kind: "status", from: previousStatus, to: current.status }, env);
  sla = await slaColumnsFor(ctx, { ...current, ...sla }, { kind: "family_message" }, env);
  current = await saveConversation(ctx, current.id, sla);
  const watchers = await ctx.db
    .select({ staffId: conversationWatchers.staffId })
    .from(conversationWatchers)
    .where(and(eq(conversationWatchers.districtId, ctx.districtId), eq(conversationWatchers.conversationId, current.id)));
  await notify(sys, { staffIds: [current.assigneeId, ...watchers.map((w) => w.staffId)], type: "family_replied", conversationId: current.id });
  return current;
}
