import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staff } from "../../../db/schema/index.js";
import { createStaff } from "../../../domain/staff/index.js";
import { bearer, buildDistrict, buildStaff, type TestDistrict, type TestStaff } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";
import type { Meta } from "./routes.js";

let t: TestApp;
let a: TestDistrict;
let b: TestDistrict;
let agent: TestStaff;
let otherAgent: TestStaff;

beforeAll(async () => {
  t = await testApp();
  a = await buildDistrict(t);
  b = await buildDistrict(t);
  agent = await buildStaff(t, a.district.id, { name: "Dana Reyes", departmentIds: [a.departments.transportation.id, a.departments.nutrition.id] });
  otherAgent = await buildStaff(t, b.district.id, { name: "Sam Other" });
});
afterAll(() => t.close());

describe("GET /api/meta", () => {
  it("lists the district's departments, topics (private ones too), categories, schools and assignable staff", async () => {
    await buildStaff(t, a.district.id, { role: "viewer", name: "Vera Viewer" });
    const leaver = await buildStaff(t, a.district.id, { name: "Lee Leaver" });
    await t.database.db.update(staff).set({ active: false }).where(eq(staff.id, leaver.staff.id));
    await createStaff({ db: t.database.db, districtId: a.district.id }, { email: "robot@district.test", name: "Import Robot", role: "agent", isService: true });
    const recorder = await buildStaff(t, a.district.id, { role: "recorder", name: "Rita Recorder" });

    const res = await t.app.inject({ method: "GET", url: "/api/meta", headers: bearer(agent) });
    expect(res.statusCode).toBe(200);
    const meta = res.json<Meta>();
    expect(meta.departments).toEqual([
      { id: a.departments.nutrition.id, name: "Nutrition Services" },
      { id: a.departments.transportation.id, name: "Transportation" },
    ]);
    expect(meta.topics.map((x) => x.slug)).toEqual(["general-question", "bus-concern", "safety-tip"]);
    expect(meta.topics[1]).toEqual({
      id: a.topics.bus.id,
      slug: "bus-concern",
      name: { en: "Bus concern", es: "Problema con el autobús" },
      departmentId: a.departments.transportation.id,
      categoryId: a.topics.bus.categoryId,
    });
    expect(meta.categories).toEqual([{ id: a.topics.bus.categoryId, slug: "general", name: { en: "General", es: "General" } }]);
    expect(meta.schools.map((s) => s.name)).toEqual(["Oak Elementary", "River High School"]);
    expect(meta.staff.map((s) => s.name)).toEqual(["Dana Reyes", "Rita Recorder"]);
    expect(meta.staff[0]!.departmentIds.sort()).toEqual([a.departments.nutrition.id, a.departments.transportation.id].sort());
    expect(meta.staff[1]).toEqual({ id: recorder.staff.id, name: "Rita Recorder", role: "recorder", departmentIds: [] });
  });

  it("shows another district only its own organisation", async () => {
    const meta = (await t.app.inject({ method: "GET", url: "/api/meta", headers: bearer(otherAgent) })).json<Meta>();
    expect(meta.departments.map((d) => d.id).sort()).toEqual([b.departments.nutrition.id, b.departments.transportation.id].sort());
    expect(meta.topics.every((x) => Object.values(b.topics).some((bt) => bt.id === x.id))).toBe(true);
    expect(meta.staff.map((s) => s.id)).toEqual([otherAgent.staff.id]);
  });

  it("answers 401 without credentials", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/meta" });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: "unauthenticated" });
  });
});
