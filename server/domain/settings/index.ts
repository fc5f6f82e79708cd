import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { AssignmentPolicyType } from "../../../common/contract/routing.js";
import type {
  Availability,
  AvailabilityBody,
  DepartmentRouting,
  DistrictSettings,
  DistrictSettingsBody,
} from "../../../common/contract/operations.js";
import { conversations, departments, districts, staff, staffDepartments, type StaffRow } from "../../db/schema/index.js";
import { AppError, notFound } from "../../lib/errors.js";
import { getDistrict } from "../districts/index.js";
import { DEFAULT_WEEKLY_HOURS, validateWeeklyHours } from "../sla/index.js";
import type { Ctx } from "../shared/ctx.js";

const invalid = (name: string, message: string, reason = "invalid") => new AppError("validation_failed", message, { invalidParams: [{ name, reason }] });

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

async function assertStaffInDistrict(ctx: Ctx, id: string, name: string): Promise<StaffRow> {
  const [row] = await ctx.db.select().from(staff).where(and(eq(staff.districtId, ctx.districtId), eq(staff.id, id)));
  if (!row || !row.active) throw invalid(name, "No such active staff member in this district", "not_found");
  return row;
}

export async function getDistrictSettings(ctx: Ctx): Promise<DistrictSettings> {
  const d = await getDistrict(ctx);
  return {
    timeZone: d.timeZone,
    weeklyHours: d.weeklyHours ?? DEFAULT_WEEKLY_HOURS,
    holidays: d.holidays,
    responseDays: d.responseDays,
    routingThreshold: d.routingThreshold,
    ownerStaffId: d.ownerStaffId,
  };
}

/** The district calendar (time zone, weekly hours, closures) and routing settings; checked before anything is saved. */
export async function updateDistrictSettings(ctx: Ctx, body: DistrictSettingsBody): Promise<DistrictSettings> {
  if (body.timeZone !== undefined && !isTimeZone(body.timeZone)) throw invalid("timeZone", "Unknown time zone (use an IANA name like America/Chicago)");
  if (body.weeklyHours) {
    const problems = validateWeeklyHours(body.weeklyHours);
    if (problems.length) throw invalid("weeklyHours", problems.join("; "));
    if (Object.values(body.weeklyHours).every((d) => d.length === 0)) throw invalid("weeklyHours", "Open the district at least one day a week");
  }
  if (body.ownerStaffId) await assertStaffInDistrict(ctx, body.ownerStaffId, "ownerStaffId");
  const patch: Partial<typeof districts.$inferInsert> = {};
  if (body.timeZone !== undefined) patch.timeZone = body.timeZone;
  if (body.weeklyHours !== undefined) patch.weeklyHours = body.weeklyHours;
  if (body.holidays !== undefined) patch.holidays = [...body.holidays].sort((a, b) => a.start.localeCompare(b.start));
  if (body.responseDays !== undefined) patch.responseDays = body.responseDays;
  if (body.routingThreshold !== undefined) patch.routingThreshold = body.routingThreshold;
  if (body.ownerStaffId !== undefined) patch.ownerStaffId = body.ownerStaffId;
  await ctx.db.update(districts).set(patch).where(eq(districts.id, ctx.districtId));
  return getDistrictSettings(ctx);
}

export async function listDepartmentRouting(ctx: Ctx): Promise<DepartmentRouting[]> {
  const rows = await ctx.db.select().from(departments).where(eq(departments.districtId, ctx.districtId)).orderBy(asc(departments.name));
  const members = await ctx.db.select().from(staffDepartments).where(eq(staffDepartments.districtId, ctx.districtId));
  return rows.map((d) => ({
    id: d.id,
    name: d.name,
    assignmentPolicy: d.assignmentPolicy as AssignmentPolicyType,
    ownerStaffId: d.ownerStaffId,
    memberIds: members.filter((m) => m.departmentId === d.id).map((m) => m.staffId),
  }));
}

export async function updateDepartmentRouting(
  ctx: Ctx,
  id: string,
  body: { assignmentPolicy?: AssignmentPolicyType | undefined; ownerStaffId?: string | null | undefined },
): Promise<DepartmentRouting> {
  const [d] = await ctx.db.select().from(departments).where(and(eq(departments.districtId, ctx.districtId), eq(departments.id, id)));
  if (!d) throw notFound("Department");
  if (body.ownerStaffId) await assertStaffInDistrict(ctx, body.ownerStaffId, "ownerStaffId");
  await ctx.db
    .update(departments)
    .set({
      ...(body.assignmentPolicy !== undefined ? { assignmentPolicy: body.assignmentPolicy } : {}),
      ...(body.ownerStaffId !== undefined ? { ownerStaffId: body.ownerStaffId } : {}),
    })
    .where(and(eq(departments.districtId, ctx.districtId), eq(departments.id, id)));
  return (await listDepartmentRouting(ctx)).find((x) => x.id === id)!;
}

function presentAvailability(s: StaffRow, openLoad: number): Availability {
  return {
    staffId: s.id,
    name: s.name,
    outOfOfficeFrom: s.outOfOfficeFrom?.toISOString() ?? null,
    outOfOfficeUntil: s.outOfOfficeUntil?.toISOString() ?? null,
    delegateStaffId: s.delegateStaffId,
    workingHours: s.workingHours,
    capacity: s.capacity,
    notifyEmail: s.notifyEmail as Availability["notifyEmail"],
    openLoad,
  };
}

/** Availability of the district's active staff (or of the given people), with their open load. */
export async function listAvailability(ctx: Ctx, onlyIds?: string[]): Promise<Availability[]> {
  const rows = await ctx.db
    .select()
    .from(staff)
    .where(and(eq(staff.districtId, ctx.districtId), eq(staff.active, true), eq(staff.isService, false), onlyIds ? inArray(staff.id, onlyIds) : undefined))
    .orderBy(asc(staff.name));
  const loads = await ctx.db
    .select({ id: conversations.assigneeId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(eq(conversations.districtId, ctx.districtId), inArray(conversations.status, ["new", "open"])))
    .groupBy(conversations.assigneeId);
  const byId = new Map(loads.map((l) => [l.id, l.n]));
  return rows.map((r) => presentAvailability(r, byId.get(r.id) ?? 0));
}

/** Out of office, delegate, working hours, capacity and notification preference of one person. */
export async function updateAvailability(ctx: Ctx, staffId: string, body: AvailabilityBody): Promise<Availability> {
  const person = await ctx.db.select().from(staff).where(and(eq(staff.districtId, ctx.districtId), eq(staff.id, staffId)));
  if (!person[0]) throw notFound("Staff member");
  if (body.delegateStaffId) {
    if (body.delegateStaffId === staffId) throw invalid("delegateStaffId", "Choose someone else as delegate");
    await assertStaffInDistrict(ctx, body.delegateStaffId, "delegateStaffId");
  }
  if (body.workingHours) {
    const problems = validateWeeklyHours(body.workingHours);
    if (problems.length) throw invalid("workingHours", problems.join("; "));
  }
  const from = body.outOfOfficeFrom === undefined ? person[0].outOfOfficeFrom : body.outOfOfficeFrom ? new Date(body.outOfOfficeFrom) : null;
  const until = body.outOfOfficeUntil === undefined ? person[0].outOfOfficeUntil : body.outOfOfficeUntil ? new Date(body.outOfOfficeUntil) : null;
  if (from && until && until <= from) throw invalid("outOfOfficeUntil", "Out of office ends after it starts");
  await ctx.db
    .update(staff)
    .set({
      outOfOfficeFrom: from,
      outOfOfficeUntil: until,
      ...(body.delegateStaffId !== undefined ? { delegateStaffId: body.delegateStaffId } : {}),
      ...(body.workingHours !== undefined ? { workingHours: body.workingHours } : {}),
      ...(body.capacity !== undefined ? { capacity: body.capacity } : {}),
      ...(body.notifyEmail !== undefined ? { notifyEmail: body.notifyEmail } : {}),
    })
    .where(and(eq(staff.districtId, ctx.districtId), eq(staff.id, staffId)));
  return (await listAvailability(ctx, [staffId]))[0]!;
}
