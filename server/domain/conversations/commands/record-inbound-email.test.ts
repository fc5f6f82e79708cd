import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { contactIdentities, conversationParticipants, conversations, events, messages, outboundEmails } from "../../../db/schema/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict } from "../../../test/factories.js";
import { testApp, type TestApp } from "../../../test/test-app.js";
import { replyToConversation } from "../index.js";
import { recordInboundEmail, type InboundEmail, type InboundEmailOutcome } from "./record-inbound-email.js";

let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;
let n = 0;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "RUSD" });
  other = await buildDistrict(t, { prefix: "OUSD" });
});
afterAll(() => t.close());
let parent = "parent@example.com";
beforeEach(() => {
  parent = `parent${n}@example.com`;
});

function email(over: Partial<InboundEmail> = {}): InboundEmail {
  n++;
  return {
    messageId: `<m${n}-${Date.now()}@mail.example>`,
    inReplyTo: null,
    references: [],
    from: { address: parent, name: "Pat Parent" },
    to: [d.district.fromEmail],
    cc: [],
    subject: "Question about lunch",
    visibleText: "Hello, what is on the lunch menu this week?",
    quotedText: null,
    html: null,
    attachments: [],
    automatic: null,
    ...over,
  };
}

const ingest = (e: InboundEmail, district = d) =>
  t.tx(district.district.id, { kind: "system", reason: "inbound" }, (ctx) => recordInboundEmail(ctx, e));

function recorded(o: InboundEmailOutcome) {
  if (o.kind !== "recorded") throw new Error(`expected recorded, got ${o.kind}`);
  return o;
}

async function latestOutbound(conversationId: string) {
  await t.drain();
  const rows = await t.database.db.select().from(outboundEmails).where(eq(outboundEmails.conversationId, conversationId));
  const latest = rows.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  if (!latest) throw new Error("no email was sent on this conversation");
  return latest;
}

describe("recordInboundEmail threading", () => {
  it("opens a conversation for a new email, acknowledges it, and stores the Spanish guess", async () => {
    const o = recorded(await ingest(email({ subject: "Pregunta", visibleText: "Hola, ¿cuál es el menú del almuerzo de mi hijo esta semana?" })));
    expect(o.created).toBe(true);
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.id, o.conversationId));
    expect(conv).toMatchObject({ channel: "email", language: "es", status: "new" });
    const ack = await latestOutbound(o.conversationId);
    expect(ack.purpose).toBe("acknowledgement");
    expect(ack.replyTo).toMatch(/^letstalk\+[A-Za-z0-9_-]{22}\./);
  });

  it("threads a reply to the acknowledgement through the signed reply address", async () => {
    const first = recorded(await ingest(email()));
    const ack = await latestOutbound(first.conversationId);
    const reply = recorded(await ingest(email({ to: [ack.replyTo!], subject: `Re: ${ack.subject}`, visibleText: "Also, is there a vegetarian option?" })));
    expect(reply).toMatchObject({ created: false, conversationId: first.conversationId, threadedBy: "reply_token" });
  });

  it("threads by In-Reply-To when the reply comes to the plain address", async () => {
    const first = recorded(await ingest(email()));
    const ack = await latestOutbound(first.conversationId);
    const reply = recorded(await ingest(email({ inReplyTo: ack.headerMessageId, references: [ack.headerMessageId], subject: "Re: whatever" })));
    expect(reply).toMatchObject({ conversationId: first.conversationId, threadedBy: "in_reply_to" });
  });

  it("keeps a long thread whose subject changed, by References", async () => {
    const first = recorded(await ingest(email()));
    const second = email({ subject: "totally new subject line" });
    const o2 = recorded(await ingest({ ...second, references: [email().messageId!, (await latestOutbound(first.conversationId)).headerMessageId] }));
    expect(o2.conversationId).toBe(first.conversationId);
  });

  it("records a staff member answering from their own mail client as a sent reply, not a new case", async () => {
    const agent = await buildStaff(t, d.district.id, { role: "agent", email: `agent${n}@district.test`, name: "Dana Reyes" });
    const first = recorded(await ingest(email()));
    const ack = await latestOutbound(first.conversationId);
    const o = recorded(
      await ingest(email({ from: { address: agent.staff.email, name: "Dana" }, to: [parent], cc: [ack.replyTo!], visibleText: "Vegetarian every day." })),
    );
    expect(o).toMatchObject({ conversationId: first.conversationId, asStaff: true });
    const [m] = await t.database.db.select().from(messages).where(eq(messages.id, o.messageId));
    expect(m).toMatchObject({ direction: "outbound", deliveryStatus: "sent", authorStaffId: agent.staff.id });
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.id, first.conversationId));
    expect(conv!.firstResponseAt).not.toBeNull();
  });

  it("makes CC'd people participants on reply-all, and their replies join the same conversation", async () => {
    const first = recorded(await ingest(email({ cc: ["spouse@example.com", d.district.fromEmail] })));
    const parts = await t.database.db.select().from(conversationParticipants).where(eq(conversationParticipants.conversationId, first.conversationId));
    expect(parts).toHaveLength(1);
    const ack = await latestOutbound(first.conversationId);
    const spouse = recorded(await ingest(email({ from: { address: "Spouse@Example.com", name: "Sam" }, inReplyTo: ack.headerMessageId })));
    expect(spouse).toMatchObject({ conversationId: first.conversationId, created: false });
  });

  it("uses the subject reference tag only for someone already on the conversation", async () => {
    const first = recorded(await ingest(email({ from: { address: "owner@example.com", name: null } })));
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.id, first.conversationId));
    const own = recorded(await ingest(email({ from: { address: "owner@example.com", name: null }, subject: `Re: [${conv!.reference}] lunch` })));
    expect(own).toMatchObject({ conversationId: conv!.id, threadedBy: "subject_reference" });
    const stranger = recorded(await ingest(email({ from: { address: "stranger@example.com", name: null }, subject: `Fwd: [${conv!.reference}] lunch` })));
    expect(stranger.created).toBe(true);
    expect(stranger.conversationId).not.toBe(conv!.id);
  });

  it("never threads into another district's conversation, even with its reply address", async () => {
    const foreign = recorded(await ingest(email(), other));
    const ack = await latestOutbound(foreign.conversationId);
    const o = recorded(await ingest(email({ to: [ack.replyTo!], inReplyTo: ack.headerMessageId, subject: "Re: hi" })));
    expect(o.created).toBe(true);
  });

  it("drops an exact duplicate Message-ID", async () => {
    const e = email();
    const first = recorded(await ingest(e));
    expect(await ingest(e)).toEqual({ kind: "duplicate", conversationId: first.conversationId });
  });

  it("reopens a resolved conversation when the family writes again", async () => {
    const admin = await buildStaff(t, d.district.id, { role: "admin" });
    const { conversation, statusUrl } = await buildInquiry(t, d, { email: "reopen@example.com" });
    expect(statusUrl).toBeTruthy();
    await t.tx(d.district.id, admin.actor, (c) => replyToConversation(c, conversation.id, "Done"));
    await t.database.db.update(conversations).set({ status: "resolved" }).where(eq(conversations.id, conversation.id));
    const reply = await latestOutbound(conversation.id);
    recorded(await ingest(email({ from: { address: "reopen@example.com", name: null }, inReplyTo: reply.headerMessageId })));
    const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(conv!.status).toBe("open");
  });
});

describe("recordInboundEmail automatic mail", () => {
  it("marks the original reply failed and flags the address on a bounce, without opening a conversation", async () => {
    const admin = await buildStaff(t, d.district.id, { role: "admin" });
    const { conversation } = await buildInquiry(t, d, { email: "gone@example.com" });
    const msg = await t.tx(d.district.id, admin.actor, (c) => replyToConversation(c, conversation.id, "Answer"));
    const reply = await latestOutbound(conversation.id);
    const before = (await t.database.db.select().from(conversations).where(eq(conversations.districtId, d.district.id))).length;
    const o = await ingest(
      email({
        from: { address: "MAILER-DAEMON@mx.example.com", name: null },
        automatic: { kind: "bounce", originalMessageId: reply.headerMessageId, recipients: ["gone@example.com"], permanent: true, status: "5.1.1", reason: "user unknown" },
      }),
    );
    expect(o).toMatchObject({ kind: "bounce", conversationId: conversation.id });
    const after = (await t.database.db.select().from(conversations).where(eq(conversations.districtId, d.district.id))).length;
    expect(after).toBe(before);
    const [m] = await t.database.db.select().from(messages).where(eq(messages.id, msg.id));
    expect(m).toMatchObject({ deliveryStatus: "failed" });
    const [identity] = await t.database.db
      .select()
      .from(contactIdentities)
      .where(and(eq(contactIdentities.districtId, d.district.id), eq(contactIdentities.value, "gone@example.com")));
    expect(identity!.bouncing).toBe(true);
  });

  it("notes an out-of-office on its conversation and never acknowledges it", async () => {
    const first = recorded(await ingest(email({ from: { address: "ooo@example.com", name: null } })));
    const ack = await latestOutbound(first.conversationId);
    const sentBefore = t.mailer.sent.length;
    const o = await ingest(email({ from: { address: "ooo@example.com", name: null }, inReplyTo: ack.headerMessageId, automatic: { kind: "auto_reply", reason: "Auto-Submitted: auto-replied" } }));
    expect(o).toEqual({ kind: "auto_reply", conversationId: first.conversationId });
    await t.drain();
    expect(t.mailer.sent.length).toBe(sentBefore);
    const evs = await t.database.db.select().from(events).where(and(eq(events.conversationId, first.conversationId), eq(events.type, "email.auto_reply_received")));
    expect(evs).toHaveLength(1);
  });

  it("acknowledges a sender at most three times an hour (mail-loop protection)", async () => {
    for (let i = 0; i < 5; i++) await ingest(email({ from: { address: "loop@example.com", name: null }, subject: `loop ${i}` }));
    await t.drain();
    expect(t.mailer.sent.filter((m) => m.to === "loop@example.com")).toHaveLength(3);
  });

  it("ignores mail from the district's own addresses", async () => {
    expect(await ingest(email({ from: { address: d.district.fromEmail, name: null } }))).toMatchObject({ kind: "ignored" });
  });
});
