/**
 * One change pushed by GET /api/stream. Timeline events carry a seq; signals that are not on the timeline
 * (`notification.created`, `presence`) carry seq -1 and may carry `data`.
 */
export type LiveEvent = { type: string; conversationId: string | null; seq: number | null; data?: Record<string, unknown> | null };
type Listener = (e: LiveEvent) => void;

// Event names the server sends as `event: <type>`; EventSource has no wildcard for named events.
const EVENT_TYPES = [
  "message",
  "conversation.created",
  "conversation.assigned",
  "conversation.status_changed",
  "conversation.updated",
  "conversation.resolved",
  "message.received",
  "message.sent",
  "message.delivery_failed",
  "note.added",
  "rating.requested",
  "rating.submitted",
  "email.sent",
  "email.failed",
  "conversation.routed",
  "conversation.triaged",
  "alert.raised",
  "alert.acknowledged",
  "alert.downgraded",
  "sla.warning",
  "sla.breached",
  "sla.escalated",
  "cluster.joined",
  "watcher.added",
  "notification.created",
  "presence",
] as const;

const listeners = new Set<Listener>();

/** Subscribes to live events; returns the unsubscribe function. */
export function onLiveEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function parse(type: string, data: string): LiveEvent {
  try {
    const v = JSON.parse(data) as Partial<{ type: string; conversationId: string; seq: number; data: Record<string, unknown> | null }>;
    return { type: v.type ?? type, conversationId: v.conversationId ?? null, seq: v.seq ?? null, data: v.data ?? null };
  } catch {
    return { type, conversationId: null, seq: null };
  }
}

/** Opens the stream (the browser reconnects by itself) and fans events out to listeners; returns close. */
export function openLiveStream(url = "/api/stream"): () => void {
  if (typeof EventSource === "undefined") return () => undefined;
  const source = new EventSource(url, { withCredentials: true });
  const handler = (ev: Event) => {
    const e = parse(ev.type, (ev as MessageEvent<string>).data);
    for (const l of listeners) l(e);
  };
  for (const t of EVENT_TYPES) source.addEventListener(t, handler);
  return () => source.close();
}
