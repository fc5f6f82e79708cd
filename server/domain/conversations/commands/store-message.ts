import { createHash } from "node:crypto";
import { and, eq, sql, type SQL } from "drizzle-orm";
import { attachments, conversations, messages, type MessageRow } from "../../../db/schema/index.js";
import type { CheckedFile } from "../../../lib/attachments.js";
import type { Ctx } from "../../shared/ctx.js";

export type NewMessage = {
  conversationId: string;
  direction: "inbound" | "outbound" | "note";
  channel: string;
  body: string;
  authorStaffId?: string | null;
  authorContactId?: string | null;
  deliveryStatus?: "queued" | "sent" | "failed" | null;
  attachments?: CheckedFile[];
  quotedText?: string | null;
  htmlBody?: string | null;
  emailMessageId?: string | null;
  /** the conversation was written with this message's words for search already (openConversation) */
  searchIndexed?: boolean;
};

/** How much of a message full-text search reads (the first 20,000 characters). */
const SEARCH_CHARS = 20_000;

/** A message's words for full-text search (English and Spanish stems, accents folded), as conversations.search holds them. */
export function messageSearchVector(body: string): SQL {
  return sql`fo_search_vector(left(${body}, ${SEARCH_CHARS}))`;
}


/**
 * Appends a message and its attachments to a conversation, and adds its words to the conversation's search vector
 * (no events; callers emit what it means).
 */
export async function storeMessage(ctx: Ctx, m: NewMessage): Promise<MessageRow> {
  const [row] = await ctx.db
    .insert(messages)
    .values({
      districtId: ctx.districtId,
      conversationId: m.conversationId,
      direction: m.direction,
      channel: m.channel,
      body: m.body,
      authorStaffId: m.authorStaffId ?? null,
      authorContactId: m.authorContactId ?? null,
      deliveryStatus: m.deliveryStatus ?? null,
      quotedText: m.quotedText ?? null,
      htmlBody: m.htmlBody ?? null,
      emailMessageId: m.emailMessageId ?? null,
      createdAt: ctx.now(),
    })
    .returning();
  if (!m.searchIndexed) {
    await ctx.db
      .update(conversations)
      .set({ search: sql`coalesce(${conversations.search}, ''::tsvector) || ${messageSearchVector(m.body)}` })
      .where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, m.conversationId)));
  }
  for (const f of m.attachments ?? []) {
    await ctx.db.insert(attachments).values({
      districtId: ctx.districtId,
      messageId: row!.id,
      filename: f.filename,
      contentType: f.contentType,
      size: f.data.length,
      sha256: createHash("sha256").update(f.data).digest("hex"),
      data: f.data,
      createdAt: ctx.now(),
    });
  }
  return row!;
}
