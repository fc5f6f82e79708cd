import { and, asc, eq, ne } from "drizzle-orm";
import { attachments, conversations, messages, staff, type ConversationRow, type DistrictRow } from "../../db/schema/index.js";
import { conversationIdFromToken, verifyConversationToken } from "../../lib/signed-links.js";
import type { Ctx } from "../shared/ctx.js";

/** Resolves a family's private link; a forged, revoked or foreign token finds nothing. */
export async function findConversationByStatusToken(ctx: Ctx, district: DistrictRow, token: string): Promise<ConversationRow | undefined> {
  const id = conversationIdFromToken(token);
  if (!id) return undefined;
  const [row] = await ctx.db.select().from(conversations).where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, id)));
  if (!row || !verifyConversationToken(district.signingKey, "status", token, row.accessVersion)) return undefined;
  return row;
}

export type FamilyMessage = {
  id: string;
  direction: "inbound" | "outbound";
  body: string;
  authorName: string | null;
  createdAt: Date;
  attachments: { id: string; filename: string; size: number }[];
};

/** What the family sees of their conversation: their messages and staff replies, never internal notes. */
export async function listFamilyMessages(ctx: Ctx, conversationId: string): Promise<FamilyMessage[]> {
  const rows = await ctx.db
    .select({ m: messages, staffName: staff.name })
    .from(messages)
    .leftJoin(staff, and(eq(staff.districtId, messages.districtId), eq(staff.id, messages.authorStaffId)))
    .where(and(eq(messages.districtId, ctx.districtId), eq(messages.conversationId, conversationId), ne(messages.direction, "note")))
    .orderBy(asc(messages.createdAt));
  const files = await ctx.db
    .select({ id: attachments.id, messageId: attachments.messageId, filename: attachments.filename, size: attachments.size })
    .from(attachments)
    .innerJoin(messages, and(eq(messages.districtId, attachments.districtId), eq(messages.id, attachments.messageId)))
    .where(and(eq(attachments.districtId, ctx.districtId), eq(messages.conversationId, conversationId)));
  return rows.map(({ m, staffName }) => ({
    id: m.id,
    direction: m.direction as "inbound" | "outbound",
    body: m.body,
    authorName: m.direction === "outbound" ? staffName : null,
    createdAt: m.createdAt,
    attachments: files.filter((f) => f.messageId === m.id).map(({ id, filename, size }) => ({ id, filename, size })),
  }));
}

/** One attachment of the family's thread, for download from their private link; notes' files are never reachable. */
export async function findFamilyAttachment(
  ctx: Ctx,
  conversationId: string,
  attachmentId: string,
): Promise<{ filename: string; contentType: string; data: Buffer } | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(attachmentId)) return undefined;
  const [file] = await ctx.db
    .select({ filename: attachments.filename, contentType: attachments.contentType, data: attachments.data })
    .from(attachments)
    .innerJoin(messages, and(eq(messages.id, attachments.messageId), eq(messages.districtId, attachments.districtId)))
    .where(
      and(
        eq(attachments.districtId, ctx.districtId),
        eq(attachments.id, attachmentId),
        eq(messages.conversationId, conversationId),
        ne(messages.direction, "note"),
      ),
    );
  return file;
}
