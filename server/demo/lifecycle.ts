import type { ChannelType, ConversationKind, ConversationStatus, Language, Priority, RequesterRole } from "../../common/enums.js";
import type { FieldValues } from "../../common/contract/forms.js";
import { parseMentions } from "../domain/conversations/index.js";
import { sha256, randomToken } from "../lib/crypto.js";
import type { DemoContact } from "./people.js";
import { CALL_NOTES, FOLLOW_UPS, RATING_COMMENTS, THANKS } from "./replies.js";
import type { Rng } from "./rng.js";
import { fill, greeting, pickText, signature } from "./texts.js";
import type { ConversationInsert, DemoActor, EventLog, MessageInsert, RatingInsert } from "./thread.js";
import { addBusinessMinutes } from "./time.js";

export type WorldStaff = { id: string; name: string; first: string; role: string; departments: string[]; spanish: boolean };

/** One conversation as the family opened it, before anyone at the district touched it. */
export type Opened = {
  id: string;
  districtId: string;
  number: number;
  reference: string;
  created: Date;
  lang: Language;
  channel: ChannelType;
  topicId: string;
  departmentId: string;
  departmentName: string;
  kind: ConversationKind;
  priority: Priority;
  role: RequesterRole;
  contact: DemoContact | null;
  fields: FieldValues;
  schoolId: string | null;
  subject: string;
  body: string;
  /** The staff answer (and a question to ask first) in the family's language, placeholders filled. */
  answer: string;
  ask: string;
  notes: string[];
  vars: Record<string, string>;
  team: { assignee: WorldStaff; supervisor: WorldStaff; recorder: WorldStaff; colleague: WorldStaff | null };
};

export type Lived = { row: ConversationInsert; messages: MessageInsert[]; rating: RatingInsert | null };

const HOUR = 3_600_000;
const RATING_LINK_DAYS = 30;

function clampScore(x: number): number {
  return Math.max(1, Math.min(10, Math.round(x)));
}

/**
 * Plays a conversation forward from the family's first message: triage and assignment, an optional
 * question and the family's answer, the staff answer, an occasional thank-you, resolution and a
 * rating, in business hours, stopping wherever `now` falls. Events mirror what the domain commands emit.
 */
export function liveConversation(rng: Rng, now: Date, timeZone: string, log: EventLog, c: Opened): Lived {
  const msgs: MessageInsert[] = [];
  const contactActor: DemoActor = { kind: "contact", id: c.contact?.id ?? null };
  const staffActor = (s: WorldStaff): DemoActor => ({ kind: "staff", id: s.id });
  const { assignee, supervisor, recorder, colleague } = c.team;
  let status: ConversationStatus = "new";
  let assigneeId: string | null = null;
  let firstResponseAt: Date | null = null;
  let resolvedAt: Date | null = null;
  let lastMessageAt = c.created;
  let updatedAt = c.created;
  let rating: RatingInsert | null = null;
  const alive = (t: Date) => t.getTime() <= now.getTime();
  const touch = (t: Date) => {
    if (t > updatedAt) updatedAt = t;
  };

  const message = (at: Date, direction: "inbound" | "outbound" | "note", body: string, channel: string, author: WorldStaff | null): string => {
    const id = rng.uuid();
    msgs.push({
      id,
      districtId: c.districtId,
      conversationId: c.id,
      direction,
      channel,
      body,
      authorStaffId: author?.id ?? null,
      authorContactId: direction === "inbound" ? (c.contact?.id ?? null) : null,
      deliveryStatus: direction === "outbound" ? "sent" : null,
      emailMessageId: direction === "inbound" && channel === "email" ? `<${id.slice(0, 18)}@mail.example.com>` : null,
      createdAt: at,
    });
    if (direction !== "note") lastMessageAt = at;
    touch(at);
    return id;
  };
  const setStatus = (at: Date, to: ConversationStatus, actor: DemoActor) => {
    log.emit(c.id, at, "conversation.status_changed", actor, { from: status, to });
    status = to;
    touch(at);
  };
  const note = (at: Date, author: WorldStaff, body: string) => {
    const text = colleague ? body.replaceAll("{colleague}", `@${colleague.first.toLowerCase()}`) : body.replaceAll("{colleague} ", "");
    const id = message(at, "note", text, c.channel, author);
    log.emit(c.id, at, "note.added", staffActor(author), { messageId: id, mentions: parseMentions(text) });
  };
  const reply = (at: Date, text: string) => {
    const first = c.contact?.name.split(" ")[0] ?? null;
    const department = c.lang === "es" ? (c.vars.department_es ?? c.departmentName) : c.departmentName;
    const body = `${greeting(c.lang, first)}\n\n${text}\n\n${signature(c.lang, assignee.name, department)}`;
    const id = message(at, "outbound", body, "email", assignee);
    firstResponseAt ??= at;
    log.emit(c.id, at, "message.sent", staffActor(assignee), { messageId: id });
  };
  const familyWrites = (at: Date, text: string) => {
    const channel = c.channel === "email" ? "email" : "web_form";
    const id = message(at, "inbound", text, channel, null);
    log.emit(c.id, at, "message.received", contactActor, { messageId: id, channel });
    if (status === "pending") setStatus(at, "open", contactActor);
  };
  const resolve = (at: Date) => {
    const requested = Boolean(c.contact?.email) && firstResponseAt !== null;
    setStatus(at, "resolved", staffActor(assignee));
    resolvedAt = at;
    if (requested) {
      rating = rateIt(at);
      log.emit(c.id, at, "rating.requested", staffActor(assignee), { ratingId: rating.id! });
    }
    log.emit(c.id, at, "conversation.resolved", staffActor(assignee), { ratingRequested: requested });
  };
  const rateIt = (at: Date): RatingInsert => {
    const id = rng.uuid();
    const expiresAt = new Date(at.getTime() + RATING_LINK_DAYS * 86_400_000);
    const row: RatingInsert = { id, districtId: c.districtId, conversationId: c.id, tokenHash: sha256(randomToken()), requestedAt: at, expiresAt };
    const submittedAt = new Date(at.getTime() + Math.min(rng.around(6, 1.3), 24 * 20) * HOUR);
    if (!rng.chance(0.5) || !alive(submittedAt)) return row;
    const noise = () => (rng.next() + rng.next() + rng.next() - 1.5) * 2;
    const slow = firstResponseAt!.getTime() - c.created.getTime() > 36 * HOUR;
    const upset = rng.chance(0.07);
    const accuracy = clampScore(upset ? rng.int(1, 4) : 8.4 + noise());
    const timeliness = clampScore(upset ? rng.int(1, 4) : (slow ? 5.8 : 8.7) + noise());
    const courtesy = clampScore(upset ? rng.int(2, 5) : 9.1 + noise() * 0.7);
    const mood = (accuracy + timeliness + courtesy) / 3 >= 8 ? "good" : (accuracy + timeliness + courtesy) / 3 >= 5 ? "mixed" : "poor";
    const comment = rng.chance(0.55) ? fill(pickText(rng.pick(RATING_COMMENTS[mood]), c.lang), { staff_first: assignee.first }) : null;
    log.emit(c.id, submittedAt, "rating.submitted", { kind: "contact", id: null }, { ratingId: id, accuracy, timeliness, courtesy });
    return { ...row, accuracy, timeliness, courtesy, comment, submittedAt };
  };

  const finish = (): Lived => ({
    row: {
      id: c.id,
      districtId: c.districtId,
      number: c.number,
      reference: c.reference,
      subject: c.subject,
      kind: c.kind,
      requesterRole: c.role,
      status,
      priority: c.priority,
      channel: c.channel,
      language: c.lang,
      topicId: c.topicId,
      departmentId: c.departmentId,
      assigneeId,
      schoolId: c.schoolId,
      contactId: c.contact?.id ?? null,
      fields: c.fields,
      isAnonymous: c.contact === null,
      createdAt: c.created,
      updatedAt,
      lastMessageAt,
      firstResponseAt,
      resolvedAt,
    },
    messages: msgs,
    rating,
  });

  // The family's first message; a phone call is typed in by a front-desk recorder.
  const opener = c.channel === "phone" ? staffActor(recorder) : contactActor;
  const firstId = message(c.created, "inbound", c.body, c.channel, null);
  log.emit(c.id, c.created, "conversation.created", opener, { reference: c.reference, channel: c.channel, topicId: c.topicId });
  log.emit(c.id, c.created, "message.received", opener, { messageId: firstId, channel: c.channel });

  const triage = Math.min(rng.around(120, 1.3), 4000);
  const assignAt = addBusinessMinutes(c.created, triage, timeZone);
  if (!alive(assignAt)) return finish();
  const assigner = rng.chance(0.35) ? assignee : supervisor;
  log.emit(c.id, assignAt, "conversation.assigned", staffActor(assigner), {
    fromStaffId: null,
    toStaffId: assignee.id,
    fromDepartmentId: c.departmentId,
    toDepartmentId: c.departmentId,
  });
  assigneeId = assignee.id;
  setStatus(assignAt, "open", staffActor(assigner));

  if (c.notes.length > 0 && rng.chance(0.3)) {
    const at = addBusinessMinutes(assignAt, rng.around(30, 1), timeZone);
    if (alive(at)) note(at, rng.chance(0.7) ? assignee : supervisor, rng.pick(c.notes));
  }
  const stale = rng.chance(0.015);
  const respondAt = addBusinessMinutes(assignAt, Math.min(rng.around(300, 1.0), 4000), timeZone);
  if (!alive(respondAt)) return finish();

  if (!c.contact?.email) {
    // No email to answer: a call back (or, for an anonymous tip, the follow-up) is recorded as a note.
    note(respondAt, assignee, c.contact ? rng.pick(CALL_NOTES) : rng.pick(c.notes.length ? c.notes : CALL_NOTES));
    const resolveAt = addBusinessMinutes(respondAt, rng.around(60, 1.2), timeZone);
    if (!stale && alive(resolveAt)) resolve(resolveAt);
    return finish();
  }

  let answeredAt = respondAt;
  if (rng.chance(0.35)) {
    reply(respondAt, c.ask);
    setStatus(new Date(respondAt.getTime() + 1000), "pending", staffActor(assignee));
    if (rng.chance(0.15)) {
      // The family never wrote back: closed after a week of waiting.
      const closeAt = addBusinessMinutes(respondAt, 7 * 540, timeZone);
      if (!stale && alive(closeAt)) resolve(closeAt);
      return finish();
    }
    const followAt = new Date(respondAt.getTime() + Math.max(0.2, rng.around(40, 1.2)) * HOUR);
    if (!alive(followAt)) return finish();
    familyWrites(followAt, fill(pickText(rng.pick(FOLLOW_UPS), c.lang), c.vars));
    answeredAt = addBusinessMinutes(followAt, rng.around(150, 0.9), timeZone);
    if (!alive(answeredAt)) return finish();
  }
  reply(answeredAt, c.answer);
  if (stale) return finish();
  let after = answeredAt;
  if (rng.chance(0.22)) {
    const thanksAt = new Date(answeredAt.getTime() + Math.max(0.1, rng.around(3, 1)) * HOUR);
    if (!alive(thanksAt)) return finish();
    familyWrites(thanksAt, pickText(rng.pick(THANKS), c.lang));
    after = thanksAt;
  }
  const resolveAt =
    after === answeredAt && rng.chance(0.45)
      ? new Date(answeredAt.getTime() + rng.int(30, 180) * 1000)
      : addBusinessMinutes(after, rng.around(400, 1.2), timeZone);
  if (alive(resolveAt)) resolve(resolveAt);
  return finish();
}
