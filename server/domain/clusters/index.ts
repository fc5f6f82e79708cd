import { and, asc, desc, eq, gte, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import { conversations, incidentClusters, messages, topics, type ConversationRow, type IncidentClusterRow } from "../../db/schema/index.js";
import { emit } from "../../events/emit.js";
import type { Ctx } from "../shared/ctx.js";
import { featuresFromTerms, featuresOf, sameIncident, termsOf, type ReportFeatures } from "./similarity.js";

export { featuresFromTerms, featuresOf, jaccard, sameIncident, termsOf, type ReportFeatures } from "./similarity.js";
export type { IncidentClusterRow };

/** Reports this far apart can still be one incident ("this morning"). */
export const CLUSTER_WINDOW_HOURS = 12;
/** Three families reporting the same thing make an incident. */
export const CLUSTER_MIN_REPORTS = 3;
const CANDIDATES = 300;

/**
 * Short form answers that name the incident (bus number, route, stop): select, number and short text fields. The
 * school is not one: two families of one school often write about different things.
 */
function keyFieldsOf(topic: { form: { fields: { key: string; type: string }[] } } | undefined): string[] {
  return (topic?.form.fields ?? []).filter((f) => ["text", "number", "select"].includes(f.type)).map((f) => f.key);
}

/**
 * Ids as one array parameter (`= any(…)`), not `in ($1, $2, …)`: one statement text whatever their number, so the
 * intake follow-up's statements, prepared by name, are a few texts and not one per cluster size (the ids are uuids
 * read from the database, so the literal needs no quoting).
 */
const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(",")}}`}::uuid[]`;

/**
 * Groups a new conversation with earlier reports of the same incident: the same topic (or, without one, the same
 * department) in the last 12 hours, still unresolved, and about the same thing (see similarity.ts). It joins an
 * existing open cluster of a matching report, or opens one when this report makes three. Returns the cluster.
 */
export async function clusterConversation(ctx: Ctx, conv: ConversationRow, text: string): Promise<IncidentClusterRow | null> {
  if (!conv.topicId && !conv.departmentId) return null;
  const since = new Date(ctx.now().getTime() - CLUSTER_WINDOW_HOURS * 3_600_000);
  const topic = conv.topicId ? (await ctx.db.select().from(topics).where(and(eq(topics.districtId, ctx.districtId), eq(topics.id, conv.topicId))))[0] : undefined;
  const keyFields = keyFieldsOf(topic);
  const scope = conv.topicId ? eq(conversations.topicId, conv.topicId) : and(isNull(conversations.topicId), eq(conversations.departmentId, conv.departmentId!));
  // The 300 newest unresolved reports of the scope in the window, by conversations_topic_created_idx (the id breaks
  // ties). Most carry their stored words. One whose own follow-up has not run yet (a burst of one incident is when the
  // worker lags), or stored before words were kept, is read from its first inbound message (else its subject) and its
  // form answers: only such rows carry those columns.
  const unclustered = isNull(conversations.incidentTerms);
  // A query builder, not sql text: in a single-table select drizzle writes a sql field's columns unqualified, and the
  // subquery's "id" was then the message's own, so it never found a message (drizzle-orm #5734).
  const firstMessage = ctx.db
    .select({ body: messages.body })
    .from(messages)
    .where(and(eq(messages.districtId, conversations.districtId), eq(messages.conversationId, conversations.id), eq(messages.direction, "inbound")))
    .orderBy(asc(messages.createdAt))
    .limit(1);
  const rows = await ctx.db
    .select({
      id: conversations.id,
      clusterId: conversations.clusterId,
      terms: conversations.incidentTerms,
      text: sql<string | null>`(case when ${unclustered} then coalesce((${firstMessage}), ${conversations.subject}) end)`,
      fields: sql<Record<string, unknown> | null>`(case when ${unclustered} then ${conversations.fields} end)`,
    })
    .from(conversations)
    .where(
      and(
        eq(conversations.districtId, ctx.districtId),
        scope,
        ne(conversations.id, conv.id),
        gte(conversations.createdAt, since),
        inArray(conversations.status, ["new", "open", "pending"]),
      ),
    )
    .orderBy(desc(conversations.createdAt), desc(conversations.id))
    .limit(CANDIDATES);
  const mine = featuresOf(`${text}`, conv.fields, keyFields);
  await ctx.db
    .update(conversations)
    .set({ incidentTerms: termsOf(mine) })
    .where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, conv.id)));
  const matches = new Map<string, { ids: string[]; clusterIds: string[] }>();
  for (const r of rows) {
    const f: ReportFeatures = r.terms ? featuresFromTerms(r.terms) : featuresOf(r.text ?? "", r.fields ?? {}, keyFields);
    const s = sameIncident(mine, f, Boolean(conv.topicId));
    if (!s.same || !s.key) continue;
    const m = matches.get(s.key) ?? { ids: [], clusterIds: [] };
    m.ids.push(r.id);
    if (r.clusterId) m.clusterIds.push(r.clusterId);
    matches.set(s.key, m);
  }
  if (matches.size === 0) return null;
  const [key, best] = [...matches].sort((a, b) => b[1].ids.length - a[1].ids.length)[0]!;
  const now = ctx.now();
  let cluster: IncidentClusterRow | undefined;
  if (best.clusterIds.length) {
    [cluster] = await ctx.db
      .select()
      .from(incidentClusters)
      .where(and(eq(incidentClusters.districtId, ctx.districtId), sql`${incidentClusters.id} = any(${uuidArray(best.clusterIds)})`, eq(incidentClusters.status, "open")))
      .orderBy(desc(incidentClusters.lastAt))
      .limit(1);
  }
  let memberIds = [conv.id];
  if (!cluster) {
    if (best.ids.length + 1 < CLUSTER_MIN_REPORTS) return null;
    const topicName = topic?.name.en ?? null;
    const label = key.startsWith("field:") ? key.slice(6).replace("=", " ").replace(/_/g, " ") : key.startsWith("number:") ? `#${key.slice(7)}` : key.slice(6).replace(/\+/g, ", ");
    [cluster] = await ctx.db
      .insert(incidentClusters)
      .values({
        districtId: ctx.districtId,
        key,
        title: (topicName ? `${topicName}: ${label}` : label).slice(0, 200),
        topicId: conv.topicId,
        departmentId: conv.departmentId,
        firstAt: now,
        lastAt: now,
        createdAt: now,
      })
      .returning();
    memberIds = [...best.ids.filter((id) => !rows.find((r) => r.id === id)?.clusterId), conv.id];
  } else {
    await ctx.db.update(incidentClusters).set({ lastAt: now }).where(and(eq(incidentClusters.districtId, ctx.districtId), eq(incidentClusters.id, cluster.id)));
  }
  await ctx.db
    .update(conversations)
    .set({ clusterId: cluster!.id })
    .where(and(eq(conversations.districtId, ctx.districtId), sql`${conversations.id} = any(${uuidArray(memberIds)})`));
  for (const id of memberIds) await emit(ctx, "cluster.joined", { clusterId: cluster!.id, title: cluster!.title }, id);
  return cluster!;
}

export type ClusterSummary = IncidentClusterRow & { open: number; total: number; languages: Record<string, number> };

/** Incident clusters of the district, open first, with member counts (of the conversations `visible` lets through) and the languages families wrote in. */
export async function listClusters(ctx: Ctx, opts: { status?: "open" | "resolved"; visible?: SQL | undefined } = {}): Promise<ClusterSummary[]> {
  const rows = await ctx.db
    .select({
      c: incidentClusters,
      total: sql<number>`count(${conversations.id})::int`,
      open: sql<number>`count(${conversations.id}) filter (where ${conversations.status} <> 'resolved')::int`,
      en: sql<number>`count(${conversations.id}) filter (where ${conversations.language} = 'en')::int`,
      es: sql<number>`count(${conversations.id}) filter (where ${conversations.language} = 'es')::int`,
    })
    .from(incidentClusters)
    .leftJoin(conversations, and(eq(conversations.clusterId, incidentClusters.id), eq(conversations.districtId, incidentClusters.districtId), opts.visible))
    .where(and(eq(incidentClusters.districtId, ctx.districtId), opts.status ? eq(incidentClusters.status, opts.status) : undefined))
    // the whole primary key, so every column of the cluster may be selected (functional dependency)
    .groupBy(incidentClusters.districtId, incidentClusters.id)
    // someone who may see none of its conversations does not see the incident either
    .having(opts.visible ? sql`count(${conversations.id}) > 0` : undefined)
    .orderBy(asc(incidentClusters.status), desc(incidentClusters.lastAt))
    .limit(200);
  return rows.map((r) => ({ ...r.c, total: r.total, open: r.open, languages: { en: r.en, es: r.es } }));
}

export async function getCluster(ctx: Ctx, id: string): Promise<IncidentClusterRow | undefined> {
  const [row] = await ctx.db.select().from(incidentClusters).where(and(eq(incidentClusters.districtId, ctx.districtId), eq(incidentClusters.id, id)));
  return row;
}

export async function setClusterStatus(ctx: Ctx, id: string, status: "open" | "resolved"): Promise<void> {
  await ctx.db.update(incidentClusters).set({ status }).where(and(eq(incidentClusters.districtId, ctx.districtId), eq(incidentClusters.id, id)));
}


