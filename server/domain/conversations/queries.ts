import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, sql, type AnyColumn, type SQL, type Table } from "drizzle-orm";
import { z } from "zod";
import {
  ConversationSortSchema,
  type ConversationDetail,
  type ConversationList,
  type ConversationSort,
  type ListConversationsQuery,
  type Message,
} from "../../../common/contract/conversations.js";
import { PRIORITY_RANK, type InboxView, type Language, type Priority } from "../../../common/enums.js";
import {
  alerts,
  attachments,
  contacts,
  conversations,
  conversationWatchers,
  incidentClusters,
  departments,
  events,
  messages,
  schools,
  staff,
  topics,
  type TopicRow,
} from "../../db/schema/index.js";
import { AppError, notFound } from "../../lib/errors.js";
import { findContact, listIdentities } from "../contacts/index.js";
import { listSchools } from "../districts/index.js";
import { listRatings } from "../ratings/index.js";
import type { Actor, Ctx } from "../shared/ctx.js";
import { dueSoonWhere, pastDueWhere } from "../sla/index.js";
import { loadForView } from "./load.js";
import { visibleTo } from "./policy.js";
import {
  presentEvent,
  presentFieldAnswers,
  presentMessage,
  presentRating,
  presentSummary,
  type SummaryRow,
} from "./presenter.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const sameDistrict = (table: { id: AnyColumn; districtId: AnyColumn }, id: AnyColumn) =>
  and(eq(table.id, id), eq(table.districtId, conversations.districtId));

/**
 * A column of the listed conversation, qualified: in a select from one table drizzle prints the columns inside SQL
 * fields unqualified, and in a subquery an unqualified name would mean the subquery's own table.
 */
export const outer = (column: AnyColumn): SQL => sql.raw(`"conversations"."${column.name}"`);

/** A column of the row a conversation's foreign key points at (its topic's name, …), as a scalar subquery; null when none. */
function nameOf<T>(table: Table & { id: AnyColumn; districtId: AnyColumn }, column: AnyColumn, id: AnyColumn): SQL<T> {
  return sql<T>`(select ${column} from ${table} where ${table.id} = ${outer(id)} and ${table.districtId} = ${outer(conversations.districtId)})`;
}

const summaryFields = {
  id: conversations.id,
  reference: conversations.reference,
  subject: conversations.subject,
  status: conversations.status,
  priority: conversations.priority,
  kind: conversations.kind,
  requesterRole: conversations.requesterRole,
  channel: conversations.channel,
  language: conversations.language,
  topicId: conversations.topicId,
  departmentId: conversations.departmentId,
  schoolId: conversations.schoolId,
  assigneeId: conversations.assigneeId,
  contactId: conversations.contactId,
  topicName: nameOf<TopicRow["name"]>(topics, topics.name, conversations.topicId),
  departmentName: nameOf<string>(departments, departments.name, conversations.departmentId),
  schoolName: nameOf<string>(schools, schools.name, conversations.schoolId),
  assigneeName: nameOf<string>(staff, staff.name, conversations.assigneeId),
  contactName: nameOf<string | null>(contacts, contacts.name, conversations.contactId),
  createdAt: conversations.createdAt,
  updatedAt: conversations.updatedAt,
  lastMessageAt: conversations.lastMessageAt,
  firstResponseAt: conversations.firstResponseAt,
  resolvedAt: conversations.resolvedAt,
  tags: conversations.tags,
  inTriage: conversations.inTriage,
  alertStatus: conversations.alertStatus,
  firstResponseDueAt: conversations.firstResponseDueAt,
  nextResponseDueAt: conversations.nextResponseDueAt,
  resolutionDueAt: conversations.resolutionDueAt,
  slaPausedAt: conversations.slaPausedAt,
  slaBreached: conversations.slaBreached,
  clusterId: conversations.clusterId,
  clusterTitle: nameOf<string>(incidentClusters, incidentClusters.title, conversations.clusterId),
  // The latest message the family or staff sent (never an internal note), cut short in SQL.
  preview: sql<string | null>`(select left(m.body, 400) from ${messages} m where m.district_id = ${outer(conversations.districtId)} and m.conversation_id = ${outer(conversations.id)} and m.direction <> 'note' order by m.created_at desc, m.id desc limit 1)`,
  // Sort keys as PostgreSQL prints them, so cursors keep microseconds.
  lastMessageKey: sql<string>`${conversations.lastMessageAt}::text`,
  createdKey: sql<string>`${conversations.createdAt}::text`,
};

/**
 * Conversations with the names the inbox shows. The names are scalar subqueries, not joins: a query over one table
 * plans in well under a millisecond, while seven joined tables, each with its row-level security policy, had cost
 * tens of milliseconds of planning on every page, more than running it.
 */
function selectConversations(ctx: Ctx) {
  return ctx.db.select(summaryFields).from(conversations).$dynamic();
}

type ListedRow = SummaryRow & { lastMessageKey: string; createdKey: string };
type SortKey = { expr: SQL | AnyColumn; cast: "timestamptz" | "int"; desc: boolean; of: (r: ListedRow) => string | number };

const RANK = sql<number>`(case ${conversations.priority} when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end)`;
/** Conversations with an alert waiting for a responder come first in every view and sort: red and pinned. */
const PIN: SortKey = {
  expr: sql<number>`(case when ${conversations.alertStatus} = 'active' then 0 else 1 end)`,
  cast: "int",
  desc: false,
  of: (r) => (r.alertStatus === "active" ? 0 : 1),
};
const lastMessage = (d: boolean): SortKey => ({ expr: conversations.lastMessageAt, cast: "timestamptz", desc: d, of: (r) => r.lastMessageKey });
const created = (d: boolean): SortKey => ({ expr: conversations.createdAt, cast: "timestamptz", desc: d, of: (r) => r.createdKey });

/** Sort keys in order; the conversation id breaks ties in the direction of the last key. */
const SORTS: Record<ConversationSort, SortKey[]> = {
  last_message_desc: [PIN, lastMessage(true)],
  last_message_asc: [PIN, lastMessage(false)],
  created_desc: [PIN, created(true)],
  created_asc: [PIN, created(false)],
  priority: [PIN, { expr: RANK, cast: "int", desc: false, of: (r) => PRIORITY_RANK[r.priority as Priority] }, created(true)],
};

const CursorSchema = z.object({ s: ConversationSortSchema, k: z.array(z.union([z.string().max(64), z.number()])).min(1).max(3), id: z.string().regex(UUID) });
type Cursor = z.infer<typeof CursorSchema>;

export function encodeCursor(sort: ConversationSort, row: ListedRow): string {
  const cursor: Cursor = { s: sort, k: SORTS[sort].map((k) => k.of(row)), id: row.id };
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(sort: ConversationSort, raw: string): Cursor {
  let cursor: Cursor | undefined;
  try {
    cursor = CursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    cursor = undefined;
  }
  if (!cursor || cursor.s !== sort || cursor.k.length !== SORTS[sort].length) {
    throw new AppError("validation_failed", "This page link is no longer valid; start from the first page", {
      invalidParams: [{ name: "querystring.cursor", reason: "invalid" }],
    });
  }
  return cursor;
}

/** Rows strictly after the cursor in the sort order: (k1, k2…, id) compared lexicographically. */
function afterCursor(sort: ConversationSort, cursor: Cursor): SQL {
  const keys = SORTS[sort];
  const beyond = (d: boolean, a: SQL | AnyColumn, b: SQL) => (d ? sql`${a} < ${b}` : sql`${a} > ${b}`);
  let cond = beyond(keys.at(-1)!.desc, conversations.id, sql`${cursor.id}::uuid`);
  for (let i = keys.length - 1; i >= 0; i--) {
    const key = keys[i]!;
    const v = sql`${cursor.k[i]}::${sql.raw(key.cast)}`;
    cond = sql`(${beyond(key.desc, key.expr, v)} or (${key.expr} = ${v} and ${cond}))`;
  }
  return cond;
}

function viewFilter(actor: Actor, view: InboxView | undefined, now: Date): SQL | undefined {
  const open = ne(conversations.status, "resolved");
  switch (view) {
    case "triage":
      return and(eq(conversations.inTriage, true), open);
    case "past_due":
      return pastDueWhere(now);
    case "due_soon":
      return dueSoonWhere(now);
    case "alerts":
      return eq(conversations.alertStatus, "active");
    case "watching":
      return actor.kind === "staff"
        ? and(
            open,
            sql`exists (select 1 from conversation_watchers w where w.district_id = ${conversations.districtId} and w.conversation_id = ${conversations.id} and w.staff_id = ${actor.staffId})`,
          )
        : sql`false`;
    case "mine":
      return actor.kind === "staff" ? and(eq(conversations.assigneeId, actor.staffId), open) : sql`false`;
    case "my_departments":
      return actor.kind === "staff" && actor.departmentIds.length > 0
        ? and(inArray(conversations.departmentId, actor.departmentIds), open)
        : sql`false`;
    case "unassigned":
      return and(isNull(conversations.assigneeId), open);
    case "all_open":
      return inArray(conversations.status, ["new", "open"]);
    case "pending":
      return eq(conversations.status, "pending");
    case "resolved":
      return eq(conversations.status, "resolved");
    case "all":
    case undefined:
      return undefined;
  }
}

const REFERENCE = /^[a-z]{2,12}-\d{1,10}$/i;
const MAX_INT = 2_147_483_647;

/**
 * The conversation whose reference is `text`, any case: found by its number (the district's unique index), then
 * the whole reference compared. Not `lower(reference)` through an index: under row-level security a condition that
 * applies a non-leakproof function (lower) to a column cannot be an index condition, so it would read every row.
 */
function referenceIs(text: string): SQL {
  const n = Number(text.slice(text.lastIndexOf("-") + 1));
  if (n > MAX_INT) return sql`false`;
  return and(eq(conversations.number, n), sql`lower(${conversations.reference}) = lower(${text})`)!;
}

const anyOf = (col: AnyColumn, values: readonly string[] | undefined) => (values?.length ? inArray(col, [...values]) : undefined);

function filters(q: ListConversationsQuery): (SQL | undefined)[] {
  const assignees = q.assigneeId?.filter((a) => a !== "none") ?? [];
  const assignee = q.assigneeId?.length
    ? or(q.assigneeId.includes("none") ? isNull(conversations.assigneeId) : undefined, anyOf(conversations.assigneeId, assignees))
    : undefined;
  const text = q.q?.trim();
  return [
    anyOf(conversations.status, q.status),
    anyOf(conversations.priority, q.priority),
    anyOf(conversations.topicId, q.topicId),
    anyOf(conversations.departmentId, q.departmentId),
    anyOf(conversations.schoolId, q.schoolId),
    anyOf(conversations.channel, q.channel),
    anyOf(conversations.kind, q.kind),
    anyOf(conversations.language, q.language),
    assignee,
    q.contactId ? eq(conversations.contactId, q.contactId) : undefined,
    q.clusterId ? eq(conversations.clusterId, q.clusterId) : undefined,
    anyOf(conversations.requesterRole, q.requesterRole),
    q.categoryId?.length
      ? inArray(conversations.topicId, sql`(select ${topics.id} from ${topics} where ${inArray(topics.categoryId, [...q.categoryId])})`)
      : undefined,
    q.createdFrom ? gte(conversations.createdAt, new Date(q.createdFrom)) : undefined,
    q.createdTo ? lt(conversations.createdAt, new Date(q.createdTo)) : undefined,
    // A reference ("RUSD-1042", any case) finds that conversation; other text searches the subject, reference and
    // every message, in English and Spanish, accent-insensitive. (A reference as full text would match every
    // conversation's prefix, so the planner would walk the whole inbox order looking for it.)
    text ? (REFERENCE.test(text) ? referenceIs(text) : sql`${conversations.search} @@ fo_search_query(${text})`) : undefined,
  ];
}

/**
 * The universal inbox: one page of the district's conversations the actor may see, narrowed by a
 * view, filters and full-text search, in a stable keyset order (the cursor survives new arrivals).
 */
export async function listConversations(ctx: Ctx, q: ListConversationsQuery): Promise<ConversationList> {
  const keys = SORTS[q.sort];
  const rows: ListedRow[] = await selectConversations(ctx)
    .where(
      and(
        eq(conversations.districtId, ctx.districtId),
        visibleTo(ctx.actor),
        viewFilter(ctx.actor, q.view, ctx.now()),
        ...filters(q),
        q.cursor ? afterCursor(q.sort, decodeCursor(q.sort, q.cursor)) : undefined,
      ),
    )
    .orderBy(...keys.map((k) => (k.desc ? desc(k.expr) : asc(k.expr))), keys.at(-1)!.desc ? desc(conversations.id) : asc(conversations.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => presentSummary(ctx.actor, r)),
    nextCursor: rows.length > q.limit ? encodeCursor(q.sort, page.at(-1)!) : null,
  };
}

const messageFields = {
  id: messages.id,
  direction: messages.direction,
  channel: messages.channel,
  body: messages.body,
  quotedText: messages.quotedText,
  authorStaffId: messages.authorStaffId,
  authorContactId: messages.authorContactId,
  staffName: staff.name,
  contactName: contacts.name,
  deliveryStatus: messages.deliveryStatus,
  deliveryError: messages.deliveryError,
  createdAt: messages.createdAt,
};

/** Messages of a conversation (notes included), oldest first, with author names and attachment metadata. */
async function listMessages(ctx: Ctx, conversationId: string, messageId?: string): Promise<Message[]> {
  const scope = and(eq(messages.districtId, ctx.districtId), eq(messages.conversationId, conversationId));
  const rows = await ctx.db
    .select(messageFields)
    .from(messages)
    .leftJoin(staff, and(eq(staff.id, messages.authorStaffId), eq(staff.districtId, messages.districtId)))
    .leftJoin(contacts, and(eq(contacts.id, messages.authorContactId), eq(contacts.districtId, messages.districtId)))
    .where(and(scope, messageId ? eq(messages.id, messageId) : undefined))
    .orderBy(asc(messages.createdAt), asc(messages.id));
  const files = await ctx.db
    .select({ id: attachments.id, messageId: attachments.messageId, filename: attachments.filename, contentType: attachments.contentType, size: attachments.size })
    .from(attachments)
    .innerJoin(messages, and(eq(messages.id, attachments.messageId), eq(messages.districtId, attachments.districtId)))
    .where(and(eq(attachments.districtId, ctx.districtId), scope, messageId ? eq(messages.id, messageId) : undefined))
    .orderBy(asc(attachments.createdAt));
  return rows.map((m) =>
    presentMessage(
      m,
      files.filter((f) => f.messageId === m.id).map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })),
    ),
  );
}

/** Checks the actor may see the conversation; another district's id, a malformed one, or one the actor may not see is not found. */
async function loadVisible(ctx: Ctx, id: string): Promise<void> {
  if (!UUID.test(id)) throw notFound("Conversation");
  await loadForView(ctx, id);
}

async function watchersOf(ctx: Ctx, id: string): Promise<ConversationDetail["watchers"]> {
  return ctx.db
    .select({ id: staff.id, name: staff.name, reason: conversationWatchers.reason })
    .from(conversationWatchers)
    .innerJoin(staff, and(eq(staff.id, conversationWatchers.staffId), eq(staff.districtId, conversationWatchers.districtId)))
    .where(and(eq(conversationWatchers.districtId, ctx.districtId), eq(conversationWatchers.conversationId, id)))
    .orderBy(asc(conversationWatchers.createdAt));
}

async function alertsOf(ctx: Ctx, id: string): Promise<ConversationDetail["alerts"]> {
  const rows = await ctx.db
    .select({ a: alerts, ackName: staff.name })
    .from(alerts)
    .leftJoin(staff, and(eq(staff.id, alerts.acknowledgedBy), eq(staff.districtId, alerts.districtId)))
    .where(and(eq(alerts.districtId, ctx.districtId), eq(alerts.conversationId, id)))
    .orderBy(asc(alerts.createdAt));
  return rows.map(({ a, ackName }) => ({
    id: a.id,
    category: a.category,
    severity: a.severity as "critical" | "high",
    status: a.status as "active" | "acknowledged" | "downgraded",
    evidence: a.evidence,
    messageId: a.messageId,
    acknowledgedBy: a.acknowledgedBy && ackName ? { id: a.acknowledgedBy, name: ackName } : null,
    downgradeReason: a.downgradeReason,
    createdAt: a.createdAt.toISOString(),
  }));
}

/** One message as just written, for the reply and note responses. */
export async function getMessage(ctx: Ctx, conversationId: string, messageId: string): Promise<Message> {
  await loadVisible(ctx, conversationId);
  const [message] = await listMessages(ctx, conversationId, messageId);
  if (!message) throw notFound("Message");
  return message;
}

async function actorNames(ctx: Ctx, rows: { actorKind: string; actorId: string | null }[]): Promise<Map<string, string | null>> {
  const ids = (kind: string) => [...new Set(rows.filter((r) => r.actorKind === kind && r.actorId && UUID.test(r.actorId)).map((r) => r.actorId!))];
  const staffIds = ids("staff");
  const contactIds = ids("contact");
  const names = new Map<string, string | null>();
  if (staffIds.length > 0) {
    const found = await ctx.db.select({ id: staff.id, name: staff.name }).from(staff).where(and(eq(staff.districtId, ctx.districtId), inArray(staff.id, staffIds)));
    for (const s of found) names.set(s.id, s.name);
  }
  if (contactIds.length > 0) {
    const found = await ctx.db
      .select({ id: contacts.id, name: contacts.name })
      .from(contacts)
      .where(and(eq(contacts.districtId, ctx.districtId), inArray(contacts.id, contactIds)));
    for (const c of found) names.set(c.id, c.name);
  }
  return names;
}

async function presentContact(ctx: Ctx, conversationId: string, contactId: string | null): Promise<ConversationDetail["contact"]> {
  const contact = contactId ? await findContact(ctx, contactId) : undefined;
  if (!contact) return null;
  const others = await ctx.db
    .select({ id: conversations.id, reference: conversations.reference, subject: conversations.subject, status: conversations.status, createdAt: conversations.createdAt })
    .from(conversations)
    .where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.contactId, contact.id), ne(conversations.id, conversationId), visibleTo(ctx.actor)))
    .orderBy(desc(conversations.createdAt))
    .limit(20);
  return {
    id: contact.id,
    name: contact.name,
    preferredLanguage: contact.preferredLanguage as Language,
    identities: await listIdentities(ctx, contact.id),
    otherConversations: others.map((o) => ({ ...o, status: o.status as ConversationDetail["status"], createdAt: o.createdAt.toISOString() })),
  };
}

/**
 * Everything staff need on one screen: the conversation with names resolved, form answers with
 * labels, the contact and their other conversations, all messages and notes, the timeline and ratings.
 */
export async function getConversationDetail(ctx: Ctx, id: string): Promise<ConversationDetail> {
  await loadVisible(ctx, id);
  const byId = and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, id));
  const [row] = await selectConversations(ctx).where(byId);
  const [answers] = await ctx.db
    .select({ fields: conversations.fields, form: topics.form })
    .from(conversations)
    .leftJoin(topics, sameDistrict(topics, conversations.topicId))
    .where(byId);
  if (!row || !answers) throw notFound("Conversation");
  const schoolNames = new Map((await listSchools(ctx)).map((s) => [s.id, s.name]));
  const timeline = await ctx.db
    .select()
    .from(events)
    .where(and(eq(events.districtId, ctx.districtId), eq(events.conversationId, id)))
    .orderBy(asc(events.seq));
  const names = await actorNames(ctx, timeline);
  const [routing] = await ctx.db.select({ routing: conversations.routing }).from(conversations).where(byId);
  const watchers = await watchersOf(ctx, id);
  return {
    ...presentSummary(ctx.actor, row, watchers.map((w) => w.id)),
    fields: presentFieldAnswers(answers.form, answers.fields, schoolNames),
    contact: await presentContact(ctx, id, row.contactId),
    messages: await listMessages(ctx, id),
    events: timeline.map((e) => presentEvent(e, names)),
    ratings: (await listRatings(ctx, id)).map(presentRating).filter((r) => r !== null),
    routing: routing?.routing ?? null,
    alerts: await alertsOf(ctx, id),
    watchers,
    openedAt: ctx.now().toISOString(),
  };
}

/** An attachment's file, when the actor may view its conversation; anything else is not found. */
export async function getAttachmentFile(
  ctx: Ctx,
  conversationId: string,
  attachmentId: string,
): Promise<{ filename: string; contentType: string; data: Buffer }> {
  await loadVisible(ctx, conversationId);
  if (!UUID.test(attachmentId)) throw notFound("Attachment");
  const [file] = await ctx.db
    .select({ filename: attachments.filename, contentType: attachments.contentType, data: attachments.data })
    .from(attachments)
    .innerJoin(messages, and(eq(messages.id, attachments.messageId), eq(messages.districtId, attachments.districtId)))
    .where(and(eq(attachments.districtId, ctx.districtId), eq(attachments.id, attachmentId), eq(messages.conversationId, conversationId)));
  if (!file) throw notFound("Attachment");
  return file;
}
