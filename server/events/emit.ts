import { sql } from "drizzle-orm";
import { events } from "../db/schema/index.js";
import { actorRef, type Actor, type Ctx } from "../domain/shared/ctx.js";
import { EventCatalog, LIVE_CHANNEL, type EventPayload, type EventType } from "./catalog.js";

/** One event to record: its type, payload and conversation, and an actor when it is not ctx's own. */
export type Emission = {
  [T in EventType]: { type: T; payload: EventPayload<T>; conversationId?: string | null; actor?: Actor };
}[EventType];

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
  await emitAll(ctx, [{ type, payload, conversationId } as Emission]);
}

/**
 * Records several events in order, with their NOTIFYs, in ONE statement (an INSERT … RETURNING feeding pg_notify,
 * in seq order): a submission records half a dozen, and each had cost two round trips.
 */
export async function emitAll(ctx: Ctx, list: readonly Emission[]): Promise<void> {
  if (list.length === 0) return;
  const at = ctx.now().toISOString();
  const rows = list.map((e) => {
    const data = EventCatalog[e.type].parse(e.payload) as Record<string, unknown>;
    const { actorKind, actorId } = actorRef(e.actor ?? ctx.actor);
    return sql`(${ctx.districtId}::uuid, ${e.conversationId ?? null}::uuid, ${e.type}, ${actorKind}, ${actorId}, ${JSON.stringify(data)}::jsonb, ${at}::timestamptz)`;
  });
  // pg_notify is volatile, so it runs after the sort: notifications go out in seq order
  await ctx.db.execute(sql`with e as (
    insert into ${events} (district_id, conversation_id, type, actor_kind, actor_id, data, created_at) values ${sql.join(rows, sql`, `)}
    returning seq, type, conversation_id
  ) select pg_notify(${LIVE_CHANNEL}, json_build_object('districtId', ${ctx.districtId}::text, 'seq', e.seq, 'type', e.type, 'conversationId', e.conversation_id)::text) from e order by e.seq`);
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
