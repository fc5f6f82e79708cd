import { z } from "zod";

/** Every event the system records: the timeline of a conversation and the feed of live updates. */
export const EventCatalog = {
  "conversation.created": z.object({ reference: z.string(), channel: z.string(), topicId: z.string().nullable() }),
  "message.received": z.object({ messageId: z.string(), channel: z.string() }),
  "message.sent": z.object({ messageId: z.string() }),
  "message.delivery_failed": z.object({ messageId: z.string(), reason: z.string() }),
  "note.added": z.object({ messageId: z.string(), mentions: z.array(z.string()).default([]) }),
  "conversation.assigned": z.object({
    fromStaffId: z.string().nullable(),
    toStaffId: z.string().nullable(),
    fromDepartmentId: z.string().nullable(),
    toDepartmentId: z.string().nullable(),
  }),
  "conversation.status_changed": z.object({ from: z.string(), to: z.string() }),
  "conversation.updated": z.object({ changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })) }),
  "conversation.resolved": z.object({ ratingRequested: z.boolean() }),
  "rating.requested": z.object({ ratingId: z.string() }),
  "rating.submitted": z.object({ ratingId: z.string(), accuracy: z.number(), timeliness: z.number(), courtesy: z.number() }),
  "email.auto_reply_received": z.object({ messageId: z.string().nullable(), reason: z.string() }),
  "email.bounced": z.object({ emailId: z.string().nullable(), recipients: z.array(z.string()), permanent: z.boolean(), status: z.string().nullable() }),
  "email.complaint_received": z.object({ recipients: z.array(z.string()) }),
  "participant.added": z.object({ contactId: z.string(), role: z.string() }),
  "email.sent": z.object({ emailId: z.string(), purpose: z.string() }),
  "email.failed": z.object({ emailId: z.string(), purpose: z.string(), reason: z.string() }),
  "conversation.routed": z.object({
    departmentId: z.string().nullable(),
    assigneeId: z.string().nullable(),
    triage: z.boolean(),
    summary: z.string(),
    ruleIds: z.array(z.string()).default([]),
  }),
  "conversation.triaged": z.object({ reason: z.string() }),
  "alert.raised": z.object({ alertId: z.string(), category: z.string(), severity: z.string(), messageId: z.string().nullable() }),
  "alert.acknowledged": z.object({ alertId: z.string(), category: z.string() }),
  "alert.downgraded": z.object({ alertId: z.string(), category: z.string(), reason: z.string() }),
  "sla.warning": z.object({ clock: z.string(), dueAt: z.string() }),
  "sla.breached": z.object({ clock: z.string(), dueAt: z.string() }),
  "sla.escalated": z.object({ clock: z.string(), actions: z.array(z.string()) }),
  "cluster.joined": z.object({ clusterId: z.string(), title: z.string() }),
  "watcher.added": z.object({ staffId: z.string(), reason: z.string() }),
  /** a district-level event: the weekly leader digest of [from, to) was queued (never twice for one week) */
  "reports.weekly_digest_sent": z.object({ from: z.string(), to: z.string(), recipients: z.number() }),
} as const;

export type EventType = keyof typeof EventCatalog;
export type EventPayload<T extends EventType> = z.input<(typeof EventCatalog)[T]>;

/** The NOTIFY channel carrying {districtId, seq, type, conversationId} to live inboxes. */
export const LIVE_CHANNEL = "fo_events";
