import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { conversations, messages, notifications } from "../../../db/schema/index.js";
import { clusterConversation } from "../../clusters/index.js";
import { notify, type NotificationType } from "../../notifications/index.js";
import { supervisorsFor } from "../../sla/index.js";
import type { Ctx } from "../../shared/ctx.js";

/** The job that follows every new conversation's intake (server/jobs/definitions/intake-follow-up.ts). */
export const INTAKE_FOLLOW_UP_JOB = "intake-follow-up";

export type IntakeFollowUp = {
  conversationId: string;
  /** the person routing assigned it to, to be told */
  assigneeId: string | null;
  /** routing left it in triage: the department's (else the district-wide) supervisors are told why */
  triage: { departmentId: string | null; reason: string | null } | null;
};

/** Notifies those of `staffIds` not yet notified of `type` on this conversation (a job may run twice). */
async function notifyOnce(ctx: Ctx, conversationId: string, type: NotificationType, staffIds: string[], data?: Record<string, unknown>): Promise<void> {
  if (staffIds.length === 0) return;
  const done = await ctx.db
    .select({ staffId: notifications.staffId })
    .from(notifications)
    .where(
      and(
        eq(notifications.districtId, ctx.districtId),
        inArray(notifications.staffId, staffIds),
        eq(notifications.conversationId, conversationId),
        eq(notifications.type, type),
      ),
    );
  const told = new Set(done.map((d) => d.staffId));
  await notify(ctx, { staffIds: staffIds.filter((id) => !told.has(id)), type, conversationId, ...(data ? { data } : {}) });
}

/**
 * What a new conversation's intake leaves for right after the acknowledgement (nothing a family's 2xx promises):
 * the assignee's or the supervisors' notification, and incident clustering. Idempotent: nobody is notified twice of
 * the same thing, and a conversation whose words are already stored was clustered.
 */
export async function followUpIntake(ctx: Ctx, input: IntakeFollowUp): Promise<void> {
  const byId = and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, input.conversationId));
  const [conv] = await ctx.db.select().from(conversations).where(byId);
  if (!conv) return;
  if (input.assigneeId) await notifyOnce(ctx, conv.id, "assigned", [input.assigneeId]);
  if (input.triage) {
    await notifyOnce(ctx, conv.id, "triage", await supervisorsFor(ctx, input.triage.departmentId), { reason: input.triage.reason });
  }
  if (!conv.topicId && !conv.departmentId) return;
  // One clustering at a time per topic (or department), taken before any row lock: two reports of one incident must
  // not each open a cluster. Then whether this one is clustered already (its words are stored when it is).
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`cluster:${ctx.districtId}:${conv.topicId ?? conv.departmentId}`}))`);
  const [now] = await ctx.db.select({ terms: conversations.incidentTerms, clusterId: conversations.clusterId }).from(conversations).where(byId);
  if (!now || now.terms !== null || now.clusterId !== null) return;
  const [first] = await ctx.db
    .select({ body: messages.body })
    .from(messages)
    .where(and(eq(messages.districtId, ctx.districtId), eq(messages.conversationId, conv.id), eq(messages.direction, "inbound")))
    .orderBy(asc(messages.createdAt))
    .limit(1);
  const text = first?.body ?? "";
  // a web form's subject is made of the topic name and the message's first line: only the family's words count
  await clusterConversation(ctx, conv, conv.channel === "web_form" ? text : `${conv.subject}\n${text}`);
}
