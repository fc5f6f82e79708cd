import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { SmtpReceiver } from "../channels/email/smtp-receiver.js";
import { channels, conversations, inboundDeliveries, messages } from "../db/schema/index.js";
import { buildDistrict, type TestDistrict } from "../test/factories.js";
import { startDovecot, type Dovecot } from "../test/dovecot.js";
import { testApp, type TestApp } from "../test/test-app.js";
import { startInboundSmtp } from "./smtp.js";

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/corpora/email-robustness/dev");
let t: TestApp;
let d: TestDistrict;
let smtp: SmtpReceiver;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { prefix: "RUSD" });
  smtp = await startInboundSmtp(t.deps, { host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

/** Python's smtplib, a real SMTP client: the message bytes go over stdin. */
async function sendSmtp(rcpt: string, raw: Buffer): Promise<number> {
  const script = `
import smtplib, sys
s = smtplib.SMTP("127.0.0.1", ${smtp.port}, local_hostname="localhost", timeout=20)
try:
    s.sendmail("sender@example.com", [${JSON.stringify(rcpt)}], sys.stdin.buffer.read())
    print(250)
except smtplib.SMTPResponseException as e:
    print(e.smtp_code)
finally:
    s.quit()
`;
  const child = spawn("python3", ["-c", script], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stdin.end(raw);
  await new Promise((r) => child.on("close", r));
  return Number(out.trim());
}

async function conversationsOf(districtId: string) {
  return t.database.db.select().from(conversations).where(eq(conversations.districtId, districtId));
}

describe("email end to end", () => {
  it("turns a family's email into a conversation, acknowledges it, and threads the reply to the acknowledgement with only the new text", async () => {
    const first = Buffer.from(
      [
        "From: Marta López <marta.lopez@example.com>",
        `To: ${d.district.fromEmail}`,
        "Subject: =?UTF-8?Q?Autob=C3=BAs_tarde?=",
        "Message-ID: <first-1@example.com>",
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Hola, el autobús 42 llegó tarde a la escuela otra vez esta mañana.",
        "",
      ].join("\r\n"),
    );
    expect(await sendSmtp(d.district.fromEmail, first)).toBe(250);
    await t.drain();
    const [conv] = (await conversationsOf(d.district.id)).filter((c) => c.subject === "Autobús tarde");
    expect(conv).toMatchObject({ channel: "email", language: "es", status: "new" });
    const ack = t.mailer.sent.find((m) => m.to === "marta.lopez@example.com");
    expect(ack?.subject).toContain(conv!.reference);

    const reply = Buffer.from(
      [
        "From: Marta López <marta.lopez@example.com>",
        `To: ${ack!.replyTo}`,
        `Subject: Re: ${ack!.subject}`,
        "Message-ID: <reply-2@example.com>",
        `In-Reply-To: ${ack!.messageId}`,
        "Content-Type: text/plain; charset=utf-8",
        "",
        "Gracias. Hoy también llegó tarde.",
        "",
        `El lun., 2 mar. 2026 a las 8:05, ${d.district.name} <${d.district.fromEmail}> escribió:`,
        "> Gracias por comunicarse con nosotros.",
        "> Su número de referencia: " + conv!.reference,
        "",
      ].join("\r\n"),
    );
    expect(await sendSmtp(d.district.fromEmail, reply)).toBe(250);
    await t.drain();
    const msgs = await t.database.db.select().from(messages).where(eq(messages.conversationId, conv!.id));
    expect(msgs).toHaveLength(2);
    const second = msgs.find((m) => m.emailMessageId === "<reply-2@example.com>");
    expect(second!.body).toBe("Gracias. Hoy también llegó tarde.");
    expect(second!.quotedText).toContain("Su número de referencia");
  });

  it("never opens a conversation for real bounces and out-of-office replies from the corpus", async () => {
    const before = (await conversationsOf(d.district.id)).length;
    for (const file of ["mailparser-delivery-status.eml", "sisimai-bsd-rfc3834-01.eml"]) {
      expect(await sendSmtp(d.district.fromEmail, fs.readFileSync(path.join(CORPUS, file)))).toBe(250);
    }
    await t.drain();
    expect((await conversationsOf(d.district.id)).length).toBe(before);
    const outcomes = (await t.database.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.districtId, d.district.id)))
      .filter((r) => r.status === "processed")
      .map((r) => (r.outcome as { kind: string }).kind);
    expect(outcomes).toEqual(expect.arrayContaining(["bounce", "auto_reply"]));
  });

  it("accepts raw MIME on the provider webhook only with the channel's secret, once per message", async () => {
    const raw = Buffer.from(`From: p@example.com\r\nTo: ${d.district.fromEmail}\r\nSubject: Webhook hello\r\nMessage-ID: <wh-1@example.com>\r\n\r\nHi there\r\n`);
    const post = (auth: string) =>
      t.app.inject({ method: "POST", url: "/webhooks/email/raw", headers: { authorization: auth, "content-type": "message/rfc822" }, payload: raw });
    expect((await post("Bearer whsec_wrong_wrong_wrong_wrong")).statusCode).toBe(401);
    const ok = await post(`Bearer ${d.webhookSecret}`);
    expect(ok.statusCode).toBe(202);
    expect(ok.json()).toEqual({ status: "accepted", duplicate: false });
    expect((await post(`Bearer ${d.webhookSecret}`)).json()).toEqual({ status: "accepted", duplicate: true });
    await t.drain();
    expect((await conversationsOf(d.district.id)).filter((c) => c.subject === "Webhook hello")).toHaveLength(1);
  });
});

describe("IMAP polling against a real Dovecot", () => {
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot([{ user: "letstalk", password: "imap-password-123" }]);
  });
  afterAll(() => dovecot.stop());

  async function append(raw: string) {
    const c = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: "letstalk", pass: "imap-password-123" }, logger: false });
    await c.connect();
    await c.append("INBOX", Buffer.from(raw));
    await c.logout();
  }
  async function poll() {
    await t.database.db.transaction((tx) => t.jobs.enqueue(tx, "poll-imap-mailboxes", {}));
    await t.drain();
  }

  it("fetches new mail once, across polls, and survives a lost cursor without duplicates", async () => {
    const imap = { host: dovecot.host, port: dovecot.port, secure: false, user: "letstalk", password: "imap-password-123", mailbox: "INBOX" };
    await t.database.db.update(channels).set({ config: { imap } }).where(eq(channels.id, d.emailChannel.id));
    const msg = (n: number) => `From: fam${n}@example.com\r\nTo: ${d.district.fromEmail}\r\nSubject: IMAP ${n}\r\nMessage-ID: <imap-${n}@example.com>\r\n\r\nBody ${n}\r\n`;
    await append(msg(1));
    await append(msg(2));
    await poll();
    const subjects = async () => (await conversationsOf(d.district.id)).map((c) => c.subject).filter((s) => s.startsWith("IMAP"));
    expect((await subjects()).sort()).toEqual(["IMAP 1", "IMAP 2"]);
    await append(msg(3));
    await poll();
    expect((await subjects()).sort()).toEqual(["IMAP 1", "IMAP 2", "IMAP 3"]);
    // A restored backup or a crash can lose the cursor: everything is fetched again, nothing is filed twice.
    await t.database.db.update(channels).set({ cursor: null }).where(eq(channels.id, d.emailChannel.id));
    await poll();
    expect((await subjects()).sort()).toEqual(["IMAP 1", "IMAP 2", "IMAP 3"]);
    const [row] = await t.database.db.select().from(channels).where(and(eq(channels.id, d.emailChannel.id)));
    expect(row!.cursor).toMatchObject({ lastUid: 3 });
  });
});
