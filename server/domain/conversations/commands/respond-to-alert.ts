import { and, desc, eq, inArray, ne } from "drizzle-orm";
import type { Alert } from "../../../../common/contract/operations.js";
import { alerts, conversations, staff, type AlertRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import { AppError, notFound } from "../../../lib/errors.js";
import type { Ctx } from "../../shared/ctx.js";
import { loadForAction, saveConversation } from "../load.js";
import { visibleTo } from "../policy.js";

async function loadAlert(ctx: Ctx, id: string): Promise<AlertRow> {
  const [row] = await ctx.db.select().from(alerts).where(and(eq(alerts.districtId, ctx.districtId), eq(alerts.id, id))).for("update");
  if (!row) throw notFound("Alert");
  // responders see the conversation as watchers; anyone who cannot see it cannot learn the alert exists
  await loadForAction(ctx, row.conversationId, "view");
  if (ctx.actor.kind !== "staff" || ctx.actor.role === "viewer" || ctx.actor.role === "recorder") {
    throw new AppError("forbidden", "Only responders, agents, supervisors and admins act on alerts");
  }
  return row;
}

/** The conversation's alert flag after a change: active while any alert waits, else acknowledged, else downgraded. */
async function refreshFlag(ctx: Ctx, conversationId: string): Promise<void> {
  const rows = await ctx.db.select({ status: alerts.status }).from(alerts).where(and(eq(alerts.districtId, ctx.districtId), eq(alerts.conversationId, conversationId)));
  const has = (s: string) => rows.some((r) => r.status === s);
  const flag = has("active") ? "active" : has("acknowledged") ? "acknowledged" : rows.length ? "downgraded" : null;
  await saveConversation(ctx, conversationId, { alertStatus: flag });
}

/** A responder has seen the alert and is acting on it: the conversation is no longer flashing in every inbox. */
export async function acknowledgeAlert(ctx: Ctx, alertId: string): Promise<AlertRow> {
  const row = await loadAlert(ctx, alertId);
  if (row.status !== "active") throw new AppError("conflict", `This alert was already ${row.status}`);
  const staffId = ctx.actor.kind === "staff" ? ctx.actor.staffId : null;
  const [saved] = await ctx.db.update(alerts).set({ status: "acknowledged", acknowledgedBy: staffId, acknowledgedAt: ctx.now() }).where(and(eq(alerts.districtId, ctx.districtId), eq(alerts.id, row.id))).returning();
  await emit(ctx, "alert.acknowledged", { alertId: row.id, category: row.category }, row.conversationId);
  await refreshFlag(ctx, row.conversationId);
  return saved!;
}

/**
 * Not a critical concern after all (a song lyric, a video game): the responder says why, the reason is on the
 * timeline, and the conversation's priority returns to normal when no other alert stands.
 */
export async function downgradeAlert(ctx: Ctx, alertId: string, reason: string): Promise<AlertRow> {
  const row = await loadAlert(ctx, alertId);
  if (row.status === "downgraded") throw new AppError("conflict", "This alert was already downgraded");
  const why = reason.trim();
  if (why.length < 5) throw new AppError("validation_failed", "Say why this is not a critical concern", { invalidParams: [{ name: "reason", reason: "too_short" }] });
  const staffId = ctx.actor.kind === "staff" ? ctx.actor.staffId : null;
  const [saved] = await ctx.db
    .update(alerts)
    .set({ status: "downgraded", downgradedBy: staffId, downgradedAt: ctx.now(), downgradeReason: why })
    .where(and(eq(alerts.districtId, ctx.districtId), eq(alerts.id, row.id)))
    .returning();
  await emit(ctx, "alert.downgraded", { alertId: row.id, category: row.category, reason: why }, row.conversationId);
  const standing = await ctx.db
    .select({ id: alerts.id })
    .from(alerts)
    .where(and(eq(alerts.districtId, ctx.districtId), eq(alerts.conversationId, row.conversationId), ne(alerts.status, "downgraded")));
  if (standing.length === 0) {
    const [conv] = await ctx.db.select({ priority: conversations.priority }).from(conversations).where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, row.conversationId)));
    if (conv && (conv.priority === "critical" || conv.priority === "high")) {
      await saveConversation(ctx, row.conversationId, { priority: "normal" });
      await emit(ctx, "conversation.updated", { changes: { priority: { from: conv.priority, to: "normal" } } }, row.conversationId);
    }
  }
  await refreshFlag(ctx, row.conversationId);
  return saved!;
}

/** Alerts on conversations the actor may see (responders see theirs as watchers), newest first. */
export async function listAlerts(ctx: Ctx, status: "active" | "acknowledged" | "downgraded" | "all", limit = 100, onlyId?: string): Promise<Alert[]> {
  const acker = staff;
  const rows = await ctx.db
    .select({ a: alerts, reference: conversations.reference, subject: conversations.subject, ackName: acker.name })
    .from(alerts)
    .innerJoin(conversations, and(eq(conversations.id, alerts.conversationId), eq(conversations.districtId, alerts.districtId)))
    .leftJoin(acker, and(eq(acker.id, alerts.acknowledgedBy), eq(acker.districtId, alerts.districtId)))
    .where(and(eq(alerts.districtId, ctx.districtId), status === "all" ? undefined : eq(alerts.status, status), onlyId ? eq(alerts.id, onlyId) : undefined, visibleTo(ctx.actor)))
    .orderBy(desc(alerts.createdAt))
    .limit(limit);
  const downIds = [...new Set(rows.map((r) => r.a.downgradedBy).filter((x): x is string => Boolean(x)))];
  const downNames = downIds.length ? new Map((await ctx.db.select({ id: staff.id, name: staff.name }).from(staff).where(and(eq(staff.districtId, ctx.districtId), inArray(staff.id, downIds)))).map((s) => [s.id, s.name])) : new Map<string, string>();
  return rows.map(({ a, reference, subject, ackName }) => presentAlert(a, { id: a.conversationId, reference, subject }, ackName, a.downgradedBy ? (downNames.get(a.downgradedBy) ?? null) : null));
}

export function presentAlert(a: AlertRow, conversation: Alert["conversation"], ackName: string | null, downName: string | null): Alert {
  return {
    id: a.id,
    conversation,
    messageId: a.messageId,
    category: a.category,
    severity: a.severity as Alert["severity"],
    score: a.score,
    evidence: a.evidence,
    status: a.status as Alert["status"],
    acknowledgedBy: a.acknowledgedBy && ackName ? { id: a.acknowledgedBy, name: ackName } : null,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    downgradedBy: a.downgradedBy && downName ? { id: a.downgradedBy, name: downName } : null,
    downgradedAt: a.downgradedAt?.toISOString() ?? null,
    downgradeReason: a.downgradeReason,
    createdAt: a.createdAt.toISOString(),
  };
}

export async function getAlert(ctx: Ctx, id: string): Promise<Alert> {
  const [found] = await listAlerts(ctx, "all", 1, id);
  if (!found) throw notFound("Alert");
  return found;
}
