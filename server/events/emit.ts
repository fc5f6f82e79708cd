import { sql, type SQL } from "drizzle-orm";
import { reusable } from "../db/reusable.js";
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
 * in seq order): a submission records half a dozen, and each had cost two round trips. Built once per number of
 * events (db/reusable.ts).
 */
export async function emitAll(ctx: Ctx, list: readonly Emission[]): Promise<void> {
  if (list.length === 0) return;
  await recordEvents(ctx.db, eventValues(ctx, list));
}

const recordEvents = reusable<EventValues, unknown>({
  shape: (v) => String(v.count),
  build: (_db, v) => {
    const e = eventsStatements(v.count);
    return sql`with ${sql.raw(EVENTS_CTE)} as (${e.insert}) ${e.notify}`;
  },
  values: (v) => v.values,
});

/** Events to record, as the placeholders' values of `eventsStatements` (validated against the catalog). */
export type EventValues = { count: number; values: Record<string, unknown> };

export function eventValues(ctx: Ctx, list: readonly Emission[]): EventValues {
  const values: Record<string, unknown> = { ev_district: ctx.districtId, ev_at: ctx.now().toISOString() };
  list.forEach((e, i) => {
    const data = EventCatalog[e.type].parse(e.payload) as Record<string, unknown>;
    const { actorKind, actorId } = actorRef(e.actor ?? ctx.actor);
    Object.assign(values, { [`ev${i}_conversation`]: e.conversationId ?? null, [`ev${i}_type`]: e.type, [`ev${i}_actor_kind`]: actorKind, [`ev${i}_actor_id`]: actorId, [`ev${i}_data`]: JSON.stringify(data) });
  });
  return { count: list.length, values };
}

/** The name the events' INSERT takes as a WITH clause. */
export const EVENTS_CTE = "recorded_events";

/**
 * `count` events' INSERT (to be the WITH clause `EVENTS_CTE`), and the SELECT that sends their NOTIFYs from it in seq
 * order (pg_notify is volatile, so it runs after the sort), with `eventValues`' placeholders. Another statement may
 * carry both as WITH clauses (a conversation's INSERT does): the NOTIFYs run when that statement reads the second.
 */
export function eventsStatements(count: number): { insert: SQL; notify: SQL } {
  const p = (name: string) => sql.placeholder(name);
  const rows = Array.from({ length: count }, (_, i) => sql`(${p("ev_district")}::uuid, ${p(`ev${i}_conversation`)}::uuid, ${p(`ev${i}_type`)}, ${p(`ev${i}_actor_kind`)}, ${p(`ev${i}_actor_id`)}, ${p(`ev${i}_data`)}::jsonb, ${p("ev_at")}::timestamptz)`);
  return {
    insert: sql`insert into ${events} (district_id, conversation_id, type, actor_kind, actor_id, data, created_at) values ${sql.join(rows, sql`, `)} returning seq, type, conversation_id`,
    notify: sql`select pg_notify(${sql.raw(`'${LIVE_CHANNEL}'`)}, json_build_object('districtId', ${p("ev_district")}::text, 'seq', e.seq, 'type', e.type, 'conversationId', e.conversation_id)::text) from ${sql.raw(EVENTS_CTE)} e order by e.seq`,
  };
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
