import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, buildInquiry, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";
import { linkify } from "./outbox.js";

let t: TestApp;
let d: TestDistrict;

beforeAll(async () => {
  t = await testApp({ devOutbox: true });
  d = await buildDistrict(t);
});
afterAll(() => t.close());

describe("GET /dev/outbox (the development mail sink)", () => {
  it("lists the latest emails newest first, and shows each one with its links clickable on this host", async () => {
    await buildInquiry(t, d, { email: "first.parent@example.com" });
    t.clock.advance(60_000);
    const second = await buildInquiry(t, d, { email: "second.parent@example.com" });
    await t.drain();

    const list = await t.app.inject({ url: "/dev/outbox" });
    expect(list.statusCode).toBe(200);
    expect(list.headers["cache-control"]).toBe("no-store");
    const firstAt = list.body.indexOf("first.parent@example.com");
    const secondAt = list.body.indexOf("second.parent@example.com");
    expect(secondAt).toBeGreaterThan(-1);
    expect(firstAt).toBeGreaterThan(secondAt);
    expect(list.body).toMatch(/<td>sent<\/td>/);

    const href = new RegExp(`<a href="(/dev/outbox/[0-9a-f-]{36})">\\[${second.reference}\\]`).exec(list.body)![1]!;
    const email = await t.app.inject({ url: href });
    expect(email.statusCode).toBe(200);
    expect(email.body).toContain(`We received your message`);
    const statusPath = new URL(second.statusUrl).pathname;
    expect(email.body).toContain(`<a href="${statusPath}">${second.statusUrl}</a>`);
    // The link works: it opens the family's private page.
    expect((await t.app.inject({ url: statusPath })).statusCode).toBe(200);
  });

  it("answers an unknown email with 404", async () => {
    expect((await t.app.inject({ url: "/dev/outbox/00000000-0000-0000-0000-000000000000" })).statusCode).toBe(404);
    expect((await t.app.inject({ url: "/dev/outbox/nope" })).statusCode).toBe(404);
  });

  it("escapes the email text while linking URLs, and leaves other sites' links absolute", () => {
    const out = linkify("Hi <b>you</b>, see https://frontoffice.test/d/x/c/abc. Or https://example.com/?a=1&b=2", "https://frontoffice.test").value;
    expect(out).toBe(
      'Hi &lt;b&gt;you&lt;/b&gt;, see <a href="/d/x/c/abc">https://frontoffice.test/d/x/c/abc</a>. Or <a href="https://example.com/?a=1&amp;b=2">https://example.com/?a=1&amp;b=2</a>',
    );
  });
});

describe("GET /dev/outbox when the sink is off", () => {
  it("does not exist", async () => {
    const off = await testApp({ devOutbox: false });
    try {
      expect((await off.app.inject({ url: "/dev/outbox" })).statusCode).toBe(404);
      expect((await off.app.inject({ url: "/dev/outbox/00000000-0000-0000-0000-000000000000" })).statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
