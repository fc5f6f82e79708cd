import { createHash, randomUUID } from "node:crypto";
import { and, eq, sql, type Placeholder, type SQL } from "drizzle-orm";
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
};

/** How much of a message full-text search reads (the first 20,000 characters). */
const SEARCH_CHARS = 20_000;

/** A message's words for full-text search (English and Spanish stems, accents folded), as conversations.search holds them. */
export function messageSearchVector(body: string | Placeholder): SQL {
  return sql`fo_search_vector(left(${body}, ${SEARCH_CHARS}))`;
}


/**
 * The row of a new message with every column given, its id included: a caller that writes it inside another
 * statement (openConversation) knows the stored row without reading it back.
 */
export function newMessageRow(ctx: Ctx, m: NewMessage): MessageRow {
  return {
    id: randomUUID(),
    districtId: ctx.districtId,
    conversationId: m.conversationId,
    direction: m.direction,
    channel: m.channel,
    body: m.body,
    quotedText: m.quotedText ?? null,
    htmlBody: m.htmlBody ?? null,
    authorStaffId: m.authorStaffId ?? null,
    authorContactId: m.authorContactId ?? null,
    deliveryStatus: m.deliveryStatus ?? null,
    deliveryError: null,
    emailMessageId: m.emailMessageId ?? null,
    createdAt: ctx.now(),
  };
}

/**
 * Appends a message and its attachments to a conversation, and adds its words to the conversation's search vector
 * (no events; callers emit what it means). A conversation's first message is written with it (openConversation).
 */
export async function storeMessage(ctx: Ctx, m: NewMessage): Promise<MessageRow> {
  const [row] = await ctx.db.insert(messages).values(newMessageRow(ctx, m)).returning();
  await ctx.db
    .update(conversations)
    .set({ search: sql`coalesce(${conversations.search}, ''::tsvector) || ${messageSearchVector(m.body)}` })
    .where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, m.conversationId)));
  await storeAttachments(ctx, row!.id, m.attachments ?? []);
  return row!;
}

/** A message's attachments, checked by content at the edge (lib/attachments.ts). */
export async function storeAttachments(ctx: Ctx, messageId: string, files: readonly CheckedFile[]): Promise<void> {
  for (const f of files) {
    await ctx.db.insert(attachments).values({
      districtId: ctx.districtId,
      messageId,
      filename: f.filename,
      contentType: f.contentType,
      size: f.data.length,
      sha256: createHash("sha256").update(f.data).digest("hex"),
      data: f.data,
      createdAt: ctx.now(),
    });
  }
}
