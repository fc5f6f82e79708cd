import { and, asc, eq } from "drizzle-orm";
import { outboundEmails } from "../../../db/schema/index.js";
import type { Ctx } from "../../shared/ctx.js";

/** In-Reply-To and References for the next email of a conversation, so mail clients keep one thread. */
export async function lastEmailHeaders(ctx: Ctx, conversationId: string): Promise<{ inReplyTo: string | null; references: string | null }> {
  const rows = await ctx.db
    .select({ id: outboundEmails.headerMessageId })
    .from(outboundEmails)
    .where(and(eq(outboundEmails.districtId, ctx.districtId), eq(outboundEmails.conversationId, conversationId)))
    .orderBy(asc(outboundEmails.createdAt));
  if (rows.length === 0) return { inReplyTo: null, references: null };
  const ids = rows.map((r) => r.id).slice(-20);
  return { inReplyTo: ids.at(-1)!, references: ids.join(" ") };
}
