import { and, asc, eq } from "drizzle-orm";
import type { ClusterReplyResult } from "../../../../common/contract/operations.js";
import type { Language } from "../../../../common/enums.js";
import { conversations } from "../../../db/schema/index.js";
import { getCluster, setClusterStatus } from "../../clusters/index.js";
import { AppError, notFound } from "../../../lib/errors.js";
import type { Ctx } from "../../shared/ctx.js";
import { can } from "../policy.js";
import { changeStatus } from "./change-status.js";
import { replyToConversation } from "./reply-to-conversation.js";

async function members(ctx: Ctx, clusterId: string) {
  return ctx.db
    .select({ id: conversations.id, reference: conversations.reference, status: conversations.status, language: conversations.language, departmentId: conversations.departmentId, assigneeId: conversations.assigneeId })
    .from(conversations)
    .where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.clusterId, clusterId)))
    .orderBy(asc(conversations.createdAt));
}

/**
 * One answer to every family in an incident: each unresolved member conversation gets its own reply (on its own
 * channel, threaded, in the family's language: the Spanish text for Spanish conversations, so a Spanish text is
 * required when any member wrote in Spanish), then optionally all are resolved together. Conversations the
 * replier may not answer, or whose family left no address, are reported as skipped, never silently dropped.
 */
export async function replyToCluster(ctx: Ctx, clusterId: string, input: { body: { en: string; es?: string | undefined }; resolve: boolean }): Promise<ClusterReplyResult> {
  const cluster = await getCluster(ctx, clusterId);
  if (!cluster) throw notFound("Incident");
  const list = await members(ctx, clusterId);
  const open = list.filter((m) => m.status !== "resolved");
  const spanish = open.filter((m) => m.language === "es").length;
  if (spanish > 0 && !input.body.es?.trim()) {
    throw new AppError("validation_failed", `${spanish} ${spanish === 1 ? "family" : "families"} wrote in Spanish: add the Spanish reply`, {
      invalidParams: [{ name: "body.es", reason: "required" }],
    });
  }
  const result: ClusterReplyResult = { sent: [], skipped: [], resolved: 0 };
  for (const m of list) {
    if (m.status === "resolved") {
      result.skipped.push({ conversationId: m.id, reference: m.reference, reason: "resolved" });
      continue;
    }
    if (!can(ctx.actor, "reply", m)) {
      result.skipped.push({ conversationId: m.id, reference: m.reference, reason: "not_allowed" });
      continue;
    }
    const lang = m.language as Language;
    const body = lang === "es" && input.body.es ? input.body.es : input.body.en;
    try {
      await replyToConversation(ctx, m.id, body);
      result.sent.push({ conversationId: m.id, reference: m.reference, language: lang });
    } catch (err) {
      if (err instanceof AppError && err.code === "conflict") {
        result.skipped.push({ conversationId: m.id, reference: m.reference, reason: "no_email" });
        continue;
      }
      throw err;
    }
    if (input.resolve) {
      await changeStatus(ctx, m.id, "resolved");
      result.resolved++;
    }
  }
  if (input.resolve && result.skipped.every((s) => s.reason === "resolved")) await setClusterStatus(ctx, clusterId, "resolved");
  return result;
}

/** Resolves every member the actor may change, and the incident when none is left open. */
export async function resolveCluster(ctx: Ctx, clusterId: string): Promise<{ resolved: number }> {
  const cluster = await getCluster(ctx, clusterId);
  if (!cluster) throw notFound("Incident");
  let resolved = 0;
  let left = 0;
  for (const m of await members(ctx, clusterId)) {
    if (m.status === "resolved") continue;
    if (!can(ctx.actor, "changeStatus", m)) {
      left++;
      continue;
    }
    await changeStatus(ctx, m.id, "resolved");
    resolved++;
  }
  if (left === 0) await setClusterStatus(ctx, clusterId, "resolved");
  return { resolved };
}
