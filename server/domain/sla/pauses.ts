/**
 * Pauses of the service clocks as the reports define them (docs/METRICS.md): time spent pending (waiting on the
 * family) or resolved before a reopen, read from the timeline's `conversation.status_changed` events.
 */
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import { conversations, events } from "../../db/schema/index.js";
import type { Ctx } from "../shared/ctx.js";
import { businessMinutesBetween, type BusinessCalendar } from "./calendar.js";

const PAUSED = new Set(["pending", "resolved"]);

/** Pause intervals (pending, or resolved before a reopen) of conversations, from their status_changed events. */
export async function pausesOf(ctx: Ctx, convWhere: SQL): Promise<Map<string, [number, number][]>> {
  const rows = await ctx.db
    .select({ conversationId: events.conversationId, createdAt: events.createdAt, data: events.data })
    .from(events)
    .where(
      and(
        eq(events.districtId, ctx.districtId),
        eq(events.type, "conversation.status_changed"),
        inArray(events.conversationId, ctx.db.select({ id: conversations.id }).from(conversations).where(convWhere)),
      ),
    )
    .orderBy(asc(events.seq));
  const out = new Map<string, [number, number][]>();
  const open = new Map<string, number>();
  for (const r of rows) {
    if (!r.conversationId) continue;
    const from = String(r.data.from);
    const to = String(r.data.to);
    const t = r.createdAt.getTime();
    if (PAUSED.has(to) && !PAUSED.has(from)) open.set(r.conversationId, t);
    else if (!PAUSED.has(to) && PAUSED.has(from)) {
      const start = open.get(r.conversationId);
      if (start !== undefined) {
        out.set(r.conversationId, [...(out.get(r.conversationId) ?? []), [start, t]]);
        open.delete(r.conversationId);
      }
    }
  }
  for (const [id, start] of open) out.set(id, [...(out.get(id) ?? []), [start, Number.POSITIVE_INFINITY]]);
  return out;
}

/** Business minutes from a to b minus the business minutes of the pauses inside. */
export function businessMinutesUnpaused(cal: BusinessCalendar, a: Date, b: Date, pauses: readonly [number, number][]): number {
  if (b <= a) return 0;
  let total = businessMinutesBetween(cal, a, b);
  for (const [ps, pe] of pauses) {
    const s = Math.max(ps, a.getTime());
    const e = Math.min(pe, b.getTime());
    if (e > s) total -= businessMinutesBetween(cal, new Date(s), new Date(e));
  }
  return Math.max(0, total);
}

