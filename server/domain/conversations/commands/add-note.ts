import type { MessageRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import { AppError } from "../../../lib/errors.js";
import type { Ctx } from "../../shared/ctx.js";
import { loadForAction, saveConversation } from "../load.js";
import { storeMessage } from "./store-message.js";

/** `@Dana` or `@dana.lopez` style mentions in a note, lower-cased, without the @. */
export function parseMentions(body: string): string[] {
  return [...new Set([...body.matchAll(/(?:^|[\s(])@([\p{L}][\p{L}\p{N}._-]{1,40})/gu)].map((m) => m[1]!.toLowerCase()))];
}

/** An internal note: visible to staff only, never sent to the family. Recorders log calls this way. */
export async function addNote(ctx: Ctx, conversationId: string, body: string): Promise<MessageRow> {
  if (ctx.actor.kind !== "staff") throw new AppError("forbidden", "Only staff write notes");
  const conv = await loadForAction(ctx, conversationId, "note");
  const message = await storeMessage(ctx, {
    conversationId: conv.id,
    direction: "note",
    channel: conv.channel,
    body,
    authorStaffId: ctx.actor.staffId,
  });
  await saveConversation(ctx, conv.id, {});
  await emit(ctx, "note.added", { messageId: message.id, mentions: parseMentions(body) }, conv.id);
  return message;
}
