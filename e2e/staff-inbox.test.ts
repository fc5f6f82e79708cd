import { existsSync } from "node:fs";
import { axeViolations, CHROMIUM, launchChromium } from "../server/test/browser.js";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../server/test/factories.js";
import { testApp, type FakeClock, type TestApp } from "../server/test/test-app.js";

const ROOT = path.resolve(import.meta.dirname, "..");

// The browser runs on real time; a frozen clock would stamp every message with the same instant.
const realClock: FakeClock = { now: () => new Date(), set: () => undefined, advance: () => undefined };

let t: TestApp;
let d: TestDistrict;
let dana: TestStaff;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, "dist/web/index.html"))) {
    throw new Error("dist/web is missing: run `npm run build` before the browser tests (npm test does it first).");
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
  t = await testApp({ clock: realClock });
  d = await buildDistrict(t, { slug: `springfield-${Date.now().toString(36)}`, name: "Springfield Public Schools", prefix: "SPS" });
  dana = await buildStaff(t, d.district.id, {
    role: "supervisor",
    name: "Dana Reyes",
    email: "dana@springfield.test",
    departmentIds: [d.departments.transportation.id],
  });
  await buildStaff(t, d.district.id, { role: "agent", name: "Sam Okafor", departmentIds: [d.departments.transportation.id] });
  await buildInquiry(t, d);
  await buildInquiry(t, d, {
    name: "María López",
    email: "maria@example.com",
    language: "es",
    message: "El autobús 12 no pasó hoy por la parada de Elm Street.",
    fields: { school: d.schools[1]!.id, bus_number: "12", road: "Elm Street" },
  });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${baseUrl}/app/sign-in?district=${d.district.slug}`);
  await page.getByLabel("Work email").fill(dana.staff.email);
  await page.getByLabel("Password").fill(dana.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "All open" }).waitFor();
}

/** Runs axe-core on the page as it is now and returns the WCAG 2.1 A/AA violations, readably. */
async function newContext(opts: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", bypassCSP: opts.bypassCSP ?? false });
}

describe("the staff inbox in a browser", () => {
  it("shows a conversation created after the page loaded, opens it, and sends a reply that lands on the timeline", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    try {
      const streamOpen = page.waitForResponse((r) => r.url().endsWith("/api/stream") && r.status() === 200);
      await signIn(page);
      await page.getByRole("link", { name: /The bus was 20 minutes late/ }).waitFor();
      await streamOpen;

      await buildInquiry(t, d, { name: "Luis Ortega", email: "luis@example.com", message: "Our stop on Maple Avenue was skipped today." });
      const fresh = page.getByRole("link", { name: /Our stop on Maple Avenue was skipped/ });
      await fresh.waitFor();
      expect(await page.getByRole("status").filter({ hasText: "1 new conversation" }).count()).toBe(1);

      await fresh.click();
      await page.getByRole("heading", { level: 1, name: /Our stop on Maple Avenue/ }).waitFor();
      const composer = page.getByRole("textbox", { name: "Reply to Luis Ortega" });
      const reply = "Thank you, Luis. The driver will stop at Maple Avenue again from tomorrow.";
      await composer.fill(reply);
      await composer.press("Control+Enter");

      const sent = page.getByRole("article", { name: /Dana Reyes.*Reply to family/ }).filter({ hasText: reply });
      await sent.waitFor();
      expect(await composer.inputValue()).toBe("");
      expect(await sent.getByText("Queued").count()).toBe(1);

      // Delivery happens in the background; the timeline follows it live.
      await t.drain();
      await sent.getByText("Sent", { exact: true }).waitFor();
      expect(t.mailer.sent.some((m) => m.to === "luis@example.com")).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it("has no WCAG 2.1 A/AA violations on sign-in, inbox and conversation, in English and Spanish", async () => {
    // axe is injected as a script, which the app's CSP (rightly) forbids; the page itself is unchanged.
    const context = await newContext({ bypassCSP: true });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      found[name] = await axeViolations(page);
    };
    const switchTo = async (label: "Español" | "English", heading: RegExp | string) => {
      await page.getByRole("button", { name: label === "Español" ? "Ver en español" : "View in English" }).click();
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    };
    try {
      await page.goto(`${baseUrl}/app/sign-in`);
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
      await check("sign-in (en)");
      await switchTo("Español", "Iniciar sesión");
      await check("sign-in (es)");

      await page.getByLabel("Distrito").fill(d.district.slug);
      await page.getByLabel("Correo de trabajo").fill(dana.staff.email);
      await page.getByLabel("Contraseña").fill(dana.password);
      await page.getByRole("button", { name: "Iniciar sesión" }).click();
      await page.getByRole("heading", { level: 1, name: "Todas las abiertas" }).waitFor();
      await page.getByRole("link", { name: /El autobús 12/ }).waitFor();
      await check("inbox (es)");
      await switchTo("English", "All open");
      await check("inbox (en)");

      await page.getByRole("link", { name: /El autobús 12/ }).click();
      await page.getByRole("heading", { level: 1, name: /El autobús 12/ }).waitFor();
      await page.getByRole("heading", { name: "Timeline" }).waitFor();
      await check("conversation (en)");
      await switchTo("Español", /El autobús 12/);
      await page.getByRole("heading", { name: "Historial" }).waitFor();
      await check("conversation (es)");
    } finally {
      await context.close();
    }
    expect(Object.keys(found)).toHaveLength(6);
    for (const [name, violations] of Object.entries(found)) expect(violations, name).toEqual([]);
  }, 120_000);
});
