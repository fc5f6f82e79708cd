import { and, eq, inArray } from "drizzle-orm";
import type { Priority } from "../../../../common/enums.js";
import { PRIORITY_RANK } from "../../../../common/enums.js";
import { alerts as alertsTable, conversationWatchers, type AlertRow, type ConversationRow, type MessageRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import { respondersOf, type Alert } from "../../alerts/index.js";
import { notify } from "../../notifications/index.js";
import type { Ctx } from "../../shared/ctx.js";
import { saveConversation } from "../load.js";

/** Adds staff as watchers of a conversation (they see it and hear about it), once each. */
export async function addWatchers(ctx: Ctx, conversationId: string, staffIds: readonly string[], reason: string): Promise<string[]> {
  if (staffIds.length === 0) return [];
  const added = await ctx.db
    .insert(conversationWatchers)
    .values([...new Set(staffIds)].map((staffId) => ({ districtId: ctx.districtId, conversationId, staffId, reason, createdAt: ctx.now() })))
    .onConflictDoNothing()
    .returning({ staffId: conversationWatchers.staffId });
  for (const a of added) await emit(ctx, "watcher.added", { staffId: a.staffId, reason }, conversationId);
  return added.map((a) => a.staffId);
}

/**
 * Records the critical alerts an inbound message raised, in the same transaction as the message: one alert row per
 * category not already active on the conversation, priority raised (critical for critical alerts, else high), the
 * conversation flagged until a responder acknowledges, the category's responders added as watchers (so it is pinned
 * in their inbox whatever department owns it) and notified at once, in-app and by email.
 */
export async function raiseAlerts(ctx: Ctx, conv: ConversationRow, message: Pick<MessageRow, "id"> | null, found: readonly Alert[]): Promise<{ conversation: ConversationRow; alerts: AlertRow[] }> {
  if (found.length === 0) return { conversation: conv, alerts: [] };
  const active = await ctx.db
    .select({ category: alertsTable.category })
    .from(alertsTable)
    .where(and(eq(alertsTable.districtId, ctx.districtId), eq(alertsTable.conversationId, conv.id), inArray(alertsTable.status, ["active", "acknowledged"])));
  const known = new Set(active.map((a) => a.category));
  const fresh = found.filter((a) => !known.has(a.category));
  if (fresh.length === 0) return { conversation: conv, alerts: [] };
  const rows = await ctx.db
    .insert(alertsTable)
    .values(
      fresh.map((a) => ({
        districtId: ctx.districtId,
        conversationId: conv.id,
        messageId: message?.id ?? null,
        category: a.category,
        severity: a.severity,
        score: a.score,
        evidence: a.evidence,
        createdAt: ctx.now(),
      })),
    )
    .returning();
  const wanted: Priority = fresh.some((a) => a.severity === "critical") ? "critical" : "high";
  const priority = PRIORITY_RANK[wanted] < PRIORITY_RANK[conv.priority as Priority] ? wanted : (conv.priority as Priority);
  const saved = await saveConversation(ctx, conv.id, { priority, alertStatus: "active" });
  if (priority !== conv.priority) await emit(ctx, "conversation.updated", { changes: { priority: { from: conv.priority, to: priority } } }, conv.id);
  for (const r of rows) await emit(ctx, "alert.raised", { alertId: r.id, category: r.category, severity: r.severity, messageId: r.messageId }, conv.id);
  const responders = await respondersOf(ctx, fresh.map((a) => a.category));
  await addWatchers(ctx, conv.id, responders, "alert_responder");
  await notify(ctx, {
    staffIds: [...responders, conv.assigneeId],
    type: "alert",
    conversationId: conv.id,
    data: { categories: fresh.map((a) => a.category), category: fresh[0]!.category, severity: wanted },
  });
  return { conversation: saved, alerts: rows };
}
