import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoutingRuleInputSchema } from "../common/contract/routing.js";
import { listAlertCategories } from "../server/domain/alerts/index.js";
import { createRule, listRules } from "../server/domain/routing/index.js";
import { getDistrictSettings, listAvailability } from "../server/domain/settings/index.js";
import { listSlaPolicies } from "../server/domain/sla/index.js";
import { axeViolations, CHROMIUM, launchChromium } from "../server/test/browser.js";
import { buildDistrict, buildStaff, type TestDistrict, type TestStaff } from "../server/test/factories.js";
import { testApp, type FakeClock, type TestApp } from "../server/test/test-app.js";

/**
 * The Settings area of issue 4 in Chromium, as an administrator: a routing rule built in the form, tried on a sample
 * message, reordered and another switched off; a person set out of office with a delegate; a holiday and a service
 * standard added; a responder added to self-harm alerts and a district category created. axe-core checks every
 * settings page (and the routing page in Spanish).
 */
const ROOT = path.resolve(import.meta.dirname, "..");

// The browser runs on real time.
const realClock: FakeClock = { now: () => new Date(), set: () => undefined, advance: () => undefined };

let t: TestApp;
let d: TestDistrict;
let admin: TestStaff;
let dana: TestStaff;
let lee: TestStaff;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, "dist/web/index.html"))) {
    throw new Error("dist/web is missing: run `npm run build` before the browser tests (npm test does it first).");
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
  t = await testApp({ clock: realClock });
  d = await buildDistrict(t, { slug: `riverside-${Date.now().toString(36)}`, name: "Riverside Unified", prefix: "RUSD" });
  admin = await buildStaff(t, d.district.id, { role: "admin", name: "Alex Rivera", email: "alex@riverside.test" });
  dana = await buildStaff(t, d.district.id, { role: "agent", name: "Dana Whitfield", departmentIds: [d.departments.transportation.id] });
  lee = await buildStaff(t, d.district.id, { role: "agent", name: "Lee Park", departmentIds: [d.departments.transportation.id] });
  // An existing rule, so the new one has something to move above.
  await t.tx(d.district.id, admin.actor, (ctx) =>
    createRule(
      ctx,
      RoutingRuleInputSchema.parse({
        name: "Lunch questions",
        conditions: [{ type: "keywords", phrases: ["lunch", "cafeteria"], match: "any" }],
        actions: [{ type: "setDepartment", departmentId: d.departments.nutrition.id }],
      }),
    ),
  );
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** WCAG 2.1 A/AA violations (any impact, as the other browser tests) on the page as it is now, readably. */
// axe is injected as a script, which the app's CSP (rightly) forbids; the page itself is unchanged.
async function newContext(): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", bypassCSP: true });
}

async function signIn(page: Page, who: TestStaff): Promise<void> {
  await page.goto(`${baseUrl}/app/sign-in?district=${d.district.slug}`);
  await page.getByLabel("Work email").fill(who.staff.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.getByRole("link", { name: "Settings" }).waitFor();
}

/** Opens a react-aria Select inside `scope` by its label and picks an option. */
async function pick(page: Page, scope: Locator | Page, label: string | RegExp, option: string): Promise<void> {
  await scope.getByRole("button", { name: label }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

const ctx = () => t.ctx(d.district.id, admin.actor);

describe("Settings: routing, assignment, service standards and critical alerts in a browser", () => {
  it("builds, tries, reorders and switches rules; sets availability, a holiday, a standard and alert responders; every page passes axe", async () => {
    const context = await newContext();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(e.message));
    const found: Record<string, string[]> = {};
    const check = async (name: string) => {
      found[name] = await axeViolations(page);
    };
    try {
      await signIn(page, admin);
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("heading", { level: 1, name: "Routing rules" }).waitFor();
      await page.getByRole("heading", { level: 3, name: "Lunch questions" }).waitFor();
      await check("routing rules (en)");

      // A new rule: keyword "bus 42" → Transportation, assign by the department's policy, tag "bus".
      await page.getByRole("button", { name: "New rule" }).click();
      const editor = page.getByRole("region", { name: "New rule" });
      await editor.getByRole("textbox", { name: "Rule name" }).fill("Bus 42");
      await editor.getByRole("button", { name: "Add condition" }).click(); // Keywords is the default type
      const condition = editor.getByRole("group", { name: "Condition 1: Keywords" });
      await condition.getByRole("textbox", { name: "Phrases, one per line" }).fill("bus 42");
      await editor.getByRole("button", { name: "Add action" }).click(); // Set department is the default type
      await pick(page, editor.getByRole("group", { name: "Action 1: Set department" }), /Department/, "Transportation");
      await pick(page, editor, /Action type/, "Assign by department policy");
      await editor.getByRole("button", { name: "Add action" }).click();
      await pick(page, editor, /Action type/, "Add tags");
      await editor.getByRole("button", { name: "Add action" }).click();
      await editor.getByRole("group", { name: "Action 3: Add tags" }).getByRole("textbox", { name: "Tags, separated by commas" }).fill("bus");
      await check("rule editor (en)");
      await editor.getByRole("button", { name: "Create rule" }).click();

      const busRule = page.getByRole("article", { name: "Bus 42" });
      await busRule.waitFor();
      // The new rule has focus, and its sentence reads back what was built.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Bus 42");
      await busRule.getByText("When the message mentions “bus 42”.").waitFor();
      await busRule.getByText("Then send it to Transportation, assign it by the department’s policy, and tag it bus.").waitFor();
      expect(await busRule.getByText("Rule 2", { exact: true }).count()).toBe(1);

      // Reorder with the keyboard: "Move up" on the new rule makes it rule 1; focus stays on its controls.
      await busRule.getByRole("button", { name: /^Move up\s*: “Bus 42”$/ }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("article", { name: "Bus 42" }).getByText("Rule 1", { exact: true }).waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? "")).toContain("Move down");
      // Switch the lunch rule off, from the keyboard.
      const lunchSwitch = page.getByRole("switch", { name: "“Lunch questions” enabled" });
      await lunchSwitch.focus();
      await page.keyboard.press("Space");
      await page.getByRole("article", { name: "Lunch questions" }).getByText("Off", { exact: true }).waitFor();
      const rules = await listRules(ctx());
      expect(rules.map((r) => [r.name, r.position, r.enabled])).toEqual([
        ["Bus 42", 1, true],
        ["Lunch questions", 2, false],
      ]);
      expect(rules[0]!.actions).toEqual([
        { type: "setDepartment", departmentId: d.departments.transportation.id },
        { type: "assignByPolicy" },
        { type: "addTags", tags: ["bus"] },
      ]);

      // Try a message: where it goes, and why, step by step.
      // (Its name follows the UI language, which changes below.)
      const tryPanel = page.getByRole("region", { name: /^(Try a message|Probar un mensaje)$/ });
      await tryPanel.getByRole("textbox", { name: "Message" }).fill("Our bus 42 never came to the Maple Avenue stop this morning.");
      await tryPanel.getByRole("button", { name: "Try it" }).click();
      await tryPanel.getByRole("heading", { name: "Where it would go" }).waitFor();
      const steps = tryPanel.getByRole("list").last();
      await steps.getByText('Rule 1 «Bus 42» matched: mentions "bus 42"', { exact: true }).waitFor();
      await steps.getByText("Department set to Transportation", { exact: true }).waitFor();
      await steps.getByText("Tags added: bus", { exact: true }).waitFor();
      const department = tryPanel.getByRole("definition").first();
      expect(await department.textContent()).toBe("Transportation");
      await check("routing rules with a tried message (en)");

      // The same page in Spanish: the explanation is rendered again from the structured steps.
      await page.getByRole("button", { name: "Ver en español" }).click();
      await page.getByRole("heading", { level: 1, name: "Reglas de asignación" }).waitFor();
      await steps.getByText("Departamento: Transportation", { exact: true }).waitFor();
      await steps.getByText(/^Coincidió la regla 1 «Bus 42»/).waitFor();
      await check("routing rules (es)");
      await page.getByRole("button", { name: "View in English" }).click();
      await page.getByRole("heading", { level: 1, name: "Routing rules" }).waitFor();

      // Departments & people: Dana is out of office, Lee stands in for her.
      await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Departments & people" }).click();
      await page.getByRole("heading", { level: 1, name: "Departments & people" }).waitFor();
      await page.getByRole("heading", { name: "Learned routing" }).waitFor();
      const danaCard = page.getByRole("article", { name: "Dana Whitfield" });
      await danaCard.waitFor();
      await check("departments and people (en)");
      await danaCard.getByRole("button", { name: /^Edit\s*: Dana Whitfield$/ }).click();
      await danaCard.getByLabel("Out of office from").fill("2026-01-05T08:00");
      await danaCard.getByLabel("Out of office until").fill("2099-01-09T17:00");
      await pick(page, danaCard, /Delegate/, "Lee Park");
      await check("availability editor (en)");
      await danaCard.getByRole("button", { name: "Save availability" }).click();
      await danaCard.getByText(/^Out of office until /).waitFor();
      await danaCard.getByRole("definition").filter({ hasText: "Lee Park" }).waitFor();
      const danaNow = (await listAvailability(ctx(), [dana.staff.id]))[0]!;
      expect(danaNow.delegateStaffId).toBe(lee.staff.id);
      expect(danaNow.outOfOfficeUntil).not.toBeNull();

      // Service standards: a school break on the calendar and a standard for bus concerns.
      await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Service standards" }).click();
      await page.getByRole("heading", { level: 1, name: "Service standards" }).waitFor();
      await page.getByRole("group", { name: "Monday" }).waitFor();
      await check("service standards (en)");
      const holidayForm = page.getByRole("form", { name: "Add closure" });
      await holidayForm.getByRole("textbox", { name: "Name" }).fill("Thanksgiving break");
      await holidayForm.getByLabel("First day").fill("2026-11-26");
      await holidayForm.getByLabel("Last day").fill("2026-11-27");
      await holidayForm.getByRole("button", { name: "Add closure" }).click();
      await page.getByRole("list", { name: "Closures" }).getByText("Thanksgiving break", { exact: true }).waitFor();
      expect((await getDistrictSettings(ctx())).holidays).toEqual([{ start: "2026-11-26", end: "2026-11-27", name: "Thanksgiving break" }]);

      await page.getByRole("button", { name: "New service standard" }).click();
      const policyEditor = page.getByRole("region", { name: "New service standard" });
      await policyEditor.getByRole("textbox", { name: "Name" }).fill("Bus concerns");
      await pick(page, policyEditor, /Topic/, "Bus concern");
      const firstResponse = policyEditor.getByRole("textbox", { name: "First response: within" });
      await firstResponse.fill("4");
      await firstResponse.press("Tab");
      const resolution = policyEditor.getByRole("textbox", { name: "Resolution: within" });
      await resolution.fill("3");
      await resolution.press("Tab");
      await pick(page, policyEditor, /Resolution: unit/, "Business days");
      await check("service standard editor (en)");
      await policyEditor.getByRole("button", { name: "Create standard" }).click();
      const policyCard = page.getByRole("article", { name: "Bus concerns" });
      await policyCard.getByText("4 business hours").waitFor();
      await policyCard.getByText("3 business days").waitFor();
      const [policy] = await listSlaPolicies(ctx());
      expect(policy).toMatchObject({ name: "Bus concerns", topicId: d.topics.bus.id, firstResponseMinutes: 240, resolutionMinutes: 3 * 540 });

      // Critical alerts: Lee answers self-harm alerts; the district adds "Media inquiry".
      await page.getByRole("navigation", { name: "Settings sections" }).getByRole("link", { name: "Critical alerts" }).click();
      await page.getByRole("heading", { level: 1, name: "Critical alerts" }).waitFor();
      const selfHarm = page.getByRole("article", { name: "Self-harm" });
      await selfHarm.waitFor();
      await check("critical alerts (en)");
      await selfHarm.getByRole("group", { name: "Responders for Self-harm" }).getByText("Lee Park").click();
      await selfHarm.getByRole("button", { name: /^Save responders\s*: Self-harm$/ }).click();
      await expect
        .poll(async () => (await listAlertCategories(ctx())).find((c) => c.key === "self_harm")?.responderIds)
        .toEqual([lee.staff.id]);

      await page.getByRole("button", { name: "New category" }).click();
      const newCategory = page.getByRole("region", { name: "New district-defined category" });
      await newCategory.getByRole("textbox", { name: "Key" }).fill("media_inquiry");
      await newCategory.getByRole("textbox", { name: "Name in English" }).fill("Media inquiry");
      await newCategory.getByRole("textbox", { name: "Name in Spanish (optional)" }).fill("Consulta de prensa");
      await newCategory.getByRole("textbox", { name: "Phrases, one per line" }).fill("reporter\nnews story");
      await newCategory.getByRole("button", { name: "Create category" }).click();
      await page.getByRole("article", { name: "Media inquiry" }).waitFor();
      const media = (await listAlertCategories(ctx())).find((c) => c.key === "media_inquiry");
      expect(media).toMatchObject({ builtIn: false, phrases: ["reporter", "news story"], severity: "high", enabled: true });

      expect(pageErrors).toEqual([]);
    } finally {
      await context.close();
    }
    for (const [name, violations] of Object.entries(found)) expect(violations, name).toEqual([]);
    expect(Object.keys(found)).toHaveLength(9);
  }, 180_000);

  it("on a phone, a supervisor reads the rules and cannot change them", async () => {
    const supervisor = await buildStaff(t, d.district.id, { role: "supervisor", name: "Sam Okafor", departmentIds: [d.departments.transportation.id] });
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US", bypassCSP: true, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    try {
      await signIn(page, supervisor);
      await page.getByRole("link", { name: "Settings" }).click();
      await page.getByRole("heading", { level: 1, name: "Routing rules" }).waitFor();
      await page.getByText("You can see these settings. Only administrators can change them.").waitFor();
      await page.getByRole("article", { name: "Lunch questions" }).waitFor();
      expect(await page.getByRole("button", { name: "New rule" }).count()).toBe(0);
      expect(await page.getByRole("switch").count()).toBe(0);
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await axeViolations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);
});
