import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { RoutingModel } from "../../../common/contract/operations.js";
import { conversations, districts, routingModels, topics } from "../../db/schema/index.js";
import type { Ctx } from "../shared/ctx.js";
import { RoutingClassifier, type RoutingExample, type SerializedRoutingClassifier } from "./classifier/index.js";

/** Below this many routed conversations the district has no learned routing yet (messages without a topic go to triage). */
export const MIN_TRAINING_EXAMPLES = 20;
/** The most recent routed conversations a model is trained on. */
const HISTORY_LIMIT = 20_000;

/** The label learned routing predicts: the topic when the conversation had one of the department's topics, else the department. */
export function labelFor(c: { topicId: string | null; departmentId: string | null }, topicDepartment: string | null): string | null {
  if (!c.departmentId) return null;
  if (c.topicId && topicDepartment === c.departmentId) return `topic:${c.topicId}`;
  return `dept:${c.departmentId}`;
}

const firstInbound = sql<string>`(select m.body from messages m where m.district_id = ${conversations.districtId} and m.conversation_id = ${conversations.id} and m.direction = 'inbound' order by m.created_at limit 1)`;

/**
 * The district's routed history as training examples: every conversation with a department that is not waiting in
 * triage, its subject and first message, labelled with its topic (when the topic belongs to that department) or
 * its department. What staff reassigned is labelled where they put it.
 */
export async function routingHistory(ctx: Ctx, limit = HISTORY_LIMIT): Promise<RoutingExample[]> {
  const rows = await ctx.db
    .select({
      topicId: conversations.topicId,
      departmentId: conversations.departmentId,
      topicDepartment: topics.departmentId,
      subject: conversations.subject,
      language: conversations.language,
      body: firstInbound,
    })
    .from(conversations)
    .leftJoin(topics, and(eq(topics.id, conversations.topicId), eq(topics.districtId, conversations.districtId)))
    .where(and(eq(conversations.districtId, ctx.districtId), isNotNull(conversations.departmentId), eq(conversations.inTriage, false)))
    .orderBy(desc(conversations.createdAt))
    .limit(limit);
  const out: RoutingExample[] = [];
  for (const r of rows) {
    const label = labelFor(r, r.topicDepartment);
    if (label && r.body) out.push({ text: `${r.subject}\n${r.body}`, label, lang: r.language });
  }
  return out;
}

const cache = new Map<string, { updatedAt: number; model: RoutingClassifier }>();

export async function loadDistrictModel(ctx: Ctx): Promise<RoutingClassifier | null> {
  const [row] = await ctx.db.select().from(routingModels).where(eq(routingModels.districtId, ctx.districtId));
  if (!row) return null;
  const hit = cache.get(ctx.districtId);
  if (hit && hit.updatedAt === row.updatedAt.getTime()) return hit.model;
  const model = RoutingClassifier.fromJSON(row.model as unknown as SerializedRoutingClassifier);
  cache.set(ctx.districtId, { updatedAt: row.updatedAt.getTime(), model });
  return model;
}

async function saveModel(ctx: Ctx, model: RoutingClassifier, examples: number, trained: boolean): Promise<void> {
  const now = ctx.now();
  const json = model.toJSON() as unknown as Record<string, unknown>;
  await ctx.db
    .insert(routingModels)
    .values({ districtId: ctx.districtId, model: json, examples, trainedAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: routingModels.districtId,
      set: trained ? { model: json, examples, trainedAt: now, updatedAt: now } : { model: json, examples, updatedAt: now },
    });
  cache.delete(ctx.districtId);
}

/** Trains the district's model from its routed history (nightly, and on demand); null when the history is too short. */
export async function trainDistrictModel(ctx: Ctx): Promise<{ examples: number; labels: number } | null> {
  const history = await routingHistory(ctx);
  if (history.length < MIN_TRAINING_EXAMPLES || new Set(history.map((h) => h.label)).size < 2) return null;
  const model = RoutingClassifier.train(history);
  await saveModel(ctx, model, history.length, true);
  return { examples: history.length, labels: model.stats().labels };
}

/**
 * Staff moved a conversation to another department: the model forgets the old label for this text and learns the
 * new one, so the next similar message goes where staff put this one.
 */
export async function learnReassignment(ctx: Ctx, input: { text: string; lang: string; from: string | null; to: string }): Promise<boolean> {
  const model = await loadDistrictModel(ctx);
  if (!model) return false;
  if (input.from && input.from !== input.to) model.unlearn({ text: input.text, label: input.from, lang: input.lang });
  model.learn({ text: input.text, label: input.to, lang: input.lang });
  const [row] = await ctx.db.select({ examples: routingModels.examples }).from(routingModels).where(eq(routingModels.districtId, ctx.districtId));
  await saveModel(ctx, model, (row?.examples ?? 0) + 1, false);
  return true;
}

/** What the settings screen shows of learned routing: trained or not, on how much history, at which threshold. */
export async function routingModelStatus(ctx: Ctx): Promise<RoutingModel> {
  const model = await loadDistrictModel(ctx);
  const stats = model?.stats();
  const [district] = await ctx.db.select({ threshold: districts.routingThreshold }).from(districts).where(eq(districts.id, ctx.districtId));
  const [row] = await ctx.db.select({ trainedAt: routingModels.trainedAt, examples: routingModels.examples }).from(routingModels).where(eq(routingModels.districtId, ctx.districtId));
  const [available] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.districtId, ctx.districtId), isNotNull(conversations.departmentId), eq(conversations.inTriage, false)));
  return {
    trained: Boolean(stats && stats.labels >= 2),
    examples: row?.examples ?? 0,
    labels: stats?.labels ?? 0,
    threshold: district?.threshold ?? (model ? model.defaultThreshold : null),
    trainedAt: row?.trainedAt.toISOString() ?? null,
    historyAvailable: available?.n ?? 0,
    minExamples: MIN_TRAINING_EXAMPLES,
  };
}
