import { and, eq } from "drizzle-orm";
import type { ChannelType, ConversationKind, Language, Priority, RequesterRole } from "../../../../common/enums.js";
import { conversationWatchers, departments, staff, type ConversationRow, type MessageRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import { detectForDistrict, type Alert } from "../../alerts/index.js";
import { clusterConversation } from "../../clusters/index.js";
import { notify } from "../../notifications/index.js";
import { decideRouting } from "../../routing/index.js";
import { getDistrict } from "../../districts/index.js";
import { loadSlaEnv, slaColumnsFor, supervisorsFor } from "../../sla/index.js";
import type { Ctx } from "../../shared/ctx.js";
import { saveConversation } from "../load.js";
import { addWatchers, raiseAlerts } from "./raise-alerts.js";

/**
 * Alerts of a first message. Evidence offsets point into the message body (the staff app marks them there); a
 * subject the family wrote themselves (email, not a web form's generated one) is checked too, and a category found
 * only there is raised without evidence offsets.
 */
async function detectOpening(ctx: Ctx, opened: ConversationRow, text: string): Promise<Alert[]> {
  const lang = opened.language as "en" | "es";
  const found = await detectForDistrict(ctx, text, lang);
  if (opened.channel === "web_form" || !opened.subject.trim()) return found;
  const inSubject = await detectForDistrict(ctx, opened.subject, lang);
  return [...found, ...inSubject.filter((a) => !found.some((f) => f.category === a.category)).map((a) => ({ ...a, evidence: [] }))];
}

/**
 * What happens to every new conversation on every channel, in the transaction that stores it (so a 2xx or a 250
 * means it is routed, checked for alerts and on the clock): critical-alert detection, routing (rules, learned
 * routing, assignment policy, triage), service-standard clocks, incident clustering, and the notifications.
 */
export async function afterConversationOpened(ctx: Ctx, opened: ConversationRow, message: MessageRow): Promise<ConversationRow> {
  const text = message.body;
  const district = await getDistrict(ctx);
  const found = await detectOpening(ctx, opened, text);
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
  }, { district });
  const rulesCtx: Ctx = { ...ctx, actor: { kind: "system", reason: "routing" } };
  let conv = await saveConversation(ctx, opened.id, {
    departmentId: decision.departmentId,
    assigneeId: decision.assigneeId,
    priority: decision.priority,
    tags: decision.tags,
    inTriage: decision.triage,
    routing: decision.explanation,
  });
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
  await emit(
    rulesCtx,
    "conversation.routed",
    { departmentId: decision.departmentId, assigneeId: decision.assigneeId, triage: decision.triage, summary: decision.explanation.summary, ruleIds },
    conv.id,
  );
  if (decision.departmentId !== opened.departmentId || decision.assigneeId) {
    await emit(
      rulesCtx,
      "conversation.assigned",
      { fromStaffId: null, toStaffId: decision.assigneeId, fromDepartmentId: opened.departmentId, toDepartmentId: decision.departmentId },
      conv.id,
    );
  }
  await addWatchers(rulesCtx, conv.id, decision.watchers, "rule");
  if (decision.assigneeId) await notify(rulesCtx, { staffIds: [decision.assigneeId], type: "assigned", conversationId: conv.id });
  if (decision.triage) {
    await emit(rulesCtx, "conversation.triaged", { reason: decision.triageReason ?? "no_department" }, conv.id);
    await notify(rulesCtx, { staffIds: await supervisorsFor(ctx, decision.departmentId), type: "triage", conversationId: conv.id, data: { reason: decision.triageReason } });
  }
  if (found.length > 0) ({ conversation: conv } = await raiseAlerts(rulesCtx, conv, message, found));
  conv = await saveConversation(ctx, conv.id, await slaColumnsFor(ctx, conv, { kind: "opened", slaPolicyId: decision.slaPolicyId }, await loadSlaEnv(ctx, district)));
  // a web form's subject is made of the topic name and the message's first line: only the family's words count
  const cluster = await clusterConversation(rulesCtx, conv, opened.channel === "web_form" ? text : `${opened.subject}\n${text}`);
  return cluster ? { ...conv, clusterId: cluster.id } : conv;
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
