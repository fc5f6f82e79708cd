/**
 * Who gets a routed conversation: pure code, no database. The caller loads the department's members (in a stable
 * order), the owners, the delegates named by out-of-office members and the round-robin cursor, computes `isWorking`
 * from each person's working hours, and stores `nextCursor` afterwards.
 *
 * Eligible = active, not out of office at `now` (from ≤ now < until, a null bound is open), working now, and open
 * load under capacity (null capacity = unlimited). Nobody is ever assigned silently while away:
 *
 * 1. A person asked for by a rule (`requestedStaffId`) gets it when eligible. When they are out of office their
 *    delegate gets it if eligible (`assigned by delegate, instead_of`). Otherwise it falls through to the policy.
 * 2. The department's policy:
 *    - round_robin: the next eligible member after the cursor in member order, wrapping around;
 *    - least_load: the eligible member with the smallest open load; ties go to the one assigned longest ago
 *      (never assigned = longest ago), then to member order;
 *    - queue: nobody; the conversation waits in the department for a manual pick (step `queue`).
 * 3. When no member is eligible: the department owner if eligible, then the district owner if eligible, else triage
 *    (`triage {reason: "nobody_available"}`).
 *
 * Every person passed over gets a `skipped_staff` step with the reason (once, even if met twice).
 */
import type { AssignedBy, AssignmentPolicyType, RoutingStep, SkipReason } from "../../../../common/contract/routing.js";

export type Candidate = {
  staffId: string;
  name: string;
  active: boolean;
  outOfOffice: { from: Date | null; until: Date | null; delegateStaffId: string | null } | null;
  /** computed by the caller from the person's working hours at `now` */
  isWorking: boolean;
  /** most open conversations at once; null = unlimited */
  capacity: number | null;
  openLoad: number;
  lastAssignedAt: Date | null;
};

export type PickInput = {
  policy: AssignmentPolicyType;
  departmentId: string;
  /** department members in a stable order */
  members: Candidate[];
  /** the staff id round robin assigned last time */
  roundRobinCursor: string | null;
  /** a person asked for by an assignPerson action */
  requestedStaffId?: string;
  /** the rule that asked for the assignment (person or policy), echoed in the `assigned` step */
  ruleId?: string;
  departmentOwner: Candidate | null;
  districtOwner: Candidate | null;
  /**
   * candidates by staff id for the delegate ids named in members' out-of-office, and for a requested person who is
   * not a member of the department
   */
  delegates: Record<string, Candidate>;
  now: Date;
};

export type PickResult =
  | { staffId: string; steps: RoutingStep[]; /** the round-robin cursor to store */ nextCursor: string | null }
  | { staffId: null; queue: true; steps: RoutingStep[] }
  | { staffId: null; triage: true; steps: RoutingStep[] };

/** Why a candidate cannot take a conversation now, or null when they can. */
export function ineligibility(c: Candidate, now: Date): SkipReason | null {
  if (!c.active) return "inactive";
  if (isOutOfOffice(c, now)) return "out_of_office";
  if (!c.isWorking) return "outside_working_hours";
  if (c.capacity !== null && c.openLoad >= c.capacity) return "at_capacity";
  return null;
}

export function isOutOfOffice(c: Candidate, now: Date): boolean {
  const o = c.outOfOffice;
  if (!o) return false;
  const t = now.getTime();
  return (o.from === null || o.from.getTime() <= t) && (o.until === null || t < o.until.getTime());
}

export function pickAssignee(input: PickInput): PickResult {
  const steps: RoutingStep[] = [];
  const skipped = new Set<string>();
  const ruleId = input.ruleId;
  const ruleRef = ruleId === undefined ? {} : { ruleId };
  const cursor = input.roundRobinCursor;

  /** Eligible, or record why not (once per person). */
  const eligible = (c: Candidate): boolean => {
    const reason = ineligibility(c, input.now);
    if (reason === null) return true;
    if (!skipped.has(c.staffId)) {
      skipped.add(c.staffId);
      steps.push({ code: "skipped_staff", staffId: c.staffId, reason });
    }
    return false;
  };
  const assigned = (staffId: string, by: AssignedBy, extra: { instead_of?: string } = {}, nextCursor = cursor): PickResult => {
    steps.push({ code: "assigned", staffId, by, ...ruleRef, ...extra });
    return { staffId, steps, nextCursor };
  };

  // 1. A person named by a rule, or their delegate.
  if (input.requestedStaffId !== undefined) {
    const requested = findCandidate(input, input.requestedStaffId);
    if (requested && eligible(requested)) return assigned(requested.staffId, "person");
    const away = requested !== undefined && isOutOfOffice(requested, input.now);
    const delegateId = away ? requested.outOfOffice?.delegateStaffId : null;
    const delegate = delegateId ? findCandidate(input, delegateId) : undefined;
    if (delegate && delegate.staffId !== input.requestedStaffId && eligible(delegate)) {
      return assigned(delegate.staffId, "delegate", { instead_of: input.requestedStaffId });
    }
    // An unknown person (deleted since the rule was written) just falls through to the policy.
  }

  // 2. The department's policy.
  if (input.policy === "queue") {
    steps.push({ code: "queue", departmentId: input.departmentId });
    return { staffId: null, queue: true, steps };
  }
  if (input.policy === "round_robin") {
    const picked = pickRoundRobin(input.members, cursor, eligible);
    if (picked) return assigned(picked.staffId, "round_robin", {}, picked.staffId);
  } else {
    const picked = pickLeastLoad(input.members, eligible);
    if (picked) return assigned(picked.staffId, "least_load");
  }

  // 3. Nobody in the department: the owners, then triage.
  const { departmentOwner, districtOwner } = input;
  if (departmentOwner && eligible(departmentOwner)) return assigned(departmentOwner.staffId, "department_owner");
  if (districtOwner && eligible(districtOwner)) return assigned(districtOwner.staffId, "district_owner");
  steps.push({ code: "triage", reason: "nobody_available" });
  return { staffId: null, triage: true, steps };
}

type Eligible = (c: Candidate) => boolean;

function pickRoundRobin(members: readonly Candidate[], cursor: string | null, eligible: Eligible): Candidate | null {
  const n = members.length;
  if (n === 0) return null;
  // After the cursor; a cursor that left the department (or none yet) starts from the first member.
  const at = cursor === null ? -1 : members.findIndex((m) => m.staffId === cursor);
  for (let i = 1; i <= n; i++) {
    const m = members[(at + i + n) % n];
    if (m && eligible(m)) return m;
  }
  return null;
}

function pickLeastLoad(members: readonly Candidate[], eligible: Eligible): Candidate | null {
  let best: Candidate | null = null;
  for (const m of members) {
    if (!eligible(m)) continue;
    const better = best === null || m.openLoad < best.openLoad || (m.openLoad === best.openLoad && assignedEarlier(m, best));
    if (better) best = m;
  }
  return best;
}

/** a was assigned strictly longer ago than b (never assigned counts as longest ago); equal keeps member order */
function assignedEarlier(a: Candidate, b: Candidate): boolean {
  const ta = a.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  const tb = b.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
  return ta < tb;
}

function findCandidate(input: PickInput, staffId: string): Candidate | undefined {
  return (
    input.members.find((m) => m.staffId === staffId) ??
    (Object.hasOwn(input.delegates, staffId) ? input.delegates[staffId] : undefined) ??
    [input.departmentOwner, input.districtOwner].find((o) => o?.staffId === staffId) ??
    undefined
  );
}
