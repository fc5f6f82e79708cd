import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { conversations, events, outboundEmails, ratings } from "../../../db/schema/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";
import { findRatingByToken, submitRating } from "../../ratings/index.js";
import { addContactMessage, addNote, assignConversation, changeStatus, findConversationByStatusToken, replyToConversation } from "../index.js";

let t: TestApp;
let d: TestDistrict;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "RUSD" });
});
afterAll(() => t.close());

describe("the core loop in the domain", () => {
  it("numbers conversations per district and acknowledges by email with a private link", async () => {
    const a = await buildInquiry(t, d);
    const b = await buildInquiry(t, d);
    expect(a.reference).toMatch(/^RUSD-\d+$/);
    expect(Number(b.reference.split("-")[1])).toBe(Number(a.reference.split("-")[1]) + 1);
    expect(a.conversation.departmentId).toBe(d.departments.transportation.id);
    expect(a.conversation.schoolId).toBe(d.schools[0]!.id);
    await t.drain();
    const sent = t.mailer.sent.filter((m) => m.subject.includes(a.reference));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.to).toBe("ana.garcia@example.com");
    expect(sent[0]!.text).toContain(a.statusUrl);
    expect(sent[0]!.text).toContain("within 1 business day");
    const [row] = await t.database.db.select().from(outboundEmails).where(eq(outboundEmails.conversationId, a.conversation.id));
    expect(row!.status).toBe("sent");
  });

  it("resolves a private link only with a valid signature", async () => {
    const a = await buildInquiry(t, d);
    const token = a.statusUrl.split("/c/")[1]!;
    const ctx = t.ctx(d.district.id);
    expect((await findConversationByStatusToken(ctx, d.district, token))?.id).toBe(a.conversation.id);
    const forged = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    expect(await findConversationByStatusToken(ctx, d.district, forged)).toBeUndefined();
  });

  it("replies, reopens on the family's answer, resolves and takes one rating", async () => {
    const agent = await buildStaff(t, d.district.id, { departmentIds: [d.departments.transportation.id], name: "Dana Reyes" });
    const { conversation } = await buildInquiry(t, d);
    await t.tx(d.district.id, agent.actor, (ctx) => assignConversation(ctx, conversation.id, { staffId: agent.staff.id }));
    await t.tx(d.district.id, agent.actor, (ctx) => replyToConversation(ctx, conversation.id, "We spoke to the driver."));
    await t.tx(d.district.id, agent.actor, (ctx) => addNote(ctx, conversation.id, "Asked @maria to check the GPS"));
    await t.tx(d.district.id, agent.actor, (ctx) => changeStatus(ctx, conversation.id, "pending"));
    await t.tx(d.district.id, { kind: "contact", contactId: conversation.contactId }, (ctx) =>
      addContactMessage(ctx, conversation.id, { body: "Thank you, it was on time today.", channel: "web_form" }),
    );
    let [row] = await t.database.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row!.status).toBe("open");
    expect(row!.firstResponseAt).not.toBeNull();
    await t.tx(d.district.id, agent.actor, (ctx) => changeStatus(ctx, conversation.id, "resolved"));
    await t.drain();
    const reply = t.mailer.sent.find((m) => m.subject.includes(conversation.reference) && m.text.includes("We spoke to the driver."));
    expect(reply?.text).toContain("Dana Reyes");
    expect(reply?.inReplyTo).toBeTruthy();
    const survey = t.mailer.sent.find((m) => m.subject.includes(conversation.reference) && m.subject.includes("How did we do"));
    const token = survey!.text.match(/\/rate\/([A-Za-z0-9_-]+)/)![1]!;
    const ctx = t.ctx(d.district.id);
    expect((await findRatingByToken(ctx, token))?.conversation.id).toBe(conversation.id);
    await t.tx(d.district.id, { kind: "contact", contactId: null }, (c) => submitRating(c, token, { accuracy: 9, timeliness: 7, courtesy: 10, comment: "Quick" }));
    await expect(
      t.tx(d.district.id, { kind: "contact", contactId: null }, (c) => submitRating(c, token, { accuracy: 1, timeliness: 1, courtesy: 1 })),
    ).rejects.toMatchObject({ code: "conflict" });
    const [r] = await t.database.db.select().from(ratings).where(eq(ratings.conversationId, conversation.id));
    expect(r).toMatchObject({ accuracy: 9, timeliness: 7, courtesy: 10 });
    const types = (await t.database.db.select().from(events).where(eq(events.conversationId, conversation.id))).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(["conversation.created", "conversation.assigned", "message.sent", "note.added", "conversation.resolved", "rating.submitted", "email.sent"]),
    );
    [row] = await t.database.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(row!.status).toBe("resolved");
  });

  it("never lets a recorder reply, and hides other departments' work from an agent", async () => {
    const recorder = await buildStaff(t, d.district.id, { role: "recorder", departmentIds: [d.departments.transportation.id] });
    const outsider = await buildStaff(t, d.district.id, { departmentIds: [d.departments.nutrition.id] });
    const { conversation } = await buildInquiry(t, d);
    await expect(t.tx(d.district.id, recorder.actor, (c) => replyToConversation(c, conversation.id, "hi"))).rejects.toMatchObject({ code: "forbidden" });
    await t.tx(d.district.id, recorder.actor, (c) => addNote(c, conversation.id, "Caller phoned about the same bus"));
    await expect(t.tx(d.district.id, outsider.actor, (c) => addNote(c, conversation.id, "x"))).rejects.toMatchObject({ code: "not_found" });
  });

  it("keeps a failed delivery visible on the message", async () => {
    const agent = await buildStaff(t, d.district.id, { role: "admin" });
    const { conversation } = await buildInquiry(t, d);
    await t.drain();
    t.mailer.failWith = { permanent: true, reason: "550 mailbox unavailable" };
    const msg = await t.tx(d.district.id, agent.actor, (c) => replyToConversation(c, conversation.id, "Hello"));
    await t.drain();
    t.mailer.failWith = null;
    const detail = await t.database.db.query.messages.findFirst({ where: (m, { eq }) => eq(m.id, msg.id) });
    expect(detail).toMatchObject({ deliveryStatus: "failed", deliveryError: "550 mailbox unavailable" });
  });
});
