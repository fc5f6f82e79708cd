import { generateKeyPairSync } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createMailer } from "../../channels/email/mailer.js";
import { startSmtpReceiver, type ReceivedEmail, type SmtpReceiver } from "../../channels/email/smtp-receiver.js";
import { channels, outboundEmails } from "../../db/schema/index.js";
import { createLogger } from "../../lib/logger.js";
import { buildDistrict, buildInquiry, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";
import { deliverEmailJob } from "./deliver-email.js";

let t: TestApp;
let d: TestDistrict;
let smtp: SmtpReceiver;
const received: ReceivedEmail[] = [];
let refuse = false;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
  // A real SMTP server on loopback stands in for the district's relay.
  smtp = await startSmtpReceiver({
    host: "127.0.0.1",
    port: 0,
    maxSize: 5_000_000,
    acceptsRecipient: async () => !refuse,
    onMessage: async (m) => void received.push(m),
  });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

async function deliver(emailId: string) {
  const mailer = createMailer(`smtp://127.0.0.1:${smtp.port}`);
  try {
    await deliverEmailJob.handler(
      { database: t.database, publicUrl: "http://frontoffice.test", mailer, enqueue: t.jobs.enqueue },
      { districtId: d.district.id, emailId },
      { id: "test", log: createLogger("silent") },
    );
  } finally {
    mailer.close();
  }
  const [row] = await t.database.db.select().from(outboundEmails).where(eq(outboundEmails.id, emailId));
  return row!;
}

async function ackFor(conversationId: string) {
  const [row] = await t.database.db
    .select()
    .from(outboundEmails)
    .where(and(eq(outboundEmails.conversationId, conversationId), eq(outboundEmails.purpose, "acknowledgement")));
  return row!;
}

describe("deliver-email over SMTP", () => {
  it("sends a threaded plain-text and HTML email, DKIM-signed with the district's key", async () => {
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const dkim = { domainName: d.district.replyDomain, keySelector: "fo2026", privateKey: privateKey.export({ type: "pkcs1", format: "pem" }).toString() };
    await t.database.db.update(channels).set({ config: { dkim } }).where(eq(channels.id, d.emailChannel.id));
    const { conversation } = await buildInquiry(t, d, { email: "signed@example.com" });
    const ack = await ackFor(conversation.id);
    const row = await deliver(ack.id);
    expect(row).toMatchObject({ status: "sent", transport: "smtp", attempts: 1 });
    const raw = received.at(-1)!.raw.toString();
    expect(received.at(-1)!.recipients).toEqual(["signed@example.com"]);
    const signature = /DKIM-Signature:([^\r\n]*(\r?\n[ \t][^\r\n]*)*)/.exec(raw)?.[1]?.replace(/\s+/g, " ") ?? "";
    expect(signature).toContain("a=rsa-sha256");
    expect(signature).toContain(`d=${d.district.replyDomain};`);
    expect(signature).toContain("s=fo2026;");
    expect(signature).toMatch(/h=from:reply-to:subject:date:message-id:to/);
    expect(raw).toContain(`Message-ID: ${ack.headerMessageId}`);
    expect(raw).toMatch(/Content-Type: text\/plain/);
    expect(raw).toMatch(/Content-Type: text\/html/);
    expect(raw).toContain(`[${conversation.reference}]`);
  });

  it("marks the email failed with the server's reason when the relay refuses it permanently", async () => {
    const { conversation } = await buildInquiry(t, d, { email: "refused@example.com" });
    const ack = await ackFor(conversation.id);
    refuse = true;
    try {
      const row = await deliver(ack.id);
      expect(row.status).toBe("failed");
      expect(row.lastError).toMatch(/550|recipient/i);
    } finally {
      refuse = false;
    }
  });
});
