import { describe, expect, it } from "vitest";
import { generateActivity, type DemoWorld } from "./activity.js";
import { DEMO_TOPICS } from "./catalog/index.js";
import { DEMO_DEPARTMENTS, DEMO_SCHOOLS, DEMO_STAFF, type DepartmentSlug } from "./organization.js";
import { createRng } from "./rng.js";

const NOW = new Date("2025-10-15T17:30:00Z");

function world(seed: number): DemoWorld {
  const ids = createRng(7);
  const departments = Object.fromEntries(DEMO_DEPARTMENTS.map((d) => [d.slug, { id: ids.uuid(), name: d.name }])) as DemoWorld["departments"];
  return {
    rng: createRng(seed),
    now: NOW,
    timeZone: "America/Los_Angeles",
    districtId: ids.uuid(),
    prefix: "RUSD",
    firstNumber: 1001,
    schools: DEMO_SCHOOLS.map((s) => ({ id: ids.uuid(), name: s.name, level: s.level })),
    topics: DEMO_TOPICS.map((t) => ({ def: t, id: ids.uuid(), departmentId: departments[t.department as DepartmentSlug].id })),
    departments,
    staff: DEMO_STAFF.map((s) => ({ id: ids.uuid(), name: s.name, first: s.name.split(" ")[0]!, role: s.role, departments: s.departments, spanish: s.spanish ?? false })),
  };
}

// Rating token hashes are random on purpose (nobody may compute a demo rating link from the seed).
const content = (seed: number) => {
  const a = generateActivity(world(seed), 300);
  return { ...a, ratings: a.ratings.map(({ tokenHash: _, ...r }) => r) };
};

describe("the demo activity generator", () => {
  it("invents the same district from the same seed and moment", () => {
    expect(content(42)).toEqual(content(42));
  });

  it("invents a different one from another seed", () => {
    expect(content(43).messages.map((m) => m.body)).not.toEqual(content(42).messages.map((m) => m.body));
  });
});
