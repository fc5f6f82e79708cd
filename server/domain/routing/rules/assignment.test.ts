import { describe, expect, it } from "vitest";
import type { RoutingStep } from "../../../../common/contract/routing.js";
import { ineligibility, pickAssignee, type Candidate, type PickInput } from "./assignment.js";

const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const DEPT = uuid(10);
const RULE = uuid(90);
const [ANA, BEN, CAL, DEE, OWNER, SUPER, SUB] = [1, 2, 3, 4, 5, 6, 7].map(uuid) as [string, string, string, string, string, string, string];

const NOW = new Date("2025-03-04T15:00:00Z");
const hoursFromNow = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

function person(staffId: string, over: Partial<Candidate> = {}): Candidate {
  return {
    staffId,
    name: staffId.slice(-2),
    active: true,
    outOfOffice: null,
    isWorking: true,
    capacity: null,
    openLoad: 0,
    lastAssignedAt: null,
    ...over,
  };
}
const away = (delegateStaffId: string | null = null): Partial<Candidate> => ({
  outOfOffice: { from: hoursFromNow(-24), until: hoursFromNow(24), delegateStaffId },
});

function input(over: Partial<PickInput> = {}): PickInput {
  return {
    policy: "round_robin",
    departmentId: DEPT,
    members: [person(ANA), person(BEN), person(CAL)],
    roundRobinCursor: null,
    departmentOwner: null,
    districtOwner: null,
    delegates: {},
    now: NOW,
    ...over,
  };
}
const skips = (steps: RoutingStep[]) =>
  steps.flatMap((s) => (s.code === "skipped_staff" ? [`${s.staffId.slice(-1)}:${s.reason}`] : []));

describe("eligibility", () => {
  it("checks active, out of office, working hours and capacity in that order", () => {
    expect(ineligibility(person(ANA), NOW)).toBeNull();
    expect(ineligibility(person(ANA, { active: false, isWorking: false }), NOW)).toBe("inactive");
    expect(ineligibility(person(ANA, { ...away(), isWorking: false }), NOW)).toBe("out_of_office");
    expect(ineligibility(person(ANA, { isWorking: false }), NOW)).toBe("outside_working_hours");
    expect(ineligibility(person(ANA, { capacity: 5, openLoad: 5 }), NOW)).toBe("at_capacity");
    expect(ineligibility(person(ANA, { capacity: 5, openLoad: 4 }), NOW)).toBeNull();
    expect(ineligibility(person(ANA, { capacity: null, openLoad: 500 }), NOW)).toBeNull();
    expect(ineligibility(person(ANA, { capacity: 0 }), NOW)).toBe("at_capacity");
  });

  it("reads out of office as from ≤ now < until with open bounds", () => {
    const ooo = (from: Date | null, until: Date | null) =>
      ineligibility(person(ANA, { outOfOffice: { from, until, delegateStaffId: null } }), NOW);
    expect(ooo(null, null)).toBe("out_of_office");
    expect(ooo(NOW, hoursFromNow(1))).toBe("out_of_office");
    expect(ooo(hoursFromNow(1), null)).toBeNull();
    expect(ooo(null, NOW)).toBeNull();
    expect(ooo(hoursFromNow(-2), hoursFromNow(-1))).toBeNull();
    expect(ooo(null, hoursFromNow(1))).toBe("out_of_office");
  });
});

describe("round robin", () => {
  it("starts with the first member when there is no cursor", () => {
    const r = pickAssignee(input());
    expect(r).toEqual({ staffId: ANA, nextCursor: ANA, steps: [{ code: "assigned", staffId: ANA, by: "round_robin" }] });
  });

  it("takes the member after the cursor and wraps around", () => {
    expect(pickAssignee(input({ roundRobinCursor: ANA })).staffId).toBe(BEN);
    expect(pickAssignee(input({ roundRobinCursor: BEN })).staffId).toBe(CAL);
    expect(pickAssignee(input({ roundRobinCursor: CAL }))).toMatchObject({ staffId: ANA, nextCursor: ANA });
  });

  it("starts over when the cursor left the department", () => {
    expect(pickAssignee(input({ roundRobinCursor: DEE })).staffId).toBe(ANA);
  });

  it("skips out-of-office, at-capacity, off-hours and inactive members, saying why", () => {
    const members = [
      person(ANA),
      person(BEN, away()),
      person(CAL, { capacity: 3, openLoad: 3 }),
      person(DEE, { isWorking: false }),
      person(OWNER, { active: false }),
    ];
    const r = pickAssignee(input({ members, roundRobinCursor: ANA }));
    expect(r).toMatchObject({ staffId: ANA, nextCursor: ANA });
    expect(skips(r.steps)).toEqual(["2:out_of_office", "3:at_capacity", "4:outside_working_hours", "5:inactive"]);
    expect(r.steps.at(-1)).toEqual({ code: "assigned", staffId: ANA, by: "round_robin" });
  });

  it("only reports the members it passed on the way", () => {
    const members = [person(ANA, away()), person(BEN, { isWorking: false }), person(CAL), person(DEE, away())];
    const r = pickAssignee(input({ members, roundRobinCursor: ANA }));
    expect(r.staffId).toBe(CAL);
    expect(skips(r.steps)).toEqual(["2:outside_working_hours"]);
  });

  it("names the rule that asked for the policy", () => {
    expect(pickAssignee(input({ ruleId: RULE })).steps).toEqual([{ code: "assigned", staffId: ANA, by: "round_robin", ruleId: RULE }]);
  });
});

describe("least load", () => {
  it("picks the smallest open load among eligible members and keeps the cursor", () => {
    const members = [person(ANA, { openLoad: 5 }), person(BEN, { openLoad: 1, ...away() }), person(CAL, { openLoad: 2 })];
    const r = pickAssignee(input({ policy: "least_load", members, roundRobinCursor: ANA }));
    expect(r).toMatchObject({ staffId: CAL, nextCursor: ANA });
    expect(r.steps).toEqual([
      { code: "skipped_staff", staffId: BEN, reason: "out_of_office" },
      { code: "assigned", staffId: CAL, by: "least_load" },
    ]);
  });

  it("breaks ties by the oldest last assignment (never = oldest), then member order", () => {
    const t = (h: number) => hoursFromNow(-h);
    const tie = [person(ANA, { openLoad: 2, lastAssignedAt: t(1) }), person(BEN, { openLoad: 2, lastAssignedAt: t(5) }), person(CAL, { openLoad: 2, lastAssignedAt: t(3) })];
    expect(pickAssignee(input({ policy: "least_load", members: tie })).staffId).toBe(BEN);
    const never = [person(ANA, { openLoad: 2, lastAssignedAt: t(9) }), person(BEN, { openLoad: 2, lastAssignedAt: null })];
    expect(pickAssignee(input({ policy: "least_load", members: never })).staffId).toBe(BEN);
    const same = [person(ANA, { openLoad: 1, lastAssignedAt: t(2) }), person(BEN, { openLoad: 1, lastAssignedAt: t(2) })];
    expect(pickAssignee(input({ policy: "least_load", members: same })).staffId).toBe(ANA);
    const lower = [person(ANA, { openLoad: 3, lastAssignedAt: null }), person(BEN, { openLoad: 2, lastAssignedAt: t(0) })];
    expect(pickAssignee(input({ policy: "least_load", members: lower })).staffId).toBe(BEN);
  });
});

describe("queue", () => {
  it("leaves the conversation for a manual pick", () => {
    expect(pickAssignee(input({ policy: "queue" }))).toEqual({ staffId: null, queue: true, steps: [{ code: "queue", departmentId: DEPT }] });
  });

  it("still honours a person named by a rule", () => {
    expect(pickAssignee(input({ policy: "queue", requestedStaffId: BEN, ruleId: RULE }))).toMatchObject({
      staffId: BEN,
      steps: [{ code: "assigned", staffId: BEN, by: "person", ruleId: RULE }],
    });
  });
});

describe("a person named by a rule", () => {
  it("gets it when eligible, and the round-robin cursor does not move", () => {
    const r = pickAssignee(input({ requestedStaffId: CAL, ruleId: RULE, roundRobinCursor: ANA }));
    expect(r).toEqual({ staffId: CAL, nextCursor: ANA, steps: [{ code: "assigned", staffId: CAL, by: "person", ruleId: RULE }] });
  });

  it("gives way to their delegate while out of office", () => {
    const members = [person(ANA), person(BEN, away(SUB))];
    const r = pickAssignee(input({ members, requestedStaffId: BEN, ruleId: RULE, delegates: { [SUB]: person(SUB) } }));
    expect(r).toMatchObject({ staffId: SUB });
    expect(r.steps).toEqual([
      { code: "skipped_staff", staffId: BEN, reason: "out_of_office" },
      { code: "assigned", staffId: SUB, by: "delegate", ruleId: RULE, instead_of: BEN },
    ]);
  });

  it("falls through to the policy when the delegate is away too", () => {
    const members = [person(ANA), person(BEN, away(SUB))];
    const r = pickAssignee(input({ members, requestedStaffId: BEN, delegates: { [SUB]: person(SUB, { isWorking: false }) } }));
    expect(r.staffId).toBe(ANA);
    expect(skips(r.steps)).toEqual(["2:out_of_office", "7:outside_working_hours"]);
    expect(r.steps.at(-1)).toEqual({ code: "assigned", staffId: ANA, by: "round_robin" });
  });

  it("falls through to the policy when out of office without a delegate, or at capacity", () => {
    const noDelegate = pickAssignee(input({ members: [person(ANA), person(BEN, away())], requestedStaffId: BEN, roundRobinCursor: ANA }));
    // BEN is skipped once, although round robin meets him again after the cursor.
    expect(noDelegate.staffId).toBe(ANA);
    expect(skips(noDelegate.steps)).toEqual(["2:out_of_office"]);
    const full = pickAssignee(input({ policy: "least_load", members: [person(ANA, { capacity: 1, openLoad: 1 }), person(BEN)], requestedStaffId: ANA }));
    expect(full.staffId).toBe(BEN);
    expect(skips(full.steps)).toEqual(["1:at_capacity"]);
  });

  it("does not use a delegate for someone merely outside working hours", () => {
    const members = [person(ANA), person(BEN, { isWorking: false, outOfOffice: { from: hoursFromNow(1), until: null, delegateStaffId: SUB } })];
    const r = pickAssignee(input({ members, requestedStaffId: BEN, delegates: { [SUB]: person(SUB) } }));
    expect(r.staffId).toBe(ANA);
  });

  it("may be someone outside the department, passed among the candidates", () => {
    const r = pickAssignee(input({ requestedStaffId: SUPER, delegates: { [SUPER]: person(SUPER) } }));
    expect(r.staffId).toBe(SUPER);
  });

  it("falls through to the policy when unknown", () => {
    expect(pickAssignee(input({ requestedStaffId: DEE })).steps).toEqual([{ code: "assigned", staffId: ANA, by: "round_robin" }]);
  });
});

describe("nobody in the department", () => {
  const allAway = [person(ANA, away()), person(BEN, { isWorking: false })];

  it("goes to the department owner", () => {
    const r = pickAssignee(input({ members: allAway, departmentOwner: person(OWNER), districtOwner: person(SUPER), roundRobinCursor: BEN }));
    expect(r).toMatchObject({ staffId: OWNER, nextCursor: BEN });
    expect(r.steps.at(-1)).toEqual({ code: "assigned", staffId: OWNER, by: "department_owner" });
    expect(skips(r.steps)).toEqual(["1:out_of_office", "2:outside_working_hours"]);
  });

  it("then to the district owner", () => {
    const r = pickAssignee(
      input({ policy: "least_load", members: allAway, departmentOwner: person(OWNER, away()), districtOwner: person(SUPER), ruleId: RULE }),
    );
    expect(r.staffId).toBe(SUPER);
    expect(skips(r.steps)).toEqual(["1:out_of_office", "2:outside_working_hours", "5:out_of_office"]);
    expect(r.steps.at(-1)).toEqual({ code: "assigned", staffId: SUPER, by: "district_owner", ruleId: RULE });
  });

  it("then to triage, never silently to someone away", () => {
    const r = pickAssignee(input({ members: allAway, departmentOwner: person(OWNER, { active: false }), districtOwner: person(SUPER, { isWorking: false }) }));
    expect(r).toEqual({
      staffId: null,
      triage: true,
      steps: [
        { code: "skipped_staff", staffId: ANA, reason: "out_of_office" },
        { code: "skipped_staff", staffId: BEN, reason: "outside_working_hours" },
        { code: "skipped_staff", staffId: OWNER, reason: "inactive" },
        { code: "skipped_staff", staffId: SUPER, reason: "outside_working_hours" },
        { code: "triage", reason: "nobody_available" },
      ],
    });
  });

  it("goes to triage with no members and no owners", () => {
    expect(pickAssignee(input({ members: [] }))).toEqual({ staffId: null, triage: true, steps: [{ code: "triage", reason: "nobody_available" }] });
  });

  it("reports an owner who is also a member once", () => {
    const owner = person(ANA, away());
    const r = pickAssignee(input({ members: [owner], departmentOwner: owner, districtOwner: person(SUPER) }));
    expect(r.staffId).toBe(SUPER);
    expect(skips(r.steps)).toEqual(["1:out_of_office"]);
  });
});
