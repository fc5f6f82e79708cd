import { and, asc, eq, gt, max, sql } from "drizzle-orm";
import pg from "pg";
import { z } from "zod";
import { conversations, events } from "../db/schema/index.js";
import { tenantDb } from "../db/tenant.js";
import { can, conversationColumn } from "../domain/conversations/index.js";
import type { StaffActor } from "../domain/staff/index.js";
import { LIVE_CHANNEL } from "../events/catalog.js";
import type { AppDeps } from "./context.js";

/** One NOTIFY on `fo_events`: an event was committed in a district. */
export const LiveEventSchema = z.object({
  districtId: z.string(),
  /** the timeline event's seq; -1 for a signal that is not a timeline event (never replayed) */
  seq: z.number().int(),
  type: z.string(),
  conversationId: z.string().nullable(),
  /** a signal for one person only (their notification) */
  staffId: z.string().nullable().optional(),
  /** a signal's payload (presence: who, doing what) */
  data: z.record(z.string(), z.unknown()).nullable().optional(),
});
export type LiveEvent = z.infer<typeof LiveEventSchema>;

/** An open SSE connection of one signed-in staff member. */
export type LiveClient = {
  districtId: string;
  actor: StaffActor;
  send(event: LiveEvent): void;
  heartbeat(): void;
  end(): void;
};

export type LiveHub = {
  /** Starts the process's one listener if needed; resolves once notifications are being received. */
  ready(): Promise<void>;
  /** Adds a connection; returns its removal. */
  subscribe(client: LiveClient): () => void;
  /** Events of the district after `afterSeq` that the actor may see (at most 500), for Last-Event-ID. */
  replay(districtId: string, actor: StaffActor, afterSeq: number): Promise<LiveEvent[]>;
  /** Ends every open stream (before the HTTP server closes, so close is prompt). */
  endStreams(): void;
  /** Who else has the conversation open (viewing or replying) in the last 45 seconds, across all processes. */
  presence(districtId: string, conversationId: string): PresenceEntry[];
  close(): Promise<void>;
};

export type PresenceEntry = { staffId: string; name: string; state: "viewing" | "replying"; since: Date; at: Date };
const PRESENCE_TTL_MS = 45_000;
const PresenceDataSchema = z.object({ staffId: z.string(), name: z.string(), state: z.enum(["viewing", "replying", "left"]) });

type Scope = { departmentId: string | null; assigneeId: string | null; watcherIds?: string[] };

const REPLAY_LIMIT = 500;
/** Staff following a conversation (alert responders, people mentioned) receive its events like its owners. */
// the conversation's columns qualified: a select from conversations alone prints them bare, and inside the subquery a
// bare district_id would be the watcher's own (a condition always true, and no use of the watchers' key)
const WATCHERS = sql<string[] | null>`(select array_agg(w.staff_id::text) from conversation_watchers w where w.district_id = ${conversationColumn(conversations.districtId)} and w.conversation_id = ${conversationColumn(conversations.id)})`;
const SEES_ALL = (a: StaffActor) => a.role === "admin" || a.role === "viewer" || (a.role === "supervisor" && a.departmentIds.length === 0);

/**
 * The scopes an event concerns: the conversation as it is now, and for an assignment both where it
 * came from and where it went (read from the event itself, so a quick second move loses neither).
 */
function scopesOf(current: Scope | null, type: string, data: Record<string, unknown> | null): Scope[] {
  const scopes = current ? [current] : [];
  if (type !== "conversation.assigned" || !data) return scopes;
  const str = (v: unknown) => (typeof v === "string" ? v : null);
  scopes.push({ departmentId: str(data.fromDepartmentId), assigneeId: str(data.fromStaffId) });
  scopes.push({ departmentId: str(data.toDepartmentId), assigneeId: str(data.toStaffId) });
  return scopes;
}

/** Whether a staff member may learn that this event happened. */
function mayReceive(actor: StaffActor, conversationId: string | null, scopes: Scope[]): boolean {
  if (!conversationId || SEES_ALL(actor)) return true;
  return scopes.some((scope) => can(actor, "view", scope));
}

/**
 * The live-update hub: ONE listener per process on the `fo_events` NOTIFY channel (a dedicated
 * pg.Client on PostgreSQL that reconnects, PGlite's in-process listen otherwise), fanned out to the
 * SSE connections of the event's district, and only for conversations each actor may view.
 */
export function createLiveHub(deps: Pick<AppDeps, "database" | "log">, opts: { heartbeatMs?: number } = {}): LiveHub {
  const { database, log } = deps;
  const clients = new Map<string, Set<LiveClient>>();
  let starting: Promise<void> | null = null;
  let stopListening: (() => Promise<void>) | null = null;
  let closed = false;
  let lastSeq = 0;
  let queue: Promise<void> = Promise.resolve();
  const heartbeat = setInterval(() => {
    for (const set of clients.values()) for (const c of set) c.heartbeat();
  }, opts.heartbeatMs ?? 25_000);
  heartbeat.unref();

  // Per-district reads run as the tenant (db/tenant.ts); only start()'s process-wide cursor reads all districts.
  async function visibility(districtId: string, seq: number): Promise<Scope[]> {
    const [row] = await tenantDb(database, districtId)
      .select({ type: events.type, data: events.data, departmentId: conversations.departmentId, assigneeId: conversations.assigneeId, id: conversations.id, watcherIds: WATCHERS })
      .from(events)
      .leftJoin(conversations, and(eq(conversations.id, events.conversationId), eq(conversations.districtId, events.districtId)))
      .where(and(eq(events.districtId, districtId), eq(events.seq, seq)));
    if (!row) return [];
    return scopesOf(row.id ? { departmentId: row.departmentId, assigneeId: row.assigneeId, watcherIds: row.watcherIds ?? [] } : null, row.type, row.data);
  }

  // Who has which conversation open, fed by every process's presence signals (so it is the same everywhere).
  const present = new Map<string, Map<string, PresenceEntry>>();
  function trackPresence(event: LiveEvent): void {
    const d = PresenceDataSchema.safeParse(event.data);
    if (!d.success || !event.conversationId) return;
    const key = `${event.districtId}:${event.conversationId}`;
    const people = present.get(key) ?? new Map<string, PresenceEntry>();
    const now = new Date();
    if (d.data.state === "left") people.delete(d.data.staffId);
    else {
      const before = people.get(d.data.staffId);
      people.set(d.data.staffId, { staffId: d.data.staffId, name: d.data.name, state: d.data.state, since: before?.state === d.data.state ? before.since : now, at: now });
    }
    if (people.size === 0) present.delete(key);
    else present.set(key, people);
  }

  async function conversationScope(districtId: string, conversationId: string): Promise<Scope[]> {
    const [row] = await tenantDb(database, districtId)
      .select({ departmentId: conversations.departmentId, assigneeId: conversations.assigneeId, watcherIds: WATCHERS })
      .from(conversations)
      .where(and(eq(conversations.districtId, districtId), eq(conversations.id, conversationId)));
    return row ? [{ departmentId: row.departmentId, assigneeId: row.assigneeId, watcherIds: row.watcherIds ?? [] }] : [];
  }

  async function dispatch(event: LiveEvent): Promise<void> {
    if (event.seq >= 0) lastSeq = Math.max(lastSeq, event.seq);
    if (event.type === "presence") trackPresence(event);
    const set = clients.get(event.districtId);
    if (!set || set.size === 0) return;
    if (event.staffId) {
      for (const c of set) if (c.actor.staffId === event.staffId) c.send(event);
      return;
    }
    if (event.seq < 0) {
      const targets = [...set];
      const scopes = event.conversationId && targets.some((c) => !SEES_ALL(c.actor)) ? await conversationScope(event.districtId, event.conversationId) : [];
      for (const c of targets) if (mayReceive(c.actor, event.conversationId, scopes)) c.send(event);
      return;
    }
    const targets = [...set];
    // One cheap query, and only when someone connected sees less than the whole district.
    const needsScope = event.conversationId !== null && targets.some((c) => !SEES_ALL(c.actor));
    const scopes = needsScope ? await visibility(event.districtId, event.seq) : [];
    for (const c of targets) if (mayReceive(c.actor, event.conversationId, scopes)) c.send(event);
  }

  function onPayload(payload: string | undefined): void {
    let parsed: LiveEvent | undefined;
    try {
      parsed = LiveEventSchema.parse(JSON.parse(payload ?? ""));
    } catch {
      log.warn("live: ignored a malformed notification");
      return;
    }
    const event = parsed;
    // Serialised so every connection receives events in commit order.
    queue = queue.then(() => dispatch(event)).catch((err: unknown) => log.error({ err }, "live: dispatch failed"));
  }

  async function catchUp(): Promise<void> {
    const districtIds = [...clients.keys()];
    for (const districtId of districtIds) {
      const rows = await tenantDb(database, districtId)
        .select({ seq: events.seq, type: events.type, conversationId: events.conversationId })
        .from(events)
        .where(and(eq(events.districtId, districtId), gt(events.seq, lastSeq)))
        .orderBy(asc(events.seq))
        .limit(REPLAY_LIMIT);
      for (const r of rows) onPayload(JSON.stringify({ districtId, ...r }));
    }
  }

  async function listenPostgres(attempt = 0): Promise<void> {
    const client = new pg.Client({ connectionString: database.connectionString });
    let reconnecting = false;
    const reconnect = (err?: unknown) => {
      if (closed || reconnecting) return;
      reconnecting = true;
      log.warn({ err }, "live: listener connection lost; reconnecting");
      client.removeAllListeners("notification");
      void client.end().catch(() => undefined);
      const delay = Math.min(30_000, 500 * 2 ** attempt);
      setTimeout(() => {
        if (closed) return;
        listenPostgres(attempt + 1)
          .then(() => catchUp())
          .catch((e: unknown) => reconnect(e));
      }, delay).unref();
    };
    client.on("error", reconnect);
    client.on("end", () => reconnect());
    client.on("notification", (msg) => {
      if (msg.channel === LIVE_CHANNEL) onPayload(msg.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    } catch (err) {
      if (attempt === 0) throw err;
      reconnect(err);
      return;
    }
    attempt = 0;
    stopListening = async () => {
      client.removeAllListeners();
      client.on("error", () => undefined);
      await client.end().catch(() => undefined);
    };
  }

  function endStreams(): void {
    for (const set of clients.values()) for (const c of [...set]) c.end();
    clients.clear();
  }

  async function start(): Promise<void> {
    const [row] = await database.db.select({ seq: max(events.seq) }).from(events);
    lastSeq = Number(row?.seq ?? 0);
    if (database.kind === "postgres") return listenPostgres();
    const unlisten = await database.pglite!.listen(LIVE_CHANNEL, (payload) => onPayload(payload));
    stopListening = () => unlisten();
  }

  return {
    ready() {
      if (closed) return Promise.reject(new Error("live hub closed"));
      starting ??= start().catch((err: unknown) => {
        starting = null;
        throw err;
      });
      return starting;
    },
    subscribe(client) {
      const set = clients.get(client.districtId) ?? new Set<LiveClient>();
      set.add(client);
      clients.set(client.districtId, set);
      return () => {
        set.delete(client);
        if (set.size === 0 && clients.get(client.districtId) === set) clients.delete(client.districtId);
      };
    },
    async replay(districtId, actor, afterSeq) {
      const rows = await tenantDb(database, districtId)
        .select({
          seq: events.seq,
          type: events.type,
          data: events.data,
          conversationId: events.conversationId,
          id: conversations.id,
          departmentId: conversations.departmentId,
          assigneeId: conversations.assigneeId,
          watcherIds: WATCHERS,
        })
        .from(events)
        .leftJoin(conversations, and(eq(conversations.id, events.conversationId), eq(conversations.districtId, events.districtId)))
        .where(and(eq(events.districtId, districtId), gt(events.seq, afterSeq)))
        .orderBy(asc(events.seq))
        .limit(REPLAY_LIMIT);
      return rows
        .filter((r) =>
          mayReceive(actor, r.conversationId, scopesOf(r.id ? { departmentId: r.departmentId, assigneeId: r.assigneeId, watcherIds: r.watcherIds ?? [] } : null, r.type, r.data)),
        )
        .map((r) => ({ districtId, seq: r.seq, type: r.type, conversationId: r.conversationId }));
    },
    endStreams,
    presence(districtId, conversationId) {
      const people = present.get(`${districtId}:${conversationId}`);
      if (!people) return [];
      const cutoff = Date.now() - PRESENCE_TTL_MS;
      for (const [id, p] of people) if (p.at.getTime() < cutoff) people.delete(id);
      return [...people.values()];
    },
    async close() {
      closed = true;
      clearInterval(heartbeat);
      endStreams();
      if (starting) await starting.catch(() => undefined);
      const stop = stopListening;
      stopListening = null;
      await stop?.();
      await queue;
    },
  };
}
