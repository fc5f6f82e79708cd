import { and, eq } from "drizzle-orm";
import { staff, type MessageRow } from "../../../db/schema/index.js";
import { notify } from "../../notifications/index.js";
import { addWatchers } from "./raise-alerts.js";
import { emit } from "../../../events/emit.js";
import { AppError } from "../../../lib/errors.js";
import type { Ctx } from "../../shared/ctx.js";
import { loadForAction, saveConversation } from "../load.js";
import { storeMessage } from "./store-message.js";

/** `@Dana` or `@dana.lopez` style mentions in a note, lower-cased, without the @. */
export function parseMentions(body: string): string[] {
  return [...new Set([...body.matchAll(/(?:^|[\s(])@([\p{L}][\p{L}\p{N}._-]{1,40})/gu)].map((m) => m[1]!.toLowerCase()))];
}

const handle = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/**
 * Who an `@handle` names in the district: the email's local part (`@dana.lopez`), the full name without spaces or
 * with dots (`@danalopez`, `@dana.lopez`), or a first name when exactly one active person has it (`@dana`).
 */
export async function resolveMentions(ctx: Ctx, handles: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (handles.length === 0) return [];
  const people = await ctx.db
    .select({ id: staff.id, name: staff.name, email: staff.email })
    .from(staff)
    .where(and(eq(staff.districtId, ctx.districtId), eq(staff.active, true), eq(staff.isService, false)));
  const found = new Map<string, { id: string; name: string }>();
  for (const h of handles.map(handle)) {
    const exact = people.filter((p) => {
      const name = handle(p.name).trim();
      return handle(p.email.split("@")[0]!) === h || name.replace(/\s+/g, "") === h || name.replace(/\s+/g, ".") === h || name.replace(/\s+/g, "_") === h;
    });
    const byFirst = people.filter((p) => handle(p.name).split(/\s+/)[0] === h);
    const match = exact.length === 1 ? exact[0] : exact.length === 0 && byFirst.length === 1 ? byFirst[0] : undefined;
    if (match) found.set(match.id, { id: match.id, name: match.name });
  }
  return [...found.values()];
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
  const mentioned = await resolveMentions(ctx, parseMentions(body));
  await emit(ctx, "note.added", { messageId: message.id, mentions: mentioned.map((m) => m.id) }, conv.id);
  if (mentioned.length) {
    // a mention is an invitation: the person can open the conversation even outside their departments
    await addWatchers(ctx, conv.id, mentioned.map((m) => m.id), "mentioned");
    await notify(ctx, { staffIds: mentioned.map((m) => m.id), type: "mentioned", conversationId: conv.id, data: { messageId: message.id } });
  }
  return message;
}
