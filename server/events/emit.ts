import { sql } from "drizzle-orm";
import { events } from "../db/schema/index.js";
import { actorRef, type Ctx } from "../domain/shared/ctx.js";
import { EventCatalog, LIVE_CHANNEL, type EventPayload, type EventType } from "./catalog.js";

/**
 * Records an event in the caller's transaction (the timeline) and notifies live inboxes on commit.
 * PostgreSQL delivers NOTIFY only when the transaction commits, so nobody sees an uncommitted change.
 */
export async function emit<T extends EventType>(
  ctx: Ctx,
  type: T,
  payload: EventPayload<T>,
  conversationId: string | null = null,
): Promise<void> {
  const data = EventCatalog[type].parse(payload) as Record<string, unknown>;
  const { actorKind, actorId } = actorRef(ctx.actor);
  const [row] = await ctx.db
    .insert(events)
    .values({ districtId: ctx.districtId, conversationId, type, actorKind, actorId, data, createdAt: ctx.now() })
    .returning({ seq: events.seq });
  const note = JSON.stringify({ districtId: ctx.districtId, seq: row!.seq, type, conversationId });
  await ctx.db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${note})`);
}

/**
 * A live signal that is not a timeline event: one staff member's new notification, or who is viewing or replying
 * to a conversation (`seq: -1`, never replayed). `staffId` limits delivery to that person's connections.
 */
export async function signal(
  ctx: Pick<Ctx, "db" | "districtId">,
  s: { type: string; conversationId: string | null; staffId?: string | null; data?: Record<string, unknown> },
): Promise<void> {
  const note = JSON.stringify({ districtId: ctx.districtId, seq: -1, type: s.type, conversationId: s.conversationId, staffId: s.staffId ?? null, data: s.data ?? null });
  await ctx.db.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${note})`);
}
