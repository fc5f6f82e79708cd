import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer, SMTP_CONNECTIONS } from "./mailer.js";

/** A relay on loopback that counts the connections it is given, those still open, and the messages. */
let server: SMTPServer;
let port = 0;
let opened = 0;
let open = 0;
let messages = 0;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      opened++;
      open++;
      callback();
    },
    onClose() {
      open--;
    },
    onData(stream, _session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        messages++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const mail = (i: number) => ({ from: "letstalk@district.example", to: `family${i}@example.com`, subject: `Reference ${i}`, text: "We received your message.", messageId: `<m${i}.${Date.now()}@district.example>` });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("the SMTP mailer", () => {
  it("sends one message after another over one connection, and close() ends it", async () => {
    const before = { opened, messages };
    const mailer = createMailer(`smtp://127.0.0.1:${port}`);
    for (let i = 0; i < 5; i++) expect(await mailer.send(mail(i))).toMatchObject({ ok: true });
    expect(messages - before.messages).toBe(5);
    expect(opened - before.opened).toBe(1);
    mailer.close();
    await until(() => open === 0);
    expect(open).toBe(0);
  });

  it("sends messages at once over at most SMTP_CONNECTIONS connections", async () => {
    const before = { opened, messages };
    const mailer = createMailer(`smtp://127.0.0.1:${port}`);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => mailer.send(mail(100 + i))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(messages - before.messages).toBe(12);
    expect(opened - before.opened).toBeGreaterThan(1);
    expect(opened - before.opened).toBeLessThanOrEqual(SMTP_CONNECTIONS);
    mailer.close();
    await until(() => open === 0);
    expect(open).toBe(0);
  });

  it("keeps the options SMTP_URL gives: ?pool=false opens a connection per message", async () => {
    const before = { opened, messages };
    const mailer = createMailer(`smtp://127.0.0.1:${port}/?pool=false`);
    for (let i = 0; i < 3; i++) expect(await mailer.send(mail(200 + i))).toMatchObject({ ok: true });
    expect(messages - before.messages).toBe(3);
    expect(opened - before.opened).toBe(3);
    mailer.close();
  });
});
