import type {
  Attachment,
  ConversationAbilities,
  ConversationSummary,
  Message,
  Rating,
  TimelineEvent,
} from "../../../common/contract/conversations.js";
import type { FieldValue, FieldValues, FormDefinition, LocalizedText } from "../../../common/contract/forms.js";
import type {
  ChannelType,
  ConversationKind,
  ConversationStatus,
  DeliveryStatus,
  Language,
  MessageDirection,
  Priority,
  RequesterRole,
} from "../../../common/enums.js";
import type { EventRow, RatingRow } from "../../db/schema/index.js";
import type { Actor } from "../shared/ctx.js";
import { abilitiesFor } from "./policy.js";

/** The columns an inbox row is presented from (see `summaryFields` in queries.ts). */
export type SummaryRow = {
  id: string;
  reference: string;
  subject: string;
  status: string;
  priority: string;
  kind: string;
  requesterRole: string;
  channel: string;
  language: string;
  topicId: string | null;
  departmentId: string | null;
  schoolId: string | null;
  assigneeId: string | null;
  contactId: string | null;
  topicName: LocalizedText | null;
  departmentName: string | null;
  schoolName: string | null;
  assigneeName: string | null;
  contactName: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastMessageAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
  preview: string | null;
  tags: string[];
  inTriage: boolean;
  alertStatus: string | null;
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  slaPausedAt: Date | null;
  slaBreached: string[];
  clusterId: string | null;
  clusterTitle: string | null;
};

export const PREVIEW_LENGTH = 160;

/** One line of the latest message: whitespace collapsed, cut at ~160 characters with an ellipsis. */
export function previewText(body: string | null): string {
  const text = (body ?? "").replace(/\s+/g, " ").trim();
  return text.length > PREVIEW_LENGTH ? `${text.slice(0, PREVIEW_LENGTH - 1).trimEnd()}…` : text;
}

const ref = (id: string | null, name: string | null | undefined) => (id && name != null ? { id, name } : null);
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** An inbox row with the actor's abilities on it, so the UI never re-derives permissions. */
export function presentSummary(actor: Actor, row: SummaryRow, watcherIds?: readonly string[]): ConversationSummary & { abilities: ConversationAbilities } {
  return {
    id: row.id,
    reference: row.reference,
    subject: row.subject,
    preview: previewText(row.preview),
    status: row.status as ConversationStatus,
    priority: row.priority as Priority,
    kind: row.kind as ConversationKind,
    requesterRole: row.requesterRole as RequesterRole,
    channel: row.channel as ChannelType,
    language: row.language as Language,
    topic: ref(row.topicId, row.topicName?.en),
    department: ref(row.departmentId, row.departmentName),
    school: ref(row.schoolId, row.schoolName),
    assignee: ref(row.assigneeId, row.assigneeName),
    contact: row.contactId ? { id: row.contactId, name: row.contactName } : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastMessageAt: row.lastMessageAt.toISOString(),
    firstResponseAt: iso(row.firstResponseAt),
    resolvedAt: iso(row.resolvedAt),
    tags: row.tags,
    inTriage: row.inTriage,
    alertStatus: row.alertStatus as ConversationSummary["alertStatus"],
    sla: {
      firstResponseDueAt: iso(row.firstResponseDueAt),
      nextResponseDueAt: iso(row.nextResponseDueAt),
      resolutionDueAt: iso(row.resolutionDueAt),
      paused: row.slaPausedAt !== null,
      breached: row.slaBreached as ConversationSummary["sla"]["breached"],
    },
    cluster: row.clusterId && row.clusterTitle ? { id: row.clusterId, title: row.clusterTitle } : null,
    abilities: abilitiesFor(actor, watcherIds ? { ...row, watcherIds } : row),
  };
}

export type MessageRowWithAuthors = {
  id: string;
  direction: string;
  channel: string;
  body: string;
  quotedText: string | null;
  authorStaffId: string | null;
  authorContactId: string | null;
  staffName: string | null;
  contactName: string | null;
  deliveryStatus: string | null;
  deliveryError: string | null;
  createdAt: Date;
};

/** A message as staff read it: family messages by the contact, replies and notes by their staff author. */
export function presentMessage(m: MessageRowWithAuthors, files: Attachment[]): Message {
  const author: Message["author"] =
    m.direction === "inbound"
      ? { kind: "contact", id: m.authorContactId, name: m.contactName }
      : m.authorStaffId
        ? { kind: "staff", id: m.authorStaffId, name: m.staffName }
        : { kind: "system", id: null, name: null };
  return {
    id: m.id,
    direction: m.direction as MessageDirection,
    channel: m.channel as ChannelType,
    body: m.body,
    quotedText: m.quotedText,
    author,
    deliveryStatus: m.deliveryStatus as DeliveryStatus | null,
    deliveryError: m.deliveryError,
    attachments: files,
    createdAt: m.createdAt.toISOString(),
  };
}

/** A timeline entry; staff and contact actors get their names, rules and the system none. */
export function presentEvent(e: EventRow, names: ReadonlyMap<string, string | null>): TimelineEvent {
  const named = (e.actorKind === "staff" || e.actorKind === "contact") && e.actorId;
  return {
    id: e.id,
    type: e.type,
    actor: { kind: e.actorKind, id: e.actorId, name: named ? (names.get(e.actorId!) ?? null) : null },
    data: e.data,
    createdAt: e.createdAt.toISOString(),
  };
}

export type FieldAnswer = { key: string; label: string; value: FieldValue; display: string };

/**
 * The family's form answers in the topic form's order, with English labels and readable values:
 * a school id shows the school's name, a choice value its label. Answers to fields since removed keep their key.
 */
export function presentFieldAnswers(form: FormDefinition | null, values: FieldValues, schoolNames: ReadonlyMap<string, string>): FieldAnswer[] {
  const fields = form?.fields ?? [];
  const known = fields.filter((f) => values[f.key] !== undefined);
  const extra = Object.keys(values).filter((k) => !fields.some((f) => f.key === k));
  const answers: FieldAnswer[] = known.map((f) => {
    const value = values[f.key]!;
    const list = Array.isArray(value) ? value : [String(value)];
    const label = (v: string) => f.options?.find((o) => o.value === v)?.label.en ?? v;
    const display =
      f.type === "school"
        ? list.map((v) => schoolNames.get(v) ?? v).join(", ")
        : f.type === "choice" || f.type === "multi_choice"
          ? list.map(label).join(", ")
          : list.join(", ");
    return { key: f.key, label: f.label.en, value, display };
  });
  for (const key of extra) {
    const value = values[key]!;
    answers.push({ key, label: key, value, display: Array.isArray(value) ? value.join(", ") : String(value) });
  }
  return answers;
}

/** A submitted rating; unsubmitted survey rows are not ratings yet. */
export function presentRating(r: RatingRow): Rating | null {
  if (!r.submittedAt || r.accuracy === null || r.timeliness === null || r.courtesy === null) return null;
  return { accuracy: r.accuracy, timeliness: r.timeliness, courtesy: r.courtesy, comment: r.comment, submittedAt: r.submittedAt.toISOString() };
}
