import { existsSync } from "node:fs";
import { launchChromium } from "../server/test/browser.js";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordInboundEmail } from "../server/domain/conversations/index.js";
import { parseEmail } from "../server/channels/email/parse.js";
import { toInboundEmail } from "../server/jobs/definitions/ingest-inbound-email.js";
import { buildDistrict, buildStaff, type TestDistrict, type TestStaff } from "../server/test/factories.js";
import { shiftableClock, testApp, type TestApp } from "../server/test/test-app.js";

const ROOT = path.resolve(import.meta.dirname, "..");
let t: TestApp;
let d: TestDistrict;
let admin: TestStaff;
let baseUrl: string;
let browser: Browser;

// Every way a message could try to run code in a reader's browser.
const PAYLOADS = [
  `<script>window.__pwned = "script"</script>`,
  `<img src=x onerror="window.__pwned = 'img'">`,
  `<svg onload="window.__pwned = 'svg'"></svg>`,
  `<a href="javascript:window.__pwned='link'">click me</a>`,
  `<iframe srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`,
  `"><script>window.__pwned = 'attr'</script>`,
];

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, "dist/web/index.html"))) throw new Error("dist/web is missing: run `npm run build` first (npm test does).");
  t = await testApp({ clock: shiftableClock() });
  d = await buildDistrict(t, { slug: `hostile-${Date.now().toString(36)}` });
  admin = await buildStaff(t, d.district.id, { role: "admin", name: "Ada Admin" });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function pwned(page: Page): Promise<unknown> {
  return page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
}

describe("hostile content in messages", () => {
  it("never runs a script from an email, in the staff conversation view", async () => {
    const raw = Buffer.from(
      [
        "From: Mallory <mallory@example.com>",
        `To: ${d.district.fromEmail}`,
        `Subject: ${PAYLOADS[0]}`,
        "Message-ID: <hostile-1@example.com>",
        "MIME-Version: 1.0",
        'Content-Type: multipart/alternative; boundary="b"',
        "",
        "--b",
        "Content-Type: text/plain; charset=utf-8",
        "",
        PAYLOADS.join("\n"),
        "--b",
        "Content-Type: text/html; charset=utf-8",
        "",
        `<html><head><meta http-equiv="refresh" content="0;url=javascript:alert(1)"><style>body{}</style></head><body>${PAYLOADS.join("<br>")}</body></html>`,
        "--b--",
        "",
      ].join("\r\n"),
    );
    const input = toInboundEmail(await parseEmail(raw));
    expect(input.html ?? "").not.toMatch(/<script|onerror|onload|javascript:|<iframe|<style|http-equiv/i);
    const outcome = await t.tx(d.district.id, { kind: "system", reason: "test" }, (ctx) => recordInboundEmail(ctx, input));
    if (outcome.kind !== "recorded") throw new Error(outcome.kind);

    const context = await browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on("dialog", (dlg) => {
      dialogs.push(dlg.message());
      void dlg.dismiss();
    });
    try {
      await page.goto(`${baseUrl}/app/sign-in?district=${d.district.slug}`);
      await page.getByLabel("Work email").fill(admin.staff.email);
      await page.getByLabel("Password").fill(admin.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByRole("heading", { level: 1, name: "All open" }).waitFor();
      await page.goto(`${baseUrl}/app/conversations/${outcome.conversationId}`);
      // The payloads are shown as the text they are.
      await page.getByText(`window.__pwned = 'img'`, { exact: false }).first().waitFor();
      await page.waitForTimeout(500);
      expect(await pwned(page)).toBeNull();
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("never runs a script from a form submission, on the family's status page", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/api/public/${d.district.slug}/inquiries`,
      payload: { topic: "general-question", message: PAYLOADS.join("\n"), name: PAYLOADS[1], email: "mallory@example.com" },
    });
    expect(res.statusCode).toBe(201);
    const statusUrl = (res.json() as { statusUrl: string }).statusUrl.replace(/^https?:\/\/[^/]+/, baseUrl);
    const context = await browser.newContext();
    const page = await context.newPage();
    try {
      await page.goto(statusUrl);
      await page.getByText(`window.__pwned = 'svg'`, { exact: false }).first().waitFor();
      await page.waitForTimeout(500);
      expect(await pwned(page)).toBeNull();
    } finally {
      await context.close();
    }
  }, 120_000);
});
