import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCountingRelay, type CountingRelay } from "../../test/smtp-relay.js";
import { createMailer, SMTP_CONNECTIONS } from "./mailer.js";

let relay: CountingRelay;

beforeAll(async () => {
  relay = await startCountingRelay();
});
afterAll(() => relay.close());

const mail = (i: number) => ({ from: "letstalk@district.example", to: `family${i}@example.com`, subject: `Reference ${i}`, text: "We received your message.", messageId: `<m${i}.${Date.now()}@district.example>` });

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe("the SMTP mailer", () => {
  it("sends one message after another over one connection, and close() ends it", async () => {
    const before = relay.counts();
    const mailer = createMailer(`smtp://127.0.0.1:${relay.port}`);
    for (let i = 0; i < 5; i++) expect(await mailer.send(mail(i))).toMatchObject({ ok: true });
    expect(relay.counts().messages - before.messages).toBe(5);
    expect(relay.counts().opened - before.opened).toBe(1);
    mailer.close();
    await until(() => relay.counts().open === 0);
    expect(relay.counts().open).toBe(0);
  });

  it("sends messages at once over at most SMTP_CONNECTIONS connections", async () => {
    const before = relay.counts();
    const mailer = createMailer(`smtp://127.0.0.1:${relay.port}`);
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => mailer.send(mail(100 + i))));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(relay.counts().messages - before.messages).toBe(12);
    expect(relay.counts().opened - before.opened).toBeGreaterThan(1);
    expect(relay.counts().opened - before.opened).toBeLessThanOrEqual(SMTP_CONNECTIONS);
    mailer.close();
    await until(() => relay.counts().open === 0);
    expect(relay.counts().open).toBe(0);
  });

  it("keeps the options SMTP_URL gives: ?pool=false opens a connection per message", async () => {
    const before = relay.counts();
    const mailer = createMailer(`smtp://127.0.0.1:${relay.port}/?pool=false`);
    for (let i = 0; i < 3; i++) expect(await mailer.send(mail(200 + i))).toMatchObject({ ok: true });
    expect(relay.counts().messages - before.messages).toBe(3);
    expect(relay.counts().opened - before.opened).toBe(3);
    mailer.close();
  });
});
