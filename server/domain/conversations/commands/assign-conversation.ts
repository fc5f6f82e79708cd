import { and, eq } from "drizzle-orm";
import { departments, staff, staffDepartments, type ConversationRow } from "../../../db/schema/index.js";
import { emit } from "../../../events/emit.js";
import { AppError } from "../../../lib/errors.js";
import { notify } from "../../notifications/index.js";
import type { Ctx } from "../../shared/ctx.js";
import { loadForAction, saveConversation } from "../load.js";

export type AssignInput = { staffId?: string | null; departmentId?: string | null };

/**
 * Hands a conversation to a person and/or a department of the same district. Assigning a person
 * without naming a department moves it to that person's department when they belong to exactly one.
 */
export async function assignConversation(ctx: Ctx, conversationId: string, input: AssignInput): Promise<ConversationRow> {
  const conv = await loadForAction(ctx, conversationId, "assign");
  let departmentId = input.departmentId === undefined ? conv.departmentId : input.departmentId;
  const assigneeId = input.staffId === undefined ? conv.assigneeId : input.staffId;
  if (input.departmentId) {
    const [d] = await ctx.db
      .select({ id: departments.id })
      .from(departments)
      .where(and(eq(departments.districtId, ctx.districtId), eq(departments.id, input.departmentId)));
    if (!d) throw new AppError("validation_failed", "No such department", { invalidParams: [{ name: "departmentId", reason: "not_found" }] });
  }
  if (input.staffId) {
    const [s] = await ctx.db
      .select({ id: staff.id, active: staff.active, role: staff.role })
      .from(staff)
      .where(and(eq(staff.districtId, ctx.districtId), eq(staff.id, input.staffId)));
    if (!s || !s.active || s.role === "viewer") {
      throw new AppError("validation_failed", "That person cannot take conversations", { invalidParams: [{ name: "staffId", reason: "not_assignable" }] });
    }
    if (input.departmentId === undefined) {
      const memberships = await ctx.db
        .select({ departmentId: staffDepartments.departmentId })
        .from(staffDepartments)
        .where(and(eq(staffDepartments.districtId, ctx.districtId), eq(staffDepartments.staffId, s.id)));
      const ids = memberships.map((m) => m.departmentId);
      if (ids.length === 1 && !ids.includes(departmentId ?? "")) departmentId = ids[0]!;
    }
  }
  if (assigneeId === conv.assigneeId && departmentId === conv.departmentId) return conv;
  const status = conv.status === "new" && assigneeId ? "open" : conv.status;
  const saved = await saveConversation(ctx, conv.id, { assigneeId, departmentId, status, inTriage: conv.inTriage && !departmentId && !assigneeId });
  await emit(
    ctx,
    "conversation.assigned",
    { fromStaffId: conv.assigneeId, toStaffId: assigneeId, fromDepartmentId: conv.departmentId, toDepartmentId: departmentId },
    conv.id,
  );
  if (status !== conv.status) await emit(ctx, "conversation.status_changed", { from: conv.status, to: status }, conv.id);
  if (assigneeId && assigneeId !== conv.assigneeId) await notify(ctx, { staffIds: [assigneeId], type: "assigned", conversationId: conv.id });
  // staff moving a conversation to another department teaches learned routing where such messages belong
  if (ctx.actor.kind === "staff" && departmentId && departmentId !== conv.departmentId) {
    await ctx.enqueue(ctx.db, "learn-routing", { districtId: ctx.districtId, conversationId: conv.id, fromDepartmentId: conv.departmentId });
  }
  return saved;
}
