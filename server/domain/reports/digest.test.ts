import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, outboundEmails, staff } from "../../db/schema/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../../test/factories.js";
import { fakeClock, testApp, type TestApp } from "../../test/test-app.js";

// Monday 9 March 2026 07:10 in Los Angeles (PDT since 8 March: UTC−7) = 14:10 UTC: the digest covers Mon 2 – Sun 8 March.
let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;
let admin: TestStaff;
let viewer: TestStaff;
let quiet: TestStaff;

/** Staff emails only (the families' acknowledgements are in the outbox too). */
const to = (d2: TestDistrict) => t.database.db.select().from(outboundEmails).where(and(eq(outboundEmails.districtId, d2.district.id), eq(outboundEmails.purpose, "staff")));

beforeAll(async () => {
  t = await testApp({ clock: fakeClock("2026-03-09T14:10:00Z") });
  d = await buildDistrict(t, { prefix: "RUSD" });
  other = await buildDistrict(t, { prefix: "OUSD" });
  admin = await buildStaff(t, d.district.id, { role: "admin", email: "superintendent@riverside.example" });
  await buildStaff(t, d.district.id, { role: "supervisor", email: "transport.lead@riverside.example", departmentIds: [d.departments.transportation.id] });
  viewer = await buildStaff(t, d.district.id, { role: "viewer", email: "board.member@riverside.example" });
  quiet = await buildStaff(t, d.district.id, { role: "viewer", email: "quiet@riverside.example" });
  await t.database.db.update(staff).set({ notifyEmail: "off" }).where(eq(staff.id, quiet.staff.id));
  await buildStaff(t, d.district.id, { role: "agent", email: "agent@riverside.example" });
  const service = await buildStaff(t, d.district.id, { role: "admin", email: "integration@riverside.example" });
  await t.database.db.update(staff).set({ isService: true }).where(eq(staff.id, service.staff.id));
  // three conversations last week (one answered in 2 h), one the week before, none of the other district's count
  const at = async (dd: TestDistrict, created: string, answered?: string) => {
    const { conversation } = await buildInquiry(t, dd, { message: "Bus 42 skipped the Elm Street stop, my phone is 555-0100." });
    await t.database.db
      .update(conversations)
      .set({ createdAt: new Date(created), firstResponseAt: answered ? new Date(answered) : null })
      .where(eq(conversations.id, conversation.id));
  };
  await at(d, "2026-03-03T17:00:00Z", "2026-03-03T19:00:00Z");
  await at(d, "2026-03-04T17:00:00Z");
  await at(d, "2026-03-06T17:00:00Z");
  await at(d, "2026-02-25T17:00:00Z");
  await at(other, "2026-03-04T17:00:00Z");
});
afterAll(() => t.close());

describe("weekly leader digest", () => {
  it("queues last week's headline figures to admins, supervisors and viewers, once", async () => {
    await t.jobs.enqueue(t.database.db, "leader-digest", {});
    await t.drain();
    const sent = await to(d);
    expect(sent.map((e) => e.toAddress).sort()).toEqual(["board.member@riverside.example", "superintendent@riverside.example", "transport.lead@riverside.example"]);
    const mail = sent.find((e) => e.toAddress === viewer.staff.email)!;
    expect(mail.subject).toBe("Front Office weekly: 3 conversations, 100 % answered within the standard (2026-03-02 to 2026-03-08)");
    expect(mail.textBody).toContain("Conversations: 3 (up 200 % from the week before)");
    expect(mail.textBody).toContain("/app/reports?from=2026-03-02&to=2026-03-09");
    expect(mail.textBody).toContain("/app/reports/board?from=2026-03-02&to=2026-03-09");
    // figures only: never the family's words or contact details
    for (const part of [mail.subject, mail.textBody, mail.htmlBody ?? ""]) {
      expect(part).not.toMatch(/Elm Street|555-0100|ana\.garcia/);
    }
    expect(mail.htmlBody).toContain("<th scope=\"col\"");
    expect(await to(other)).toHaveLength(0); // the other district's leaders: none set up, nothing sent

    // the hourly job runs again (or is retried): nothing twice
    await t.jobs.enqueue(t.database.db, "leader-digest", { districtId: d.district.id });
    await t.drain();
    expect(await to(d)).toHaveLength(3);
    expect(sent.some((e) => e.toAddress === quiet.staff.email || e.toAddress === admin.staff.email.replace("superintendent", "integration"))).toBe(false);
  });

  it("the hourly run sends only where it is Monday 7 in the morning", async () => {
    t.clock.set("2026-03-10T14:10:00Z"); // Tuesday 07:10 local
    const before = (await to(other)).length;
    await buildStaff(t, other.district.id, { role: "admin", email: "lead@other.example" });
    await t.jobs.enqueue(t.database.db, "leader-digest", {});
    await t.drain();
    expect(await to(other)).toHaveLength(before);
    t.clock.set("2026-03-16T14:10:00Z"); // the next Monday 07:10
    await t.jobs.enqueue(t.database.db, "leader-digest", {});
    await t.drain();
    const mails = await t.database.db
      .select()
      .from(outboundEmails)
      .where(and(eq(outboundEmails.districtId, other.district.id), eq(outboundEmails.toAddress, "lead@other.example")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("(2026-03-09 to 2026-03-15)");
  });
});
