import { and, eq } from "drizzle-orm";
import type { ConversationKind, Priority, RequesterRole } from "../../../../common/enums.js";
import { schools, topics, type ConversationRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import { AppError } from "../../../lib/errors.js";
import { slaColumnsFor } from "../../sla/index.js";
import type { Ctx } from "../../shared/ctx.js";
import { loadForAction, saveConversation } from "../load.js";

export type ConversationChanges = {
  priority?: Priority;
  kind?: ConversationKind;
  topicId?: string | null;
  schoolId?: string | null;
  requesterRole?: RequesterRole;
  subject?: string;
};

async function assertInDistrict(ctx: Ctx, table: typeof topics | typeof schools, id: string, name: string): Promise<void> {
  const [row] = await ctx.db.select({ id: table.id }).from(table).where(and(eq(table.districtId, ctx.districtId), eq(table.id, id)));
  if (!row) throw new AppError("validation_failed", `No such ${name}`, { invalidParams: [{ name: `${name}Id`, reason: "not_found" }] });
}

/** Corrects how a conversation is classified (priority, kind, topic, school, requester, subject); each change is on the timeline. */
export async function updateConversation(ctx: Ctx, conversationId: string, input: ConversationChanges): Promise<ConversationRow> {
  const conv = await loadForAction(ctx, conversationId, "update");
  if (input.topicId) await assertInDistrict(ctx, topics, input.topicId, "topic");
  if (input.schoolId) await assertInDistrict(ctx, schools, input.schoolId, "school");
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const patch: Partial<ConversationRow> = {};
  for (const [key, value] of Object.entries(input) as [keyof ConversationChanges, unknown][]) {
    if (value === undefined || conv[key] === value) continue;
    changes[key] = { from: conv[key], to: value };
    Object.assign(patch, { [key]: value });
  }
  if (Object.keys(changes).length === 0) return conv;
  let saved = await saveConversation(ctx, conv.id, patch);
  await emit(ctx, "conversation.updated", { changes }, conv.id);
  if (changes.priority || changes.topicId) {
    // a different standard may apply now (critical answered within the hour, say): clocks recomputed from the start
    const before = { topicId: conv.topicId, priority: conv.priority, slaPolicyId: conv.slaPolicyId };
    saved = await saveConversation(ctx, conv.id, await slaColumnsFor(ctx, saved, { kind: "policy", before }));
  }
  return saved;
}
