import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { SmtpReceiver } from "../channels/email/smtp-receiver.js";
import { inboundDeliveries } from "../db/schema/index.js";
import { buildDistrict, type TestDistrict } from "../test/factories.js";
import { testApp, type TestApp } from "../test/test-app.js";
import { startInboundSmtp } from "./smtp.js";

let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;
let smtp: SmtpReceiver;

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
  other = await buildDistrict(t);
  smtp = await startInboundSmtp(t.deps, { host: "127.0.0.1", port: 0, maxSize: 200_000 });
});
afterAll(async () => {
  await smtp.close();
  await t.close();
});

/** Sends with Python's smtplib: a real SMTP client, not our own code. Returns the server's reply code. */
async function send(rcpt: string[], raw: string): Promise<{ code: number; message: string }> {
  const script = `
import smtplib, sys, json
raw = sys.stdin.buffer.read()
s = smtplib.SMTP("127.0.0.1", ${smtp.port}, local_hostname="localhost", timeout=20)
try:
    refused = s.sendmail("sender@example.com", ${JSON.stringify(rcpt)}, raw)
    print(json.dumps({"code": 250, "message": "ok"}))
except smtplib.SMTPRecipientsRefused as e:
    code, msg = list(e.recipients.values())[0]
    print(json.dumps({"code": code, "message": msg.decode()}))
except smtplib.SMTPResponseException as e:
    print(json.dumps({"code": e.smtp_code, "message": e.smtp_error.decode()}))
finally:
    try: s.quit()
    except Exception: pass
`;
  const child = spawn("python3", ["-c", script], { stdio: ["pipe", "pipe", "inherit"] });
  let stdout = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stdin.end(Buffer.from(raw, "utf8"));
  await new Promise((resolve) => child.on("close", resolve));
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as { code: number; message: string };
}

const message = (id: string, to: string) =>
  `From: Pat <pat@example.com>\r\nTo: ${to}\r\nSubject: Bus 12\r\nMessage-ID: <${id}@example.com>\r\nDate: Mon, 2 Mar 2026 08:00:00 -0800\r\n\r\nThe bus was late.\r\n`;

async function deliveries(districtId: string) {
  return t.database.db.select().from(inboundDeliveries).where(eq(inboundDeliveries.districtId, districtId));
}

describe("the built-in SMTP receiver", () => {
  it("answers 250 only after the raw message is stored, with its ingestion queued", async () => {
    const r = await send([d.district.fromEmail], message("a1", d.district.fromEmail));
    expect(r.code).toBe(250);
    const rows = await deliveries(d.district.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ providerMessageId: "<a1@example.com>", source: "smtp", status: "pending" });
    expect(rows[0]!.raw.toString()).toContain("The bus was late.");
  });

  it("accepts plus-addressed reply addresses of a district", async () => {
    const [local, domain] = d.district.fromEmail.split("@");
    expect((await send([`${local}+sometoken@${domain}`], message("a2", d.district.fromEmail))).code).toBe(250);
  });

  it("stores a retried delivery of the same Message-ID once", async () => {
    await send([d.district.fromEmail], message("dup", d.district.fromEmail));
    await send([d.district.fromEmail], message("dup", d.district.fromEmail));
    const rows = (await deliveries(d.district.id)).filter((r) => r.providerMessageId === "<dup@example.com>");
    expect(rows).toHaveLength(1);
  });

  it("files a message to two districts' addresses under each district separately", async () => {
    const r = await send([d.district.fromEmail, other.district.fromEmail], message("both", d.district.fromEmail));
    expect(r.code).toBe(250);
    expect((await deliveries(other.district.id)).map((x) => x.providerMessageId)).toContain("<both@example.com>");
  });

  it("refuses unknown recipients with 550 and oversized messages with 552", async () => {
    expect((await send(["nobody@elsewhere.example"], message("x", "nobody@elsewhere.example"))).code).toBe(550);
    const big = message("big", d.district.fromEmail) + "x".repeat(250_000) + "\r\n";
    expect((await send([d.district.fromEmail], big)).code).toBe(552);
    expect((await deliveries(d.district.id)).some((x) => x.providerMessageId === "<big@example.com>")).toBe(false);
  });
});
