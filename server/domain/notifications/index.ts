import { and, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { conversations, notifications, staff, type NotificationRow } from "../../db/schema/index.js";
import { signal } from "../../events/emit.js";
import { getDistrict } from "../districts/index.js";
import { queueEmail } from "../mail/index.js";
import type { Ctx } from "../shared/ctx.js";
import { describeNotification, renderDigestEmail, renderInstantEmail, type NotificationLine, type NotificationType } from "./staff-email.js";

export { describeNotification, type NotificationType };
export type { NotificationRow };

export type NotifyInput = {
  staffIds: readonly (string | null | undefined)[];
  type: NotificationType;
  conversationId: string | null;
  data?: Record<string, unknown>;
};

const appUrl = (ctx: Ctx, conversationId: string | null) =>
  conversationId ? `${ctx.app.publicUrl}/app/conversations/${conversationId}` : `${ctx.app.publicUrl}/app`;

/**
 * Notifies staff members, in the caller's transaction: a row in each person's feed, a live signal to their open
 * apps, and an email at once for people who chose instant emails (alerts are always emailed at once: they cannot
 * wait for a digest). The acting staff member is never notified of their own action; inactive staff never are.
 */
export async function notify(ctx: Ctx, input: NotifyInput): Promise<NotificationRow[]> {
  const actorId = ctx.actor.kind === "staff" ? ctx.actor.staffId : null;
  const ids = [...new Set(input.staffIds.filter((s): s is string => typeof s === "string" && s !== actorId))];
  if (ids.length === 0) return [];
  const people = await ctx.db
    .select({ id: staff.id, email: staff.email, notifyEmail: staff.notifyEmail })
    .from(staff)
    .where(and(eq(staff.districtId, ctx.districtId), inArray(staff.id, ids), eq(staff.active, true), eq(staff.isService, false)));
  if (people.length === 0) return [];
  const now = ctx.now();
  const rows = await ctx.db
    .insert(notifications)
    .values(
      people.map((p) => ({
        districtId: ctx.districtId,
        staffId: p.id,
        type: input.type,
        conversationId: input.conversationId,
        actorStaffId: actorId,
        data: input.data ?? {},
        createdAt: now,
      })),
    )
    .returning();
  const instant = people.filter((p) => p.notifyEmail === "instant" || input.type === "alert");
  if (instant.length > 0) {
    const district = await getDistrict(ctx);
    const conv = input.conversationId
      ? (await ctx.db
          .select({ reference: conversations.reference, subject: conversations.subject })
          .from(conversations)
          .where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, input.conversationId))))[0]
      : undefined;
    const actorName = ctx.actor.kind === "staff" ? ctx.actor.name : null;
    const line: NotificationLine = {
      type: input.type,
      reference: conv?.reference ?? null,
      subject: conv?.subject ?? null,
      actorName,
      data: input.data ?? {},
      url: appUrl(ctx, input.conversationId),
    };
    const rendered = renderInstantEmail(district.name, line);
    for (const p of instant) {
      await queueEmail(ctx, {
        purpose: "staff",
        to: p.email,
        from: `Front Office · ${district.name} <${district.fromEmail}>`,
        ...rendered,
        conversationId: input.conversationId,
        domain: district.replyDomain,
      });
    }
    const emailed = rows.filter((r) => instant.some((p) => p.id === r.staffId)).map((r) => r.id);
    if (emailed.length) await ctx.db.update(notifications).set({ emailedAt: now }).where(and(eq(notifications.districtId, ctx.districtId), inArray(notifications.id, emailed)));
  }
  for (const r of rows) await signal(ctx, { type: "notification.created", conversationId: input.conversationId, staffId: r.staffId });
  return rows;
}

export type FeedItem = NotificationRow & { reference: string | null; subject: string | null; actorName: string | null; text: string };

/** A staff member's feed, newest first (keyset on created_at). */
export async function listNotifications(
  ctx: Ctx,
  staffId: string,
  opts: { unreadOnly?: boolean; limit?: number; before?: { createdAt: Date; id: string | null } | null } = {},
): Promise<{ items: FeedItem[]; unread: number }> {
  const actor = staff;
  const rows = await ctx.db
    .select({ n: notifications, reference: conversations.reference, subject: conversations.subject, actorName: actor.name })
    .from(notifications)
    .leftJoin(conversations, and(eq(conversations.id, notifications.conversationId), eq(conversations.districtId, notifications.districtId)))
    .leftJoin(actor, and(eq(actor.id, notifications.actorStaffId), eq(actor.districtId, notifications.districtId)))
    .where(
      and(
        eq(notifications.districtId, ctx.districtId),
        eq(notifications.staffId, staffId),
        opts.unreadOnly ? isNull(notifications.readAt) : undefined,
        // keyset on (created_at, id): two notifications of one instant are never skipped
        opts.before
          ? opts.before.id
            ? or(lt(notifications.createdAt, opts.before.createdAt), and(eq(notifications.createdAt, opts.before.createdAt), lt(notifications.id, opts.before.id)))
            : lt(notifications.createdAt, opts.before.createdAt)
          : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(Math.min(opts.limit ?? 50, 200));
  const [count] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.districtId, ctx.districtId), eq(notifications.staffId, staffId), isNull(notifications.readAt)));
  return {
    items: rows.map((r) => ({
      ...r.n,
      reference: r.reference,
      subject: r.subject,
      actorName: r.actorName,
      text: describeNotification({ type: r.n.type as NotificationType, reference: r.reference, subject: r.subject, actorName: r.actorName, data: r.n.data }),
    })),
    unread: count?.n ?? 0,
  };
}

/** Marks notifications read: the given ones, or all of the person's when `ids` is omitted. Returns how many changed. */
export async function markNotificationsRead(ctx: Ctx, staffId: string, ids?: readonly string[]): Promise<number> {
  const changed = await ctx.db
    .update(notifications)
    .set({ readAt: ctx.now() })
    .where(
      and(
        eq(notifications.districtId, ctx.districtId),
        eq(notifications.staffId, staffId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, ids.length ? [...ids] : ["00000000-0000-0000-0000-000000000000"]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return changed.length;
}

/**
 * The daily digest: one email per person who chose it, listing what they have not been emailed about yet
 * (read or not), then marks those notifications emailed so nothing is sent twice.
 */
export async function sendDailyDigests(ctx: Ctx): Promise<{ emails: number; notifications: number }> {
  const pending = await ctx.db
    .select({ n: notifications, email: staff.email, reference: conversations.reference, subject: conversations.subject })
    .from(notifications)
    .innerJoin(staff, and(eq(staff.id, notifications.staffId), eq(staff.districtId, notifications.districtId)))
    .leftJoin(conversations, and(eq(conversations.id, notifications.conversationId), eq(conversations.districtId, notifications.districtId)))
    .where(and(eq(notifications.districtId, ctx.districtId), isNull(notifications.emailedAt), eq(staff.notifyEmail, "daily"), eq(staff.active, true)))
    .orderBy(notifications.staffId, notifications.createdAt);
  if (pending.length === 0) return { emails: 0, notifications: 0 };
  const district = await getDistrict(ctx);
  const byStaff = new Map<string, typeof pending>();
  for (const p of pending) byStaff.set(p.n.staffId, [...(byStaff.get(p.n.staffId) ?? []), p]);
  for (const items of byStaff.values()) {
    const lines: NotificationLine[] = items.map((i) => ({
      type: i.n.type as NotificationType,
      reference: i.reference,
      subject: i.subject,
      actorName: null,
      data: i.n.data,
      url: appUrl(ctx, i.n.conversationId),
    }));
    await queueEmail(ctx, {
      purpose: "staff",
      to: items[0]!.email,
      from: `Front Office · ${district.name} <${district.fromEmail}>`,
      ...renderDigestEmail(district.name, lines, appUrl(ctx, null)),
      domain: district.replyDomain,
    });
  }
  await ctx.db
    .update(notifications)
    .set({ emailedAt: ctx.now() })
    .where(and(eq(notifications.districtId, ctx.districtId), inArray(notifications.id, pending.map((p) => p.n.id))));
  return { emails: byStaff.size, notifications: pending.length };
}
