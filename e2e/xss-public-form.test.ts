/**
 * Issue 6: script payloads typed into the public forms (a topic form in the browser, a bus form posted as HTML,
 * a write-back on the status page) are stored, then rendered where people read them: the family's status page,
 * the staff inbox and the staff conversation. No payload may run (window.__pwned stays unset, no dialog opens),
 * and no page may even need its CSP to stop one (a CSP violation would mean markup got through as markup).
 */
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations } from "../server/db/schema/index.js";
import { launchChromium } from "../server/test/browser.js";
import { buildDistrict, buildStaff, type TestDistrict, type TestStaff } from "../server/test/factories.js";
import { XSS_PAYLOADS } from "../server/test/fixtures/hostile-strings.js";
import { shiftableClock, testApp, type TestApp } from "../server/test/test-app.js";

const ROOT = path.resolve(import.meta.dirname, "..");
let t: TestApp;
let d: TestDistrict;
let admin: TestStaff;
let baseUrl: string;
let browser: Browser;

// Short enough for the name and answer fields; the message takes them all.
const SHORT = XSS_PAYLOADS.filter((p) => p.length <= 120);

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, "dist/web/index.html"))) throw new Error("dist/web is missing: run `npm run build` first (npm test does).");
  t = await testApp({ clock: shiftableClock() });
  d = await buildDistrict(t, { slug: `xss-${Date.now().toString(36)}` });
  admin = await buildStaff(t, d.district.id, { role: "admin", name: "Ada Admin" });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

type Watched = { context: BrowserContext; page: Page; dialogs: string[]; violations: string[] };

/** A fresh browser context that records dialogs and CSP violations. */
async function watched(): Promise<Watched> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const dialogs: string[] = [];
  const violations: string[] = [];
  page.on("dialog", (dlg) => {
    dialogs.push(dlg.message());
    void dlg.dismiss();
  });
  page.on("console", (msg) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(msg.text())) violations.push(msg.text());
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      // zod 4 probes with Function("") whether it may compile its parsers; the staff app's CSP says no and zod
      // falls back. That probe comes from the app's own bundle, never from stored content.
      if (e.violatedDirective.startsWith("script-src") && e.blockedURI === "eval" && /\/app\/assets\/[\w-]+\.js$/.test(e.sourceFile)) return;
      const w = window as unknown as { __violations?: string[] };
      (w.__violations ??= []).push(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`);
    });
  });
  return { context, page, dialogs, violations };
}

async function expectNothingRan(w: Watched, where: string): Promise<void> {
  await w.page.waitForTimeout(400);
  const state = await w.page.evaluate(() => {
    const win = window as unknown as { __pwned?: unknown; __violations?: string[] };
    return { pwned: win.__pwned ?? null, violations: win.__violations ?? [] };
  });
  expect(state.pwned, where).toBeNull();
  expect(w.dialogs, where).toEqual([]);
  expect([...state.violations, ...w.violations], where).toEqual([]);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/app/sign-in?district=${d.district.slug}`);
  await page.getByLabel("Work email").fill(admin.staff.email);
  await page.getByLabel("Password").fill(admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "All open" }).waitFor();
}

describe("script payloads sent through the public forms", () => {
  let typedStatus = "";

  it("would be caught if one ran (control: the same checks on a page with no CSP and no escaping)", async () => {
    const w = await watched();
    try {
      await w.page.setContent(`<body>${SHORT[6]}<details open ontoggle="alert(1)"></details></body>`);
      await w.page.waitForTimeout(400);
      expect(await w.page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBe("img");
      expect(w.dialogs).toEqual(["1"]);
    } finally {
      await w.context.close();
    }
  }, 60_000);

  let postedStatus = "";

  it("are stored from the topic form in the browser and shown as text on the family's status page", async () => {
    const w = await watched();
    try {
      await w.page.goto(`${baseUrl}/d/${d.district.slug}/topics/general-question`);
      await expectNothingRan(w, "empty form");
      await w.page.locator('textarea[name="message"]').fill(XSS_PAYLOADS.join("\n"));
      await w.page.locator('input[name="name"]').fill(SHORT[2]!);
      await w.page.locator('input[name="email"]').fill("mallory@example.com");
      await w.page.getByRole("button", { name: "Send message" }).click();
      await w.page.waitForURL(/\/c\/[^/?]+\?submitted=1/);
      typedStatus = w.page.url().split("?")[0]!;
      await w.page.getByText(`onerror="window.__pwned='img'"`, { exact: false }).first().waitFor();
      await expectNothingRan(w, "status page after the topic form");

      // The family writes back with more payloads: the status page shows both messages.
      await w.page.locator('textarea[name="message"]').fill(SHORT.slice(10, 25).join("\n"));
      await w.page.getByRole("button", { name: "Send", exact: true }).click();
      await w.page.waitForURL(/sent=1/);
      await w.page.getByText(`ontoggle="window.__pwned='details'"`, { exact: false }).first().waitFor();
      await expectNothingRan(w, "status page after the write-back");
    } finally {
      await w.context.close();
    }
  }, 120_000);

  it("are stored from an HTML post of the bus form in every answer and shown as text on its status page", async () => {
    const fields: Record<string, string> = {
      "fields.school": d.schools[0]!.id,
      "fields.bus_number": "<b>7</b>",
      "fields.road": SHORT[6]!,
      "fields.date": "2026-03-02",
      kind: "concern",
      requesterRole: "parent",
      message: XSS_PAYLOADS.join("\n"),
      name: SHORT[9]!,
      email: "mallory@example.com",
      language: "en",
    };
    const res = await t.app.inject({
      method: "POST",
      url: `/d/${d.district.slug}/topics/bus-concern?lang=en`,
      payload: new URLSearchParams(fields).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.statusCode).toBe(303);
    postedStatus = `${baseUrl}${String(res.headers.location).split("?")[0]}`;
    const w = await watched();
    try {
      await w.page.goto(postedStatus);
      await w.page.getByText(`onload="window.__pwned='svg'"`, { exact: false }).first().waitFor();
      await expectNothingRan(w, "bus form status page");
    } finally {
      await w.context.close();
    }
  }, 120_000);

  it("never run in the staff inbox or conversation view", async () => {
    expect(typedStatus && postedStatus).toBeTruthy();
    const w = await watched();
    try {
      await signIn(w.page);
      await w.page.getByText(SHORT[9]!, { exact: false }).first().waitFor();
      await expectNothingRan(w, "staff inbox");
      const rows = await t.database.db
        .select({ id: conversations.id, topicId: conversations.topicId })
        .from(conversations)
        .where(eq(conversations.districtId, d.district.id));
      const bus = rows.find((r) => r.topicId === d.topics.bus.id)!;
      const typed = rows.find((r) => r.topicId !== d.topics.bus.id)!;
      await w.page.goto(`${baseUrl}/app/conversations/${bus.id}`);
      await w.page.getByText(`onerror="window.__pwned='img'"`, { exact: false }).first().waitFor();
      await w.page.getByText(SHORT[6]!, { exact: false }).first().waitFor();
      await expectNothingRan(w, "staff conversation (bus form)");
      await w.page.goto(`${baseUrl}/app/conversations/${typed.id}`);
      await w.page.getByText(`ontoggle="window.__pwned='details'"`, { exact: false }).first().waitFor();
      await expectNothingRan(w, "staff conversation (typed form with write-back)");
    } finally {
      await w.context.close();
    }
  }, 120_000);
});
