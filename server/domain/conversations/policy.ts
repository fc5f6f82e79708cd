import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { ConversationAbilities } from "../../../common/contract/conversations.js";
import { conversations } from "../../db/schema/index.js";
import type { Actor } from "../shared/ctx.js";

export type ConversationAction = "view" | "reply" | "note" | "assign" | "changeStatus" | "update";
/** `watcherIds`: staff following it (alert responders, people mentioned, rule watchers) see it too, when known. */
type Scoped = { departmentId: string | null; assigneeId: string | null; watcherIds?: readonly string[] };

function inScope(actor: Extract<Actor, { kind: "staff" }>, c: Scoped): boolean {
  if (actor.role === "admin" || actor.role === "viewer") return true;
  if (c.assigneeId === actor.staffId) return true;
  if (c.watcherIds?.includes(actor.staffId)) return true;
  // Supervisors without departments oversee the whole district; unrouted work is theirs to triage.
  if (actor.role === "supervisor" && (actor.departmentIds.length === 0 || c.departmentId === null)) return true;
  return c.departmentId !== null && actor.departmentIds.includes(c.departmentId);
}

/**
 * Who may do what to a conversation. Admins: everything. Supervisors and agents: their departments'
 * and their own conversations. Recorders log calls and letters (notes) but never reply. Viewers only read.
 */
export function can(actor: Actor, action: ConversationAction, c: Scoped): boolean {
  if (actor.kind !== "staff") return actor.kind === "system" || actor.kind === "rule";
  if (!inScope(actor, c)) return false;
  switch (actor.role) {
    case "admin":
    case "supervisor":
    case "agent":
      return true;
    case "recorder":
      return action === "view" || action === "note";
    case "viewer":
      return action === "view";
  }
}

export function abilitiesFor(actor: Actor, c: Scoped): ConversationAbilities {
  return {
    reply: can(actor, "reply", c),
    note: can(actor, "note", c),
    assign: can(actor, "assign", c),
    changeStatus: can(actor, "changeStatus", c),
    update: can(actor, "update", c),
  };
}

/** The where-clause of conversations an actor may list; always combined with the district filter. */
export function visibleTo(actor: Actor): SQL | undefined {
  if (actor.kind !== "staff" || actor.role === "admin" || actor.role === "viewer") return undefined;
  if (actor.role === "supervisor" && actor.departmentIds.length === 0) return undefined;
  const parts: SQL[] = [
    eq(conversations.assigneeId, actor.staffId),
    sql`exists (select 1 from conversation_watchers w where w.district_id = ${conversations.districtId} and w.conversation_id = ${conversations.id} and w.staff_id = ${actor.staffId})`,
  ];
  if (actor.departmentIds.length > 0) parts.push(inArray(conversations.departmentId, actor.departmentIds));
  if (actor.role === "supervisor") parts.push(isNull(conversations.departmentId));
  return or(...parts) ?? sql`false`;
}

export const districtScope = (districtId: string) => eq(conversations.districtId, districtId);
export const byIdInDistrict = (districtId: string, id: string) => and(districtScope(districtId), eq(conversations.id, id));
