import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../test/test-app.js";
import { reportSummary } from "../reports/index.js";
import type { Ctx } from "../shared/ctx.js";
import { changeStatus, replyToConversation } from "./index.js";

// Default calendar: America/Los_Angeles, Mon–Fri 08:00–17:00. Mon 2 Mar 2026 09:00 PST = 17:00 UTC.
let t: TestApp;
let d: TestDistrict;
let agent: TestStaff;
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await testApp({ clock: fakeClock("2026-03-02T17:00:00Z") });
  d = await buildDistrict(t, { prefix: "RUSD" });
  agent = await buildStaff(t, d.district.id, { role: "agent", departmentIds: [d.departments.transportation.id] });
});
afterAll(() => t.close());

const act = <T>(fn: (ctx: Ctx) => Promise<T>) => t.tx(d.district.id, agent.actor, fn);

describe("business minutes stamped when they happen", () => {
  it("first response and resolution, minus a pending pause and a reopened resolution, as the reports define them", async () => {
    const { conversation } = await buildInquiry(t, d); // Mon 09:00
    t.clock.advance(2 * HOUR); // Mon 11:00: first reply → 120 business minutes
    await act((ctx) => replyToConversation(ctx, conversation.id, "Which stop do you use?"));
    await act((ctx) => changeStatus(ctx, conversation.id, "pending")); // paused from Mon 11:00
    t.clock.advance(22 * HOUR); // Tue 09:00: back to open (pause Mon 11:00–Tue 09:00 = 6 + 1 = 7 h)
    await act((ctx) => changeStatus(ctx, conversation.id, "open"));
    t.clock.advance(1 * HOUR); // Tue 10:00: resolved → Mon 09–17 (8 h) + Tue 08–10 (2 h) − 7 h = 3 h
    await act((ctx) => changeStatus(ctx, conversation.id, "resolved"));
    const stamped = await t.database.db.query.conversations.findFirst({ where: (c, { eq }) => eq(c.id, conversation.id) });
    expect(stamped).toMatchObject({ firstResponseBusinessMinutes: 120, resolutionBusinessMinutes: 180 });

    // reopened Wed 09:00, resolved again Wed 12:00: the resolved pause Tue 10:00–Wed 09:00 (7 + 1 = 8 h) does not count
    t.clock.set("2026-03-04T17:00:00Z");
    await act((ctx) => changeStatus(ctx, conversation.id, "open"));
    const reopened = await t.database.db.query.conversations.findFirst({ where: (c, { eq }) => eq(c.id, conversation.id) });
    expect(reopened!.resolutionBusinessMinutes).toBeNull();
    t.clock.advance(3 * HOUR);
    await act((ctx) => changeStatus(ctx, conversation.id, "resolved"));
    const again = await t.database.db.query.conversations.findFirst({ where: (c, { eq }) => eq(c.id, conversation.id) });
    // Mon 8 + Tue 9 + Wed 08–12 4 = 21 h − pending 7 h − resolved 8 h = 6 h; the first response stays 120
    expect(again).toMatchObject({ firstResponseBusinessMinutes: 120, resolutionBusinessMinutes: 360 });

    // the summary takes the stamped minutes (SQL medians): the same figures as the timeline gives
    const s = await reportSummary(t.ctx(d.district.id), { from: "2026-03-02", to: "2026-03-03" });
    expect(s.firstResponseMedianBusinessHours).toBe(2);
    expect(s.resolutionMedianBusinessHours).toBe(6);
    expect(s.resolutionMedianHours).toBe(51); // Mon 09:00 → Wed 12:00 wall clock
  });
});
