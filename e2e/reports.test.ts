import { eq } from "drizzle-orm";
import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportSummary } from "../common/contract/reports.js";
import { conversations, ratings } from "../server/db/schema/index.js";
import { axeViolations, CHROMIUM, launchChromium } from "../server/test/browser.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../server/test/factories.js";
import { testApp, type FakeClock, type TestApp } from "../server/test/test-app.js";

/**
 * The Reports of issue 5 in Chromium: a supervisor reads the overview (headline figures equal to the API's), switches a
 * chart to its table, drills down from the Transportation row of Compare into the inbox, downloads a CSV, opens the
 * board report and prints it (print media hides the navigation). A viewer has no Staff tab; an agent has no Reports
 * at all. axe-core finds no WCAG 2.1 A/AA violation on the overview and the board report, in English and Spanish.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
// The district's zone (the factories' default) is also the browser's, so "today" is the same day on both sides.
const ZONE = "America/Los_Angeles";

const realClock: FakeClock = { now: () => new Date(), set: () => undefined, advance: () => undefined };

let t: TestApp;
let d: TestDistrict;
let dana: TestStaff;
let vic: TestStaff;
let sam: TestStaff;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, "dist/web/index.html"))) {
    throw new Error("dist/web is missing: run `npm run build` before the browser tests (npm test does it first).");
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
  t = await testApp({ clock: realClock });
  d = await buildDistrict(t, { slug: `riverside-${Date.now().toString(36)}`, name: "Riverside Unified", prefix: "RUSD" });
  dana = await buildStaff(t, d.district.id, { role: "supervisor", name: "Dana Reyes", email: "dana@riverside.test", departmentIds: [d.departments.transportation.id] });
  vic = await buildStaff(t, d.district.id, { role: "viewer", name: "Victoria Lane", email: "vic@riverside.test" });
  sam = await buildStaff(t, d.district.id, { role: "agent", name: "Sam Okafor", email: "sam@riverside.test", departmentIds: [d.departments.transportation.id] });

  // Three bus concerns (Transportation), two general questions (one sent to Nutrition), one in Spanish; the first
  // bus concern answered, resolved and rated 9/8/10.
  const bus1 = await buildInquiry(t, d, { message: "The bus was 20 minutes late again this morning." });
  await buildInquiry(t, d, { name: "Luis Ortega", email: "luis@example.com", message: "Our stop on Maple Avenue was skipped today." });
  await buildInquiry(t, d, { name: "María López", email: "maria@example.com", language: "es", message: "El autobús 12 no pasó hoy.", fields: { school: d.schools[1]!.id, bus_number: "12" } });
  const q1 = await buildInquiry(t, d, { topic: d.topics.general, fields: {}, name: "Kim Park", email: "kim@example.com", message: "When does winter break start?", kind: "question" });
  await buildInquiry(t, d, { topic: d.topics.general, fields: {}, name: "Jo Smith", email: "jo@example.com", message: "Is the lunch menu online?", kind: "question" });
  await t.database.db.update(conversations).set({ departmentId: d.departments.nutrition.id }).where(eq(conversations.id, q1.conversation.id));
  const now = Date.now();
  await t.database.db
    .update(conversations)
    .set({ firstResponseAt: new Date(now - 60_000), status: "resolved", resolvedAt: new Date(now - 30_000) })
    .where(eq(conversations.id, bus1.conversation.id));
  await t.database.db.insert(ratings).values({
    districtId: d.district.id,
    conversationId: bus1.conversation.id,
    tokenHash: `e2e-${now}`,
    requestedAt: new Date(now - 30_000),
    expiresAt: new Date(now + 86_400_000),
    submittedAt: new Date(now - 10_000),
    accuracy: 9,
    timeliness: 8,
    courtesy: 10,
  });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function newContext(opts: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", timezoneId: ZONE, bypassCSP: opts.bypassCSP ?? false, acceptDownloads: true });
}

async function signIn(page: Page, who: TestStaff): Promise<void> {
  await page.goto(`${baseUrl}/app/sign-in?district=${d.district.slug}`);
  await page.getByLabel("Work email").fill(who.staff.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}

/** The headline card of a figure: its value as shown. */
async function cardValue(page: Page, figure: string): Promise<string> {
  return (await page.locator(`[data-figure="${figure}"] .report-card__value`).innerText()).split("\n")[0]!.replace(/ ·.*$/, "").trim();
}

describe("Reports in a browser", () => {
  it("shows a supervisor headline figures equal to the API's, tables, a drill-down into the inbox, CSV and a printable board report", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    const consoleErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    try {
      await signIn(page, dana);
      const echartsLoads: string[] = [];
      page.on("request", (r) => {
        if (/\/assets\/echarts-/.test(r.url())) echartsLoads.push(r.url());
      });
      // The inbox never loads ECharts; the reports do.
      await page.getByRole("heading", { level: 1, name: "All open" }).waitFor();
      expect(echartsLoads).toEqual([]);
      await page.getByRole("link", { name: "Reports" }).click();
      await page.getByRole("heading", { level: 1, name: "District overview" }).waitFor();
      await page.locator('[data-figure="conversations"]').waitFor();
      await page.locator('.chart[data-ready="true"]').first().waitFor();
      expect(echartsLoads.length).toBe(1);

      // The headline figures are the API's, for the same period and filters as the page's CSV link.
      const csv = await page.getByRole("link", { name: "Download CSV: Headline figures" }).getAttribute("href");
      expect(csv).toMatch(/^\/api\/reports\/summary\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}&format=csv$/);
      const api = await page.request.get(`${baseUrl}${csv!.replace("&format=csv", "")}`);
      expect(api.status()).toBe(200);
      const summary = (await api.json()) as ReportSummary;
      expect(summary.conversations).toBe(5);
      expect(await cardValue(page, "conversations")).toBe(String(summary.conversations));
      expect(await cardValue(page, "open")).toBe(String(summary.open));
      expect(await cardValue(page, "pastDue")).toBe(String(summary.pastDue));
      expect(summary.cxScore).toBe(9);
      expect(await cardValue(page, "cxScore")).toBe("9.0 / 10");
      // The change is told in words, not colour alone.
      expect(await page.locator('[data-figure="conversations"] .report-card__change').innerText()).toMatch(/No comparison|Up|Down|No change/);

      // Every chart has a focusable, named container and a table alternative.
      const volume = page.getByRole("region", { name: "Conversations over time" });
      const chart = volume.locator('.chart[role="img"]');
      expect(await chart.getAttribute("aria-label")).toMatch(/5 in all/);
      await chart.focus();
      expect(await chart.evaluate((el) => el === document.activeElement)).toBe(true);
      // A tooltip on hover, drawn without inline markup the CSP would refuse (checked at the end).
      await chart.hover();
      await page.locator(".chart-tooltip").first().waitFor({ state: "attached" });
      await volume.getByRole("button", { name: "Show as table" }).click();
      const table = volume.getByRole("table");
      await table.waitFor();
      expect(await volume.locator(".chart").count()).toBe(0);
      const cells = await table.locator("tbody td").allInnerTexts();
      expect(cells.map(Number).reduce((a, b) => a + b, 0)).toBe(5);

      // Staff performance (supervisors and admins): conversations by the person they are assigned to.
      await page.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Staff" }).click();
      await page.getByRole("heading", { level: 1, name: "Staff performance" }).waitFor();
      const people = page.getByRole("region", { name: "Conversations · Person" });
      await people.getByRole("button", { name: "Show as table" }).click();
      await people.getByRole("table").waitFor();
      const assigned = await people.locator("tbody td:first-of-type").allInnerTexts();
      expect(assigned.map(Number).reduce((a, b) => a + b, 0)).toBe(5);

      // Compare by department: the Transportation row opens its conversations of the period in the inbox.
      await page.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Compare" }).click();
      await page.getByRole("heading", { level: 1, name: "Compare" }).waitFor();
      const panel = page.getByRole("region", { name: "Conversations · Department" });
      await panel.getByRole("button", { name: "Show as table" }).click();
      const row = panel.getByRole("row", { name: /Transportation/ });
      await row.waitFor();
      expect(await row.getByRole("cell").first().innerText()).toBe("3");
      const breakdownCsv = await panel.getByRole("link", { name: /Download CSV/ }).getAttribute("href");
      // By keyboard: the row's link is the drill-down.
      await row.getByRole("link", { name: "Transportation" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "All conversations" }).waitFor();
      const url = new URL(page.url());
      expect(url.pathname).toBe("/app/");
      expect(url.searchParams.get("departmentId")).toBe(d.departments.transportation.id);
      expect(url.searchParams.get("view")).toBe("all");
      expect(url.searchParams.get("createdFrom")).toBe(summary.period.from);
      expect(url.searchParams.get("createdTo")).toBe(summary.period.to);
      await page.getByRole("link", { name: /Our stop on Maple Avenue/ }).waitFor();
      // All three, the resolved one too; nothing from Nutrition or triage.
      await page.getByRole("link", { name: /The bus was 20 minutes late/ }).waitFor();
      expect(await page.getByRole("link", { name: /winter break|lunch menu/ }).count()).toBe(0);
      const chips = page.getByRole("list", { name: "Filters from a report" });
      expect(await chips.getByText(/^Created /).count()).toBe(1);
      await chips.getByRole("button", { name: /Remove filter: Created/ }).click();
      await page.waitForURL((u) => !u.searchParams.has("createdFrom"));

      // CSV: the same report as text/csv with a header row.
      const res = await page.request.get(`${baseUrl}${breakdownCsv}`);
      expect(res.status()).toBe(200);
      expect(res.headers()["content-type"]).toMatch(/^text\/csv/);
      const lines = (await res.text()).trim().split(/\r?\n/);
      expect(lines[0]).toMatch(/,/);
      expect(lines.some((l) => l.includes("Transportation"))).toBe(true);

      // The board report: print hides navigation, filters and buttons; the button calls window.print().
      await page.goto(`${baseUrl}/app/reports/board`);
      await page.getByRole("heading", { level: 1, name: "Board report" }).waitFor();
      await page.getByRole("heading", { name: "You asked, we answered" }).waitFor();
      await page.getByRole("heading", { name: "Trending topics" }).waitFor();
      await page.locator('.chart[data-ready="true"]').first().waitFor();
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => void (window as unknown as { printed: number }).printed++;
      });
      await page.getByRole("button", { name: "Print / Save as PDF" }).click();
      expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
      const nav = page.getByRole("navigation", { name: "Report sections" });
      expect(await nav.isVisible()).toBe(true);
      await page.emulateMedia({ media: "print" });
      expect(await nav.isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Sign out" }).isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: "Print / Save as PDF" }).isVisible()).toBe(false);
      expect(await page.getByRole("region", { name: "Report filters" }).isVisible()).toBe(false);
      expect(await page.getByRole("heading", { name: "The period at a glance" }).isVisible()).toBe(true);
      await page.emulateMedia({ media: "screen" });

      expect(pageErrors).toEqual([]);
      // ECharts draws under the app's CSP (no inline styles or scripts refused).
      expect(consoleErrors.filter((e) => /Content Security Policy/i.test(e))).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it("shows a viewer the reports without the Staff tab, and an agent no reports at all", async () => {
    const context = await newContext();
    const page = await context.newPage();
    try {
      await signIn(page, vic);
      await page.getByRole("link", { name: "Reports" }).click();
      await page.getByRole("heading", { level: 1, name: "District overview" }).waitFor();
      const tabs = page.getByRole("navigation", { name: "Report sections" });
      expect(await tabs.getByRole("link").allInnerTexts()).toEqual(["Overview", "Compare", "Satisfaction", "Board report"]);
      // Compare by requester: the parents' row opens their conversations, the role shown as a removable filter.
      await page.goto(`${baseUrl}/app/reports/compare?by=requesterRole`);
      const byRole = page.getByRole("region", { name: "Conversations · Requester" });
      await byRole.getByRole("button", { name: "Show as table" }).click();
      await byRole.getByRole("link", { name: "Parent or guardian" }).click();
      await page.getByRole("heading", { level: 1, name: "All conversations" }).waitFor();
      expect(new URL(page.url()).searchParams.get("requesterRole")).toBe("parent");
      await page.getByRole("list", { name: "Filters from a report" }).getByText("Requester: Parent or guardian").waitFor();
      await page.getByRole("link", { name: /winter break/ }).waitFor();
      await page.goBack();
      await page.getByRole("heading", { level: 1, name: "Compare" }).waitFor();

      // A custom period goes to the URL (its last day inclusive) and to the API (exclusive end).
      await page.getByRole("button", { name: /Period/ }).click();
      await page.getByRole("option", { name: "Custom dates" }).click();
      await page.getByLabel("From").fill("2026-01-01");
      await page.waitForURL((u) => u.searchParams.get("range") === "custom" && u.searchParams.get("from") === "2026-01-01");
      await page.getByLabel("To (last day)").fill("2026-01-31");
      await page.waitForURL((u) => u.searchParams.get("to") === "2026-01-31");
      // Still on Compare (filters never change the tab), and the period follows to the other tabs.
      expect(new URL(page.url()).pathname).toBe("/app/reports/compare");
      expect(await byRole.getByRole("link", { name: /Download CSV/ }).getAttribute("href")).toBe(
        "/api/reports/breakdown?from=2026-01-01&to=2026-02-01&metric=conversations&by=requesterRole&format=csv",
      );
      await page.getByRole("navigation", { name: "Report sections" }).getByRole("link", { name: "Overview" }).click();
      await page.getByRole("heading", { level: 1, name: "District overview" }).waitFor();
      expect(await page.getByRole("link", { name: "Download CSV: Headline figures" }).getAttribute("href")).toBe("/api/reports/summary?from=2026-01-01&to=2026-02-01&format=csv");
      await expect.poll(() => cardValue(page, "conversations"), { timeout: 10_000 }).toBe("0");
      const staff = await page.request.get(`${baseUrl}/api/reports/breakdown?metric=conversations&by=assignee`);
      expect(staff.status()).toBe(403);
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();

      await signIn(page, sam);
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      expect(await page.getByRole("link", { name: "Reports" }).count()).toBe(0);
      const res = await page.request.get(`${baseUrl}/api/reports/summary`);
      expect(res.status()).toBe(403);
      await page.goto(`${baseUrl}/app/reports`);
      await page.getByText("Reports are for administrators, supervisors and viewers.").waitFor();
    } finally {
      await context.close();
    }
  }, 90_000);

  it("has no WCAG 2.1 A/AA violations on the overview and the board report, in English and Spanish", async () => {
    // axe is injected as a script, which the app's CSP (rightly) forbids; the page itself is unchanged.
    const context = await newContext({ bypassCSP: true });
    const page = await context.newPage();
    const found: Record<string, string[]> = {};
    const settle = async () => {
      await page.locator(".spinner").first().waitFor({ state: "detached" }).catch(() => undefined);
      await page.locator('.chart[data-ready="true"]').first().waitFor();
    };
    try {
      await signIn(page, dana);
      await page.goto(`${baseUrl}/app/reports`);
      await page.getByRole("heading", { level: 1, name: "District overview" }).waitFor();
      await settle();
      found["overview (en)"] = await axeViolations(page);
      await page.getByRole("button", { name: "Ver en español" }).click();
      await page.getByRole("heading", { level: 1, name: "Resumen del distrito" }).waitFor();
      await settle();
      found["overview (es)"] = await axeViolations(page);
      await page.getByRole("navigation", { name: "Secciones de informes" }).getByRole("link", { name: "Informe para la junta" }).click();
      await page.getByRole("heading", { level: 1, name: "Informe para la junta" }).waitFor();
      await settle();
      found["board (es)"] = await axeViolations(page);
      await page.getByRole("button", { name: "View in English" }).click();
      await page.getByRole("heading", { level: 1, name: "Board report" }).waitFor();
      await settle();
      found["board (en)"] = await axeViolations(page);
    } finally {
      await context.close();
    }
    expect(Object.keys(found)).toHaveLength(4);
    for (const [name, violations] of Object.entries(found)) expect(violations, name).toEqual([]);
  }, 120_000);
});
