import { and, eq } from "drizzle-orm";
import type { ChannelType, ConversationKind, Language, Priority, RequesterRole } from "../../../../common/enums.js";
import { conversationWatchers, departments, staff, type ConversationRow, type MessageRow } from "../../../db/schema/index.js";
import { emitAll, type Emission } from "../../../events/emit.js";
import { detectForDistrict, type Alert } from "../../alerts/index.js";
import { notify } from "../../notifications/index.js";
import { decideRouting } from "../../routing/index.js";
import { getDistrict, type DistrictRow } from "../../districts/index.js";
import { loadSlaEnv, slaColumnsFor, type SlaEnv } from "../../sla/index.js";
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
async function detectOpening(ctx: Ctx, opened: ConversationRow, text: string, cats: IntakeConfig["alertCategories"]): Promise<Alert[]> {
  const lang = opened.language as "en" | "es";
  const found = await detectForDistrict(ctx, text, lang, cats);
  if (opened.channel === "web_form" || !opened.subject.trim()) return found;
  const inSubject = await detectForDistrict(ctx, opened.subject, lang, cats);
  return [...found, ...inSubject.filter((a) => !found.some((f) => f.category === a.category)).map((a) => ({ ...a, evidence: [] }))];
}

/**
 * What happens to every new conversation on every channel, in the transaction that stores it (so a 2xx or a 250
 * means it is routed, checked for alerts, alerts raised and on the clock): critical-alert detection, routing (rules,
 * learned routing, assignment policy, triage), service-standard clocks. Incident clustering and the assignee's and
 * supervisors' notifications follow in the `intake-follow-up` job queued in the same transaction (intake-follow-up.ts).
 */
export async function afterConversationOpened(
  ctx: Ctx,
  opened: ConversationRow,
  message: MessageRow,
  loaded: { district?: DistrictRow; config?: IntakeConfig } = {},
): Promise<ConversationRow> {
  const text = message.body;
  const district = loaded.district ?? (await getDistrict(ctx));
  const config = loaded.config ?? (await intakeConfig(ctx, district));
  const found = await detectOpening(ctx, opened, text, config.alertCategories);
  const decision = await decideRouting(ctx, {
    topicId: opened.topicId,
    schoolId: opened.schoolId,
    channel: opened.channel as ChannelType,
    language: opened.language as Language,
    requesterRole: opened.requesterRole as RequesterRole,
    kind: opened.kind as ConversationKind,
    priority: opened.priority as Priority,
    fields: opened.fields,
    subject: opened.subject,
    text,
    tags: opened.tags,
    alertCategories: found.map((a) => a.category),
  }, { district, topic: topicById(config, opened.topicId), rules: config.rules, names: { departments: config.departmentNames, topics: config.topics } });
  const rulesCtx: Ctx = { ...ctx, actor: { kind: "system", reason: "routing" } };
  const routing = {
    departmentId: decision.departmentId,
    assigneeId: decision.assigneeId,
    priority: decision.priority,
    tags: decision.tags,
    inTriage: decision.triage,
    routing: decision.explanation,
  };
  const env: SlaEnv = { district, policies: config.slaPolicies };
  const clocks = (c: ConversationRow) => slaColumnsFor(ctx, c, { kind: "opened", slaPolicyId: decision.slaPolicyId }, env);
  // Without alerts the routing and the clocks are one UPDATE; raising alerts changes the priority the clocks depend on.
  let conv = found.length === 0
    ? await saveConversation(ctx, opened.id, { ...routing, ...(await clocks({ ...opened, ...routing })) })
    : await saveConversation(ctx, opened.id, routing);
  if (decision.cursor) {
    await ctx.db
      .update(departments)
      .set({ roundRobinCursor: decision.cursor.staffId })
      .where(and(eq(departments.districtId, ctx.districtId), eq(departments.id, decision.cursor.departmentId)));
  }
  if (decision.assigneeId) {
    await ctx.db.update(staff).set({ lastAssignedAt: ctx.now() }).where(and(eq(staff.districtId, ctx.districtId), eq(staff.id, decision.assigneeId)));
  }
  const ruleIds = decision.explanation.steps.flatMap((s) => (s.code === "rule_matched" ? [s.ruleId] : []));
  let events: Emission[] = [
    {
      type: "conversation.routed",
      payload: { departmentId: decision.departmentId, assigneeId: decision.assigneeId, triage: decision.triage, summary: decision.explanation.summary, ruleIds },
      conversationId: conv.id,
    },
  ];
  if (decision.departmentId !== opened.departmentId || decision.assigneeId) {
    events.push({
      type: "conversation.assigned",
      payload: { fromStaffId: null, toStaffId: decision.assigneeId, fromDepartmentId: opened.departmentId, toDepartmentId: decision.departmentId },
      conversationId: conv.id,
    });
  }
  if (decision.watchers.length > 0) {
    await emitAll(rulesCtx, events);
    events = [];
    await addWatchers(rulesCtx, conv.id, decision.watchers, "rule");
  }
  if (decision.triage) events.push({ type: "conversation.triaged", payload: { reason: decision.triageReason ?? "no_department" }, conversationId: conv.id });
  await emitAll(rulesCtx, events);
  await ctx.enqueue(ctx.db, INTAKE_FOLLOW_UP_JOB, {
    districtId: ctx.districtId,
    conversationId: conv.id,
    assigneeId: decision.assigneeId,
    triage: decision.triage ? { departmentId: decision.departmentId, reason: decision.triageReason } : null,
  });
  if (found.length > 0) {
    ({ conversation: conv } = await raiseAlerts(rulesCtx, conv, message, found));
    conv = await saveConversation(ctx, conv.id, await clocks(conv));
  }
  return conv;
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
