import type { TFunction } from "i18next";
import type { TimelineEvent } from "../../../../common/contract/conversations.js";
import { ChannelTypeSchema, ConversationKindSchema, ConversationStatusSchema, PrioritySchema, RequesterRoleSchema } from "../../../../common/enums.js";
import { localized, nameOf, type Meta } from "../../lib/meta.js";
import { alertCategoryLabel } from "../alerts/categories.js";

type Names = { meta: Meta; lang: string; contactName: string | null };

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

function actorName(e: TimelineEvent, t: TFunction, n: Names): string {
  switch (e.actor.kind) {
    case "staff":
      return e.actor.name ?? nameOf(n.meta.staff, e.actor.id) ?? t("conversation.timeline.someone");
    case "rule":
      return t("conversation.timeline.rule");
    case "contact":
      return n.contactName ?? t("conversation.timeline.family");
    case "system":
      return t("conversation.timeline.system");
    default:
      return e.actor.name ?? t("conversation.timeline.someone");
  }
}

/** A changed value in words: enums translated, ids turned into names, empty as "None". */
function valueText(field: string, value: unknown, t: TFunction, n: Names): string {
  const v = str(value);
  if (!v) return t("conversation.none");
  switch (field) {
    case "priority":
      return PrioritySchema.safeParse(v).success ? t(`enums.priority.${v as "normal"}`) : v;
    case "kind":
      return ConversationKindSchema.safeParse(v).success ? t(`enums.kind.${v as "question"}`) : v;
    case "requesterRole":
      return RequesterRoleSchema.safeParse(v).success ? t(`enums.requesterRole.${v as "parent"}`) : v;
    case "topicId": {
      const topic = n.meta.topics.find((x) => x.id === v);
      return topic ? localized(topic.name, n.lang) : t("conversation.timeline.someone");
    }
    case "schoolId":
      return nameOf(n.meta.schools, v) ?? v;
    default:
      return v;
  }
}

const statusText = (v: unknown, t: TFunction) => {
  const s = ConversationStatusSchema.safeParse(v);
  return s.success ? t(`enums.status.${s.data}`) : String(v);
};

function describeAssigned(d: Record<string, unknown>, actor: string, self: string | null, t: TFunction, n: Names): string[] {
  const toStaff = str(d.toStaffId);
  const toDept = str(d.toDepartmentId);
  const staffChanged = str(d.fromStaffId) !== toStaff;
  const deptChanged = str(d.fromDepartmentId) !== toDept;
  const person = nameOf(n.meta.staff, toStaff) ?? t("conversation.timeline.someone");
  const department = nameOf(n.meta.departments, toDept) ?? "";
  const out: string[] = [];
  if (staffChanged && toStaff) {
    const both = deptChanged && toDept;
    if (toStaff === self) {
      out.push(both ? t("conversation.timeline.events.assignedSelfBoth", { actor, department }) : t("conversation.timeline.events.assignedSelf", { actor }));
    } else {
      out.push(both ? t("conversation.timeline.events.assignedBoth", { actor, person, department }) : t("conversation.timeline.events.assignedPerson", { actor, person }));
    }
    return out;
  }
  if (staffChanged) out.push(t("conversation.timeline.events.unassignedPerson", { actor }));
  if (deptChanged) out.push(toDept ? t("conversation.timeline.events.assignedDepartment", { actor, department }) : t("conversation.timeline.events.removedDepartment", { actor }));
  return out;
}

const FIELD_KEYS = {
  priority: "priority",
  kind: "kind",
  topicId: "topic",
  schoolId: "school",
  requesterRole: "requesterRole",
} as const;

function describeUpdated(d: Record<string, unknown>, actor: string, t: TFunction, n: Names): string[] {
  const changes = (d.changes ?? {}) as Record<string, { from?: unknown; to?: unknown }>;
  const out: string[] = [];
  for (const [field, change] of Object.entries(changes)) {
    if (field === "subject") {
      out.push(t("conversation.timeline.events.subject", { actor, to: String(change.to ?? "") }));
      continue;
    }
    const key = FIELD_KEYS[field as keyof typeof FIELD_KEYS];
    if (!key) continue;
    out.push(t(`conversation.timeline.events.${key}`, { actor, from: valueText(field, change.from, t, n), to: valueText(field, change.to, t, n) }));
  }
  return out;
}

const CLOCKS = ["first_response", "next_response", "resolution"] as const;
const TRIAGE_REASONS = ["no_department", "nobody_available", "rule", "low_confidence"] as const;
const WATCH_REASONS = ["alert_responder", "rule", "mentioned"] as const;
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | null => (list as readonly unknown[]).includes(v) ? (v as T) : null;

function clockText(v: unknown, t: TFunction): string {
  const clock = oneOf(CLOCKS, v);
  return clock ? t(`inbox.due.clocks.${clock}`) : String(v ?? "");
}

/** Routing, alerts, service-standard clocks, clusters and watchers (issue 4 events). */
function describeOperations(e: TimelineEvent, actor: string, t: TFunction, n: Names): string[] | null {
  const d = e.data;
  const category = () => alertCategoryLabel(str(d.category) ?? "", t);
  switch (e.type) {
    // The assignment and triage events that follow it say where it went; "Why here?" says why.
    case "conversation.routed":
      return [];
    case "conversation.triaged": {
      const reason = oneOf(TRIAGE_REASONS, d.reason);
      return [reason ? t(`conversation.timeline.events.triaged.${reason}`) : t("conversation.timeline.events.routedTriage")];
    }
    case "alert.raised":
      return [t("conversation.timeline.events.alertRaised", { category: category() })];
    case "alert.acknowledged":
      return [t("conversation.timeline.events.alertAcknowledged", { actor, category: category() })];
    case "alert.downgraded":
      return [t("conversation.timeline.events.alertDowngraded", { actor, category: category(), reason: str(d.reason) ?? "" })];
    case "sla.warning":
      return [t("conversation.timeline.events.slaWarning", { clock: clockText(d.clock, t) })];
    case "sla.breached":
      return [t("conversation.timeline.events.slaBreached", { clock: clockText(d.clock, t) })];
    case "sla.escalated":
      return [t("conversation.timeline.events.slaEscalated", { clock: clockText(d.clock, t) })];
    case "cluster.joined":
      return [t("conversation.timeline.events.clusterJoined", { title: str(d.title) ?? "" })];
    case "watcher.added": {
      const person = nameOf(n.meta.staff, str(d.staffId)) ?? t("conversation.timeline.someone");
      const reason = oneOf(WATCH_REASONS, d.reason);
      return [t("conversation.timeline.events.watcherAdded", { person, reason: reason ? t(`conversation.watchers.reasons.${reason}`) : String(d.reason ?? "") })];
    }
    default:
      return null;
  }
}

/**
 * The readable sentences for one timeline event, in the UI language. Events that only echo a
 * message already shown on the timeline (received, sent, note added) give none.
 */
export function describeEvent(e: TimelineEvent, t: TFunction, n: Names): string[] {
  const actor = actorName(e, t, n);
  const d = e.data;
  switch (e.type) {
    case "conversation.created": {
      const ch = ChannelTypeSchema.safeParse(d.channel);
      return [t("conversation.timeline.events.created", { channel: ch.success ? t(`enums.channelPhrase.${ch.data}`) : String(d.channel ?? "") })];
    }
    case "conversation.assigned":
      return describeAssigned(d, actor, e.actor.kind === "staff" ? e.actor.id : null, t, n);
    case "conversation.status_changed":
      return [t("conversation.timeline.events.status", { actor, from: statusText(d.from, t), to: statusText(d.to, t) })];
    case "conversation.updated":
      return describeUpdated(d, actor, t, n);
    case "conversation.resolved":
      return d.ratingRequested === true ? [t("conversation.timeline.events.ratingRequested")] : [];
    case "rating.submitted":
      return [t("conversation.timeline.events.rated", { accuracy: d.accuracy, timeliness: d.timeliness, courtesy: d.courtesy })];
    case "email.failed":
      // A failed reply shows on the reply itself; other emails (acknowledgement, rating link) show here.
      return d.purpose === "reply" ? [] : [t("conversation.timeline.events.emailFailed", { reason: String(d.reason ?? "") })];
    case "email.auto_reply_received":
      return [t("conversation.timeline.events.autoReply")];
    case "email.bounced":
      return d.permanent === true ? [t("conversation.timeline.events.bounced", { recipients: ((d.recipients as string[] | undefined) ?? []).join(", ") })] : [];
    case "email.complaint_received":
      return [t("conversation.timeline.events.complaint")];
    case "participant.added":
      return [t("conversation.timeline.events.participantAdded")];
    default:
      return describeOperations(e, actor, t, n) ?? [];
  }
}
