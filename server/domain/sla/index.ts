import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { AppError, notFound } from "../../lib/errors.js";
import type { Priority } from "../../../common/enums.js";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { conversations, slaPolicies, staff, staffDepartments, topics, type ConversationRow, type DistrictRow, type SlaEscalation, type SlaPolicyRow } from "../../db/schema/index.js";
import { emit } from "../../events/emit.js";
import { getDistrict } from "../districts/index.js";
import { notify } from "../notifications/index.js";
import type { Ctx } from "../shared/ctx.js";
import { businessDayMinutes, DEFAULT_WEEKLY_HOURS, type BusinessCalendar } from "./calendar.js";
import {
  changeTargets,
  dueTransitions,
  onFamilyMessage,
  onStaffReply,
  pauseClocks,
  resumeClocks,
  startClocks,
  warnAt,
  type SlaClockName,
  type SlaState,
  type SlaTargets,
} from "./clock.js";

export * from "./calendar.js";
export * from "./clock.js";
export { businessMinutesUnpaused, pausesOf } from "./pauses.js";
export type { SlaPolicyRow };

/** The district calendar the clocks run on: its time zone, weekly hours (Mon–Fri 8–5 when unset) and closed days. */
export function calendarOf(district: Pick<DistrictRow, "timeZone" | "weeklyHours" | "holidays">): BusinessCalendar {
  return { timeZone: district.timeZone, weeklyHours: district.weeklyHours ?? DEFAULT_WEEKLY_HOURS, holidays: district.holidays ?? [] };
}

/**
 * The standard applied when a district has configured none: first response within the promise made to families
 * (`response_days`, 1 business day by default), the same for each later family message, and past due after five
 * business days, as districts measure it today.
 */
export function defaultTargets(district: Pick<DistrictRow, "responseDays">, cal: BusinessCalendar): SlaTargets {
  const day = businessDayMinutes(cal);
  return { firstResponseMinutes: district.responseDays * day, nextResponseMinutes: day, resolutionMinutes: 5 * day, warnAtPercent: 75 };
}

export function targetsOf(p: SlaPolicyRow): SlaTargets {
  return {
    firstResponseMinutes: p.firstResponseMinutes,
    nextResponseMinutes: p.nextResponseMinutes,
    resolutionMinutes: p.resolutionMinutes,
    warnAtPercent: p.warnAtPercent,
  };
}

/**
 * Which standard applies: the one a routing rule named, else the most specific policy for the topic and
 * priority (topic + priority, then topic, then priority, then the district default), else the built-in default.
 */
export function choosePolicy(policies: readonly SlaPolicyRow[], c: { topicId: string | null; priority: string; explicitPolicyId?: string | null }): SlaPolicyRow | null {
  if (c.explicitPolicyId) {
    const p = policies.find((x) => x.id === c.explicitPolicyId);
    if (p) return p;
  }
  const score = (p: SlaPolicyRow): number => {
    if (p.topicId && p.topicId !== c.topicId) return -1;
    if (p.priority && p.priority !== c.priority) return -1;
    if (!p.topicId && !p.priority && !p.isDefault) return -1;
    return (p.topicId ? 2 : 0) + (p.priority ? 1 : 0);
  };
  let best: SlaPolicyRow | null = null;
  let bestScore = -1;
  for (const p of policies) {
    const s = score(p);
    if (s > bestScore) [best, bestScore] = [p, s];
  }
  return best;
}

export async function listSlaPolicies(ctx: Ctx): Promise<SlaPolicyRow[]> {
  return ctx.db.select().from(slaPolicies).where(eq(slaPolicies.districtId, ctx.districtId)).orderBy(asc(slaPolicies.createdAt));
}

type Resolved = { cal: BusinessCalendar; targets: SlaTargets; policyId: string | null };

/** The district and its policies, when the caller already has them (intake loads them once per conversation). */
export type SlaEnv = { district: DistrictRow; policies: SlaPolicyRow[] };

export async function loadSlaEnv(ctx: Ctx, district?: DistrictRow): Promise<SlaEnv> {
  return { district: district ?? (await getDistrict(ctx)), policies: await listSlaPolicies(ctx) };
}

async function resolveTargets(ctx: Ctx, c: { topicId: string | null; priority: string; slaPolicyId?: string | null }, env?: SlaEnv): Promise<Resolved> {
  const district = env?.district ?? (await getDistrict(ctx));
  const cal = calendarOf(district);
  const policy = choosePolicy(env?.policies ?? (await listSlaPolicies(ctx)), { topicId: c.topicId, priority: c.priority, explicitPolicyId: c.slaPolicyId ?? null });
  return { cal, targets: policy ? targetsOf(policy) : defaultTargets(district, cal), policyId: policy?.id ?? null };
}

export function stateOf(c: ConversationRow): SlaState {
  return {
    firstResponseDueAt: c.firstResponseDueAt,
    nextResponseDueAt: c.nextResponseDueAt,
    resolutionDueAt: c.resolutionDueAt,
    pausedAt: c.slaPausedAt,
    warned: c.slaWarned as SlaClockName[],
    breached: c.slaBreached as SlaClockName[],
  };
}

const DUE_OF: Record<SlaClockName, keyof SlaState> = {
  first_response: "firstResponseDueAt",
  next_response: "nextResponseDueAt",
  resolution: "resolutionDueAt",
};

/** The next instant a warning or breach falls due (the sweeper's index); null while paused or with nothing left to watch. */
export function nextCheckAt(cal: BusinessCalendar, targets: SlaTargets, s: SlaState): Date | null {
  if (s.pausedAt) return null;
  let next: Date | null = null;
  for (const clock of Object.keys(DUE_OF) as SlaClockName[]) {
    const due = s[DUE_OF[clock]] as Date | null;
    if (!due || s.breached.includes(clock)) continue;
    const at = s.warned.includes(clock) ? due : warnAt(cal, targets, clock, due);
    if (!next || at < next) next = at;
  }
  return next;
}

export type SlaColumns = Pick<
  ConversationRow,
  "slaPolicyId" | "firstResponseDueAt" | "nextResponseDueAt" | "resolutionDueAt" | "slaPausedAt" | "slaWarned" | "slaBreached" | "slaNextCheckAt"
>;

function columns(r: Resolved, s: SlaState): SlaColumns {
  return {
    slaPolicyId: r.policyId,
    firstResponseDueAt: s.firstResponseDueAt,
    nextResponseDueAt: s.nextResponseDueAt,
    resolutionDueAt: s.resolutionDueAt,
    slaPausedAt: s.pausedAt,
    slaWarned: s.warned,
    slaBreached: s.breached,
    slaNextCheckAt: nextCheckAt(r.cal, r.targets, s),
  };
}

/** The clock changes of one thing that happened to a conversation, as columns to save with it. */
export type SlaChange =
  | { kind: "opened"; slaPolicyId?: string | null }
  | { kind: "staff_reply" }
  | { kind: "family_message" }
  | { kind: "status"; from: string; to: string }
  /** priority or topic changed (or a policy was named): the standard is chosen again and the clocks recomputed */
  | { kind: "policy"; slaPolicyId?: string | null; before: { topicId: string | null; priority: string; slaPolicyId: string | null } };

const PAUSED = new Set(["pending", "resolved"]);

/**
 * The clocks of a conversation being opened, before it is stored (intake writes it once, with them): the standard
 * chosen for its topic and priority, or the one a rule named, started at its creation. The same columns as
 * `slaColumnsFor(…, { kind: "opened" })` on the stored row.
 */
export async function openingClocks(
  ctx: Ctx,
  c: { topicId: string | null; priority: string; createdAt: Date },
  slaPolicyId: string | null,
  env?: SlaEnv,
): Promise<SlaColumns> {
  const r = await resolveTargets(ctx, { topicId: c.topicId, priority: c.priority, slaPolicyId }, env);
  return columns(r, startClocks(r.cal, r.targets, c.createdAt));
}

export async function slaColumnsFor(ctx: Ctx, c: ConversationRow, change: SlaChange, env?: SlaEnv): Promise<SlaColumns> {
  if (change.kind === "opened") return openingClocks(ctx, c, change.slaPolicyId ?? null, env);
  // a re-classification chooses the standard again (a rule may name one); anything else keeps it
  const policyId = change.kind === "policy" ? (change.slaPolicyId ?? null) : c.slaPolicyId;
  const r = await resolveTargets(ctx, { topicId: c.topicId, priority: c.priority, slaPolicyId: policyId }, env);
  const at = ctx.now();
  let s = stateOf(c);
  switch (change.kind) {
    case "staff_reply":
      s = onStaffReply(r.cal, r.targets, s, at);
      break;
    case "family_message":
      if (s.pausedAt) s = resumeClocks(r.cal, s, at);
      s = onFamilyMessage(r.cal, r.targets, s, at);
      break;
    case "status":
      if (PAUSED.has(change.to) && !PAUSED.has(change.from)) s = pauseClocks(s, at);
      else if (!PAUSED.has(change.to) && PAUSED.has(change.from)) s = resumeClocks(r.cal, s, at);
      break;
    case "policy": {
      const before = await resolveTargets(ctx, change.before, env);
      s = changeTargets(r.cal, before.targets, r.targets, s, c.createdAt, at);
      break;
    }
  }
  return columns(r, s);
}

/** Supervisors of the department, or the district-wide supervisors (no department) when it has none. */
export async function supervisorsFor(ctx: Ctx, departmentId: string | null): Promise<string[]> {
  const rows = await ctx.db
    .select({ id: staff.id, departmentId: staffDepartments.departmentId })
    .from(staff)
    .leftJoin(staffDepartments, and(eq(staffDepartments.staffId, staff.id), eq(staffDepartments.districtId, staff.districtId)))
    .where(and(eq(staff.districtId, ctx.districtId), eq(staff.role, "supervisor"), eq(staff.active, true)));
  const inDept = rows.filter((r) => departmentId && r.departmentId === departmentId).map((r) => r.id);
  if (inDept.length) return [...new Set(inDept)];
  const districtWide = new Map<string, boolean>();
  for (const r of rows) districtWide.set(r.id, (districtWide.get(r.id) ?? true) && r.departmentId === null);
  return [...districtWide].filter(([, all]) => all).map(([id]) => id);
}


const RAISE: Record<Priority, Priority> = { low: "normal", normal: "high", high: "high", critical: "critical" };

/**
 * Records the warnings and breaches that have fallen due on one conversation (each at most once), notifies the
 * assignee (or the department's supervisors when nobody holds it), and on a breach runs the policy's escalation:
 * notify supervisors, raise the priority one step, reassign. Called by the `sla-sweep` job with the row locked.
 */
export async function applyDueTransitions(ctx: Ctx, c: ConversationRow): Promise<{ warnings: number; breaches: number }> {
  if (c.status === "resolved" || c.status === "pending") {
    await ctx.db.update(conversations).set({ slaNextCheckAt: null }).where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, c.id)));
    return { warnings: 0, breaches: 0 };
  }
  const r = await resolveTargets(ctx, { topicId: c.topicId, priority: c.priority, slaPolicyId: c.slaPolicyId });
  const { transitions, state } = dueTransitions(r.cal, r.targets, stateOf(c), ctx.now());
  const changes: Partial<ConversationRow> = { ...columns({ ...r, policyId: c.slaPolicyId ?? r.policyId }, state) };
  let warnings = 0;
  let breaches = 0;
  const policy = c.slaPolicyId ? (await ctx.db.select().from(slaPolicies).where(and(eq(slaPolicies.districtId, ctx.districtId), eq(slaPolicies.id, c.slaPolicyId))))[0] : undefined;
  const escalation = policy?.escalation ?? { notifySupervisors: true, raisePriority: false, reassignToStaffId: null };
  for (const t of transitions) {
    const data = { clock: t.clock, dueAt: t.dueAt.toISOString() };
    if (t.kind === "warning") {
      warnings++;
      await emit(ctx, "sla.warning", data, c.id);
      await notify(ctx, { staffIds: c.assigneeId ? [c.assigneeId] : await supervisorsFor(ctx, c.departmentId), type: "sla_warning", conversationId: c.id, data });
      continue;
    }
    breaches++;
    await emit(ctx, "sla.breached", data, c.id);
    const actions: string[] = [];
    await notify(ctx, { staffIds: [c.assigneeId], type: "sla_breach", conversationId: c.id, data });
    if (escalation.notifySupervisors) {
      await notify(ctx, { staffIds: await supervisorsFor(ctx, c.departmentId), type: "escalated", conversationId: c.id, data });
      actions.push("notified_supervisors");
    }
    const priority = (changes.priority ?? c.priority) as Priority;
    if (escalation.raisePriority && RAISE[priority] !== priority) {
      changes.priority = RAISE[priority];
      await emit(ctx, "conversation.updated", { changes: { priority: { from: priority, to: RAISE[priority] } } }, c.id);
      actions.push("raised_priority");
    }
    const to = escalation.reassignToStaffId;
    if (to && to !== c.assigneeId && !changes.assigneeId) {
      changes.assigneeId = to;
      await emit(ctx, "conversation.assigned", { fromStaffId: c.assigneeId, toStaffId: to, fromDepartmentId: c.departmentId, toDepartmentId: c.departmentId }, c.id);
      await notify(ctx, { staffIds: [to], type: "escalated", conversationId: c.id, data });
      actions.push("reassigned");
    }
    if (actions.length) await emit(ctx, "sla.escalated", { clock: t.clock, actions }, c.id);
  }
  await ctx.db.update(conversations).set({ ...changes, updatedAt: ctx.now() }).where(and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, c.id)));
  return { warnings, breaches };
}

/** Conversations whose next service-standard check has come, across districts (oldest first), for the sweeper. */
export async function dueForCheck(db: Ctx["db"], now: Date, limit = 200): Promise<{ id: string; districtId: string }[]> {
  return db
    .select({ id: conversations.id, districtId: conversations.districtId })
    .from(conversations)
    .where(and(lte(conversations.slaNextCheckAt, now), inArray(conversations.status, ["new", "open"]), isNull(conversations.slaPausedAt)))
    .orderBy(asc(conversations.slaNextCheckAt))
    .limit(limit);
}

/** The due-soon / past-due filters of the inbox (for the conversations that are still ours to answer). */
export function pastDueWhere(now: Date) {
  return and(
    inArray(conversations.status, ["new", "open"]),
    or(lte(conversations.firstResponseDueAt, now), lte(conversations.nextResponseDueAt, now), lte(conversations.resolutionDueAt, now)),
  );
}
export function dueSoonWhere(now: Date, withinHours = 4) {
  const soon = new Date(now.getTime() + withinHours * 3_600_000);
  const between = (col: AnyPgColumn) => and(sql`${col} > ${now.toISOString()}::timestamptz`, lte(col, soon));
  return and(
    inArray(conversations.status, ["new", "open"]),
    or(between(conversations.firstResponseDueAt), between(conversations.nextResponseDueAt), between(conversations.resolutionDueAt)),
  );
}

/** Checks the ids a policy names belong to the district (topic, escalation target). */
async function checkPolicyRefs(ctx: Ctx, body: { topicId: string | null; escalation: { reassignToStaffId: string | null } }): Promise<void> {
  if (body.topicId) {
    const [t] = await ctx.db.select({ id: topics.id }).from(topics).where(and(eq(topics.districtId, ctx.districtId), eq(topics.id, body.topicId)));
    if (!t) throw new AppError("validation_failed", "No such topic", { invalidParams: [{ name: "topicId", reason: "not_found" }] });
  }
  const to = body.escalation.reassignToStaffId;
  if (to) {
    const [s] = await ctx.db.select({ id: staff.id }).from(staff).where(and(eq(staff.districtId, ctx.districtId), eq(staff.id, to), eq(staff.active, true)));
    if (!s) throw new AppError("validation_failed", "No such active staff member", { invalidParams: [{ name: "escalation.reassignToStaffId", reason: "not_found" }] });
  }
}

export type SlaPolicyInput = Omit<typeof slaPolicies.$inferInsert, "id" | "districtId" | "createdAt">;

export async function createSlaPolicy(ctx: Ctx, body: SlaPolicyInput & { topicId: string | null; escalation: SlaEscalation }): Promise<SlaPolicyRow> {
  await checkPolicyRefs(ctx, body);
  if (body.isDefault) await ctx.db.update(slaPolicies).set({ isDefault: false }).where(eq(slaPolicies.districtId, ctx.districtId));
  const [row] = await ctx.db.insert(slaPolicies).values({ ...body, districtId: ctx.districtId, createdAt: ctx.now() }).returning();
  return row!;
}

export async function updateSlaPolicy(ctx: Ctx, id: string, body: SlaPolicyInput & { topicId: string | null; escalation: SlaEscalation }): Promise<SlaPolicyRow> {
  await checkPolicyRefs(ctx, body);
  if (body.isDefault) await ctx.db.update(slaPolicies).set({ isDefault: false }).where(and(eq(slaPolicies.districtId, ctx.districtId), ne(slaPolicies.id, id)));
  const [row] = await ctx.db.update(slaPolicies).set(body).where(and(eq(slaPolicies.districtId, ctx.districtId), eq(slaPolicies.id, id))).returning();
  if (!row) throw notFound("Service standard");
  return row;
}

/** Deletes a policy; conversations it governed keep their due times and fall back to the next matching standard. */
export async function deleteSlaPolicy(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.db.delete(slaPolicies).where(and(eq(slaPolicies.districtId, ctx.districtId), eq(slaPolicies.id, id))).returning();
  if (!row) throw notFound("Service standard");
}

