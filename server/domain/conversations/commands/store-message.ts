import { createHash } from "node:crypto";
import { attachments, messages, type MessageRow } from "../../../db/schema/index.js";
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

/** Appends a message and its attachments to a conversation (no events; callers emit what it means). */
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
