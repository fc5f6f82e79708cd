import { and, eq, inArray, sql } from "drizzle-orm";
import type { FieldValues } from "../../../common/contract/forms.js";
import type { AssignmentPolicyType, RoutingExplanation, RoutingRule, RoutingStep } from "../../../common/contract/routing.js";
import type { ChannelType, ConversationKind, Language, Priority, RequesterRole } from "../../../common/enums.js";
import { reusable } from "../../db/reusable.js";
import { conversations, departments, staff, staffDepartments, topics, type DepartmentRow, type DistrictRow, type StaffRow, type TopicRow } from "../../db/schema/index.js";
import { getDistrict } from "../districts/index.js";
import { calendarOf, isBusinessTime, isWithinHours } from "../sla/index.js";
import type { Ctx } from "../shared/ctx.js";
import { loadDistrictModel } from "./model-store.js";
import { pickAssignee, type Candidate } from "./rules/assignment.js";
import { evaluateRules } from "./rules/engine.js";
import { summarize } from "./rules/explain.js";
import { listRules } from "./rules-store.js";

export { labelFor } from "./model-store.js";

export type RouteInput = {
  topicId: string | null;
  schoolId: string | null;
  channel: ChannelType;
  language: Language;
  requesterRole: RequesterRole;
  kind: ConversationKind;
  priority: Priority;
  fields: FieldValues;
  subject: string;
  text: string;
  tags: string[];
  alertCategories: string[];
};

export type RoutingResult = {
  departmentId: string | null;
  assigneeId: string | null;
  priority: Priority;
  tags: string[];
  watchers: string[];
  slaPolicyId: string | null;
  triage: boolean;
  triageReason: string | null;
  explanation: RoutingExplanation;
  /** round robin: the department whose cursor moves, and to whom */
  cursor: { departmentId: string; staffId: string } | null;
};

function candidateOf(s: StaffRow, openLoad: number, district: DistrictRow, now: Date): Candidate {
  const hours = s.workingHours;
  return {
    staffId: s.id,
    name: s.name,
    active: s.active && !s.isService && s.role !== "viewer" && s.role !== "recorder",
    outOfOffice:
      s.outOfOfficeFrom || s.outOfOfficeUntil ? { from: s.outOfOfficeFrom, until: s.outOfOfficeUntil, delegateStaffId: s.delegateStaffId } : null,
    isWorking: hours ? isWithinHours(hours, district.timeZone, now) : true,
    capacity: s.capacity,
    openLoad,
    lastAssignedAt: s.lastAssignedAt,
  };
}

type CandidatesInput = { districtId: string; departmentId: string; wanted: string[] };
type CandidateRow = { department: DepartmentRow; person: StaffRow | null; member: boolean; openLoad: number };

/** departmentCandidates' statement, built once per number of extra ids (db/reusable.ts): it runs on every submission. */
const candidatesQuery = reusable<CandidatesInput, CandidateRow[]>({
  shape: (i) => String(i.wanted.length),
  build: (db, i) => {
    const d = sql.placeholder("district");
    const dep = sql.placeholder("department");
    const members = sql`select sd.staff_id from ${staffDepartments} sd where sd.district_id = ${d} and sd.department_id = ${dep}`;
    const ids = sql`${members}
      union all select m.delegate_staff_id from ${staff} m where m.district_id = ${d} and m.id in (${members})
      union all select d.owner_staff_id from ${departments} d where d.district_id = ${d} and d.id = ${dep}
      ${i.wanted.length ? sql`union all select unnest(array[${sql.join(i.wanted.map((_, n) => sql`${sql.placeholder(`w${n}`)}`), sql`, `)}]::uuid[])` : sql``}`;
    return db
      .select({
        department: departments,
        person: staff,
        member: sql<boolean>`${staff.id} in (${members})`,
        openLoad: sql<number>`(select count(*)::int from ${conversations} c where c.district_id = ${d} and c.assignee_id = ${staff.id} and c.status in ('new', 'open'))`,
      })
      .from(departments)
      .leftJoin(staff, and(eq(staff.districtId, d), sql`${staff.id} in (${ids})`))
      .where(and(eq(departments.districtId, d), eq(departments.id, dep)))
      .orderBy(staff.name, staff.id);
  },
  values: (i) => ({ district: i.districtId, department: i.departmentId, ...Object.fromEntries(i.wanted.map((id, n) => [`w${n}`, id])) }),
});

/**
 * A department and the people who could take its conversation, with their availability now, in one statement:
 * its members (by name), their out-of-office delegates (one hop, as people expect of an out-of-office), the
 * department's and the district's owners and any `extraIds`, each with their open work (what capacity caps and
 * least-load compare). The people are found by id (one union, a semi-join on the primary key), however many staff
 * the district has. Undefined when the department does not exist.
 */
async function departmentCandidates(ctx: Ctx, departmentId: string, district: DistrictRow, extraIds: string[] = []) {
  const wanted = [...extraIds, ...(district.ownerStaffId ? [district.ownerStaffId] : [])];
  const rows = await candidatesQuery(ctx.db, { districtId: ctx.districtId, departmentId, wanted });
  if (rows.length === 0) return undefined;
  const now = ctx.now();
  const people = rows.flatMap((r) => (r.person ? [{ ...r, person: r.person }] : []));
  const byId = new Map(people.map((r) => [r.person.id, candidateOf(r.person, r.openLoad, district, now)]));
  return { department: rows[0]!.department, members: people.filter((r) => r.member).map((r) => byId.get(r.person.id)!), byId };
}

/** Names the caller already holds (intake keeps the district's department and topic names); the rest are read. */
export type KnownNames = { departments?: Readonly<Record<string, string>>; topics?: readonly { id: string; name: { en: string } }[] };

/** The names the explanation mentions, and only those (a large district has thousands of staff). */
async function names(
  ctx: Ctx,
  steps: readonly RoutingStep[],
  known: KnownNames = {},
): Promise<{ departments: Record<string, string>; staff: Record<string, string>; topics: Record<string, string> }> {
  const ids = { departments: new Set<string>(), staff: new Set<string>(), topics: new Set<string>() };
  for (const s of steps) {
    if ("departmentId" in s && s.departmentId) ids.departments.add(s.departmentId);
    if ("topicId" in s && s.topicId) ids.topics.add(s.topicId);
    if ("staffId" in s && s.staffId) ids.staff.add(s.staffId);
    if ("staffIds" in s) for (const id of s.staffIds) ids.staff.add(id);
    if ("instead_of" in s && s.instead_of) ids.staff.add(s.instead_of);
    if ("suggestions" in s) for (const x of s.suggestions) if (x.departmentId) ids.departments.add(x.departmentId);
  }
  const knownDepartments = known.departments;
  const knownTopics = known.topics ? new Map(known.topics.map((t) => [t.id, t.name.en])) : undefined;
  // one after another: ctx.db may be a transaction, one connection, which runs one statement at a time anyway
  const ds = knownDepartments
    ? [...ids.departments].flatMap((id) => (knownDepartments[id] !== undefined ? [{ id, name: knownDepartments[id] }] : []))
    : ids.departments.size
      ? await ctx.db.select({ id: departments.id, name: departments.name }).from(departments).where(and(eq(departments.districtId, ctx.districtId), inArray(departments.id, [...ids.departments])))
      : [];
  const ss = ids.staff.size ? await ctx.db.select({ id: staff.id, name: staff.name }).from(staff).where(and(eq(staff.districtId, ctx.districtId), inArray(staff.id, [...ids.staff]))) : [];
  const ts = knownTopics
    ? [...ids.topics].flatMap((id) => (knownTopics.has(id) ? [{ id, name: { en: knownTopics.get(id)! } }] : []))
    : ids.topics.size
      ? await ctx.db.select({ id: topics.id, name: topics.name }).from(topics).where(and(eq(topics.districtId, ctx.districtId), inArray(topics.id, [...ids.topics])))
      : [];
  return {
    departments: Object.fromEntries(ds.map((d) => [d.id, d.name])),
    staff: Object.fromEntries(ss.map((s) => [s.id, s.name])),
    topics: Object.fromEntries(ts.map((t) => [t.id, t.name.en])),
  };
}

/**
 * Where a new conversation goes, and why: the topic's department, then the district's rules in order, then (for a
 * message no topic or rule placed) learned routing above the district's confidence threshold, then the department's
 * assignment policy with availability and fallbacks. Anything undecided goes to triage with the reason. Pure with
 * respect to the database: it reads, the caller writes (and "try a message" writes nothing).
 */
export async function decideRouting(
  ctx: Ctx,
  input: RouteInput,
  loaded?: { district?: DistrictRow; topic?: TopicRow | undefined; rules?: RoutingRule[]; names?: KnownNames },
): Promise<RoutingResult> {
  const district = loaded?.district ?? (await getDistrict(ctx));
  const now = ctx.now();
  const topic =
    loaded && "topic" in loaded
      ? loaded.topic
      : input.topicId
        ? (await ctx.db.select().from(topics).where(and(eq(topics.districtId, ctx.districtId), eq(topics.id, input.topicId))))[0]
        : undefined;
  const rules = loaded?.rules ?? (await listRules(ctx));
  const outcome = evaluateRules(rules, {
    topicId: topic?.id ?? null,
    categoryId: topic?.categoryId ?? null,
    schoolId: input.schoolId,
    departmentId: topic?.departmentId ?? null,
    channel: input.channel,
    language: input.language,
    requesterRole: input.requesterRole,
    kind: input.kind,
    priority: input.priority,
    fields: input.fields,
    subject: input.subject,
    text: input.text,
    afterHours: !isBusinessTime(calendarOf(district), now),
    tags: input.tags,
    alertCategories: input.alertCategories,
  });
  const steps: RoutingStep[] = [...outcome.steps];
  let departmentId = outcome.departmentId;
  let triage = outcome.triage;
  let triageReason: string | null = triage ? "rule" : null;

  if (!departmentId && !triage) {
    const model = await loadDistrictModel(ctx);
    const prediction = model?.predict(`${input.subject}\n${input.text}`, input.language, district.routingThreshold !== null ? { threshold: district.routingThreshold } : {});
    const topicDept = async (label: string) => {
      if (label.startsWith("dept:")) return { departmentId: label.slice(5) };
      const t = (await ctx.db.select({ id: topics.id, departmentId: topics.departmentId }).from(topics).where(and(eq(topics.districtId, ctx.districtId), eq(topics.id, label.slice(6)))))[0];
      return t?.departmentId ? { departmentId: t.departmentId, topicId: t.id } : {};
    };
    if (prediction && "label" in prediction.decision) {
      const target = await topicDept(prediction.decision.label);
      if (target.departmentId) {
        departmentId = target.departmentId;
        steps.push({ code: "classifier", ...target, label: prediction.decision.label, confidence: prediction.decision.confidence });
      }
    }
    if (!departmentId) {
      triage = true;
      if (prediction && prediction.top.length > 0) {
        const suggestions = [];
        for (const s of prediction.top.slice(0, 3)) suggestions.push({ label: s.label, ...(await topicDept(s.label)), confidence: s.confidence });
        steps.push({ code: "classifier_low_confidence", suggestions, threshold: district.routingThreshold ?? model!.defaultThreshold });
        triageReason = "low_confidence";
      } else triageReason = "no_department";
      steps.push({ code: "triage", reason: triageReason as "low_confidence" | "no_department" });
    }
  }

  let assigneeId: string | null = null;
  let cursor: RoutingResult["cursor"] = null;
  if (!triage && departmentId && outcome.assignment) {
    const requested = outcome.assignment.mode === "person" ? outcome.assignment.staffId : undefined;
    const found = await departmentCandidates(ctx, departmentId, district, requested ? [requested] : []);
    if (found) {
      const { department, members, byId } = found;
      const pick = pickAssignee({
        policy: department.assignmentPolicy as AssignmentPolicyType,
        departmentId,
        members,
        roundRobinCursor: department.roundRobinCursor,
        ...(requested ? { requestedStaffId: requested } : {}),
        ...(outcome.assignment.ruleId ? { ruleId: outcome.assignment.ruleId } : {}),
        departmentOwner: department.ownerStaffId ? (byId.get(department.ownerStaffId) ?? null) : null,
        districtOwner: district.ownerStaffId ? (byId.get(district.ownerStaffId) ?? null) : null,
        delegates: Object.fromEntries(byId),
        now,
      });
      steps.push(...pick.steps);
      if (pick.staffId) {
        assigneeId = pick.staffId;
        if (pick.nextCursor) cursor = { departmentId, staffId: pick.nextCursor };
      } else if ("triage" in pick) {
        triage = true;
        triageReason = "nobody_available";
      }
    }
  }
  const explanation = { steps, summary: summarize(steps, await names(ctx, steps, loaded?.names)) };
  return {
    departmentId,
    assigneeId,
    priority: outcome.priority,
    tags: outcome.tags,
    watchers: outcome.watchers,
    slaPolicyId: outcome.slaPolicyId,
    triage,
    triageReason,
    explanation,
    cursor,
  };
}
