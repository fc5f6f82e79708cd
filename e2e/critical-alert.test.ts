import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages } from "../server/db/schema/index.js";
import { CHROMIUM, launchChromium } from "../server/test/browser.js";
import { bearer, buildDistrict, buildInquiry, buildStaff, type TestDistrict, type TestStaff } from "../server/test/factories.js";
import { testApp, type FakeClock, type TestApp } from "../server/test/test-app.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const AXE = path.join(ROOT, "node_modules/axe-core/axe.min.js");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
/** "Within a few seconds": how long the live stream may take to bring an alert. */
const LIVE_MS = 8_000;

// The browser runs on real time; a frozen clock would stamp every message with the same instant.
const realClock: FakeClock = { now: () => new Date(), set: () => undefined, advance: () => undefined };

let t: TestApp;
let d: TestDistrict;
let admin: TestStaff;
let rosa: TestStaff;
let dana: TestStaff;
let sam: TestStaff;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, "dist/web/index.html"))) throw new Error("dist/web is missing: run `npm run build` first (npm test does).");
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
  t = await testApp({ clock: realClock });
  d = await buildDistrict(t, { slug: `lakeside-${Date.now().toString(36)}`, name: "Lakeside Unified School District", prefix: "LUSD" });
  admin = await buildStaff(t, d.district.id, { role: "admin", name: "Alex Admin" });
  // The responder works in Transportation; the alert will come through the general question, which has no
  // department: she sees it because she is the self-harm responder (a watcher), not by her department.
  rosa = await buildStaff(t, d.district.id, { role: "agent", name: "Rosa Díaz", email: "rosa@lakeside.test", departmentIds: [d.departments.transportation.id] });
  dana = await buildStaff(t, d.district.id, { role: "supervisor", name: "Dana Reyes", email: "dana@lakeside.test", departmentIds: [d.departments.transportation.id] });
  sam = await buildStaff(t, d.district.id, { role: "agent", name: "Sam Okafor", departmentIds: [d.departments.transportation.id] });

  // Rosa answers self-harm alerts (what Settings → Critical alerts does, through the staff API).
  const categories = await t.app.inject({ method: "GET", url: "/api/alerts/categories", headers: bearer(admin) });
  expect(categories.statusCode, categories.body).toBe(200);
  const selfHarm = (categories.json() as { items: { id: string; key: string }[] }).items.find((c) => c.key === "self_harm");
  const patched = await t.app.inject({ method: "PATCH", url: `/api/alerts/categories/${selfHarm!.id}`, headers: bearer(admin), payload: { responderIds: [rosa.staff.id] } });
  expect(patched.statusCode, patched.body).toBe(200);

  await t.app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

// axe is injected as a script, which the app's CSP (rightly) forbids; the page itself is unchanged.
const newContext = (): Promise<BrowserContext> => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US", bypassCSP: true });

async function signIn(page: Page, who: TestStaff): Promise<void> {
  const streamOpen = page.waitForResponse((r) => r.url().endsWith("/api/stream") && r.status() === 200);
  await page.goto(`${baseUrl}/app/sign-in?district=${d.district.slug}`);
  await page.getByLabel("Work email").fill(who.staff.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("heading", { level: 1, name: "All open" }).waitFor();
  await streamOpen;
}

type AxeViolation = { id: string; impact: string | null; help: string; nodes: { target: string[]; html: string }[] };

/** axe-core's serious and critical WCAG 2.1 A/AA violations on the page as it is now, readably. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })).violations;
  }, WCAG_TAGS);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => `${n.target.join(" ")} ${n.html}`).join(", ")}`);
}

const api = (who: TestStaff, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(who), ...(payload ? { payload } : {}) });

describe("critical alerts in the staff app", () => {
  it("brings a family's self-harm statement to the responder live: banner, red pinned row, acknowledge, downgrade with a reason, notifications", async () => {
    const desk = await newContext();
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US", isMobile: true });
    const pageErrors: string[] = [];
    try {
      const page = await desk.newPage();
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await buildInquiry(t, d, { name: "Omar Haddad", email: "omar@example.com", message: "The bus skipped our stop on Pine Road again." });
      await signIn(page, rosa);
      await page.getByRole("link", { name: /The bus skipped our stop on Pine Road/ }).waitFor();
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));

      // A parent writes through the public front door.
      const family = await phone.newPage();
      await family.goto(`${baseUrl}/d/${d.district.slug}`);
      await family.getByRole("link", { name: "General question" }).click();
      await family.getByRole("radio", { name: "Parent or guardian" }).check();
      await family.getByLabel("Your message").fill("I am scared. Last night my son said he wants to kill himself. Please, who can we talk to?");
      await family.getByLabel("Your name").fill("Grace Kim");
      await family.getByLabel("Email address").fill("grace.kim@example.com");
      await family.getByRole("button", { name: "Send message" }).click();
      await family.getByRole("heading", { level: 1, name: "Thank you. We received your message." }).waitFor();
      const reference = (await family.locator("body").innerText()).match(/LUSD-\d+/)![0];

      // Within seconds, without a reload: the assertive banner with the reference and category.
      const banner = page.getByRole("region", { name: /critical alerts? needs? a responder/ });
      await banner.getByRole("listitem").filter({ hasText: reference }).waitFor({ timeout: LIVE_MS });
      expect(await banner.innerText()).toContain("Self-harm");
      expect(await page.locator(".alertbanner-live").getAttribute("aria-live")).toBe("assertive");
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

      // The conversation is red, says "Critical alert", and is pinned first although another one is newer.
      await buildInquiry(t, d, { name: "Ivy Chen", email: "ivy@example.com", message: "Can the bus wait two minutes longer at Elm Street?" });
      const rows = page.getByRole("list", { name: "Conversations" }).getByRole("article");
      await page.getByRole("link", { name: /Can the bus wait two minutes longer/ }).waitFor({ timeout: LIVE_MS });
      const first = rows.first();
      await expect.poll(() => first.textContent()).toContain(reference);
      expect(await first.textContent()).toContain("Critical alert");
      expect(await first.evaluate((el) => getComputedStyle(el).borderLeftColor)).toBe("rgb(180, 35, 24)");
      expect(await seriousViolations(page), "inbox with the banner").toEqual([]);

      // The responder acknowledges from the banner.
      await banner.getByRole("button", { name: new RegExp(`^Acknowledge ${reference}`) }).click();
      await banner.waitFor({ state: "detached" });
      const acknowledged = await api(admin, "GET", "/api/alerts?status=acknowledged");
      expect(acknowledged.json()).toMatchObject({ items: [{ conversation: { reference }, status: "acknowledged", acknowledgedBy: { name: "Rosa Díaz" } }] });
      await expect.poll(() => rows.filter({ hasText: reference }).textContent()).not.toContain("Critical alert");

      // A second alert, opened from the banner, is not critical: the responder says why.
      const second = await buildInquiry(t, d, {
        topic: d.topics.general,
        fields: {},
        name: "Ben Ortiz",
        email: "ben@example.com",
        message: "My daughter texted her friend that she is going to kill herself tonight.",
      });
      await banner.getByRole("listitem").filter({ hasText: second.reference }).waitFor({ timeout: LIVE_MS });
      await banner.getByRole("link", { name: `Open ${second.reference}` }).click();
      await page.getByRole("heading", { level: 1, name: /going to kill herself/ }).waitFor();
      const panel = page.getByRole("region", { name: "Critical alerts" });
      await panel.getByText("Waiting for a responder").waitFor();
      const message = page.getByRole("article", { name: /Ben Ortiz/ });
      expect(await message.locator("mark.evidence").count()).toBeGreaterThan(0);
      await page.getByRole("button", { name: "Why here?" }).click();
      await page.locator(".routing-steps").waitFor();
      expect(await seriousViolations(page), "conversation with the banner").toEqual([]);
      await page.getByRole("button", { name: "Ver en español" }).click();
      await page.getByRole("region", { name: "1 alerta crítica necesita un responsable" }).waitFor();
      await page.getByRole("region", { name: "Alertas críticas" }).getByText("Esperando a un responsable").waitFor();
      expect(await seriousViolations(page), "conversation with the banner, in Spanish").toEqual([]);
      await page.getByRole("button", { name: "View in English" }).click();
      await panel.waitFor();

      await panel.getByRole("button", { name: /^Not critical/ }).click();
      const dialog = page.getByRole("dialog", { name: "Not a critical concern?" });
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
      await dialog.getByRole("button", { name: "Mark not critical" }).click();
      await dialog.getByText("Say why this is not a critical concern (at least 5 characters).").waitFor();
      const reason = "Called the family: she was quoting a song lyric; the school counselor will check in tomorrow.";
      await dialog.getByLabel("Reason").fill(reason);
      await dialog.getByRole("button", { name: "Mark not critical" }).click();
      await dialog.waitFor({ state: "detached" });
      await panel.getByText(reason).waitFor();
      await panel.getByText("Not critical", { exact: true }).waitFor();
      await banner.waitFor({ state: "detached" });
      const downgraded = await api(admin, "GET", "/api/alerts?status=downgraded");
      expect(downgraded.json()).toMatchObject({ items: [{ conversation: { reference: second.reference }, downgradeReason: reason, downgradedBy: { name: "Rosa Díaz" } }] });

      // The bell counts the alerts; opening one marks it read.
      const bell = page.getByRole("button", { name: /^Notifications, \d+ unread$/ });
      await bell.waitFor();
      const unread = Number((await bell.getAttribute("aria-label"))!.match(/\d+/)![0]);
      expect(unread).toBeGreaterThanOrEqual(2);
      await bell.click();
      const feed = page.getByRole("dialog", { name: "Notifications" });
      const item = feed.getByRole("link", { name: new RegExp(`Unread: Critical alert \\(Self-harm\\) on ${reference}`) });
      await item.waitFor();
      await item.click();
      await page.getByRole("heading", { level: 1, name: /wants to kill himself/ }).waitFor();
      await page.getByRole("button", { name: `Notifications, ${unread - 1} unread` }).waitFor();
      expect(pageErrors).toEqual([]);
    } finally {
      await desk.close();
      await phone.close();
    }
  }, 180_000);

  it("stops a reply someone else answered first: names them, shows their reply, and sends anyway", async () => {
    const desk = await newContext();
    const pageErrors: string[] = [];
    try {
      const created = await buildInquiry(t, d, { name: "Nia Brooks", email: "nia@example.com", message: "Is the route 7 bus running during the snow day?" });
      const id = created.conversation.id;
      const page = await desk.newPage();
      page.on("pageerror", (e) => pageErrors.push(e.message));
      await signIn(page, dana);
      const viewing = page.waitForRequest((r) => r.url().endsWith(`/api/conversations/${id}/presence`) && r.method() === "PUT");
      await page.goto(`${baseUrl}/app/conversations/${id}`);
      await page.getByRole("heading", { level: 1, name: /route 7 bus/ }).waitFor();
      expect((await viewing).postDataJSON()).toEqual({ state: "viewing" });

      // Sam opens it and starts replying: Dana sees it live.
      expect((await api(sam, "PUT", `/api/conversations/${id}/presence`, { state: "replying" })).statusCode).toBe(204);
      await page.getByRole("status").filter({ hasText: "Sam Okafor is replying…" }).waitFor({ timeout: LIVE_MS });

      const composer = page.getByRole("textbox", { name: "Reply to Nia Brooks" });
      const draft = "Hi Nia, route 7 runs on the snow schedule: 20 minutes later than usual.";
      const replying = page.waitForRequest((r) => r.url().endsWith(`/api/conversations/${id}/presence`) && r.postDataJSON()?.state === "replying");
      await composer.fill(draft);
      await replying;

      // Sam answers first; Dana's send is stopped.
      expect((await api(sam, "POST", `/api/conversations/${id}/replies`, { body: "Hello Nia, yes, route 7 runs today on the snow schedule." })).statusCode).toBe(201);
      await page.getByRole("button", { name: "Send reply" }).click();
      let dialog = page.getByRole("alertdialog", { name: "Someone already replied" });
      await dialog.getByText("Sam Okafor replied to the family after you opened this conversation.").waitFor();

      // "Show their reply": the dialog closes on Sam's reply, the draft is kept.
      await dialog.getByRole("button", { name: "Show their reply" }).click();
      await dialog.waitFor({ state: "detached" });
      await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? "")).toMatch(/^message-/);
      expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).toContain("yes, route 7 runs today");
      expect(await composer.inputValue()).toBe(draft);

      // Sam writes again before Dana sends: stopped again, and this time Dana sends anyway.
      expect((await api(sam, "POST", `/api/conversations/${id}/replies`, { body: "Also: school starts two hours late." })).statusCode).toBe(201);
      await page.getByRole("button", { name: "Send reply" }).click();
      dialog = page.getByRole("alertdialog", { name: "Someone already replied" });
      await dialog.getByRole("button", { name: "Send anyway" }).click();
      await dialog.waitFor({ state: "detached" });
      await page.getByRole("article", { name: /Dana Reyes.*Reply to family/ }).filter({ hasText: draft }).waitFor();
      expect(await composer.inputValue()).toBe("");

      // Her next reply carries a fresh openedAt: no dialog.
      await composer.fill("We will post updates on the district website too.");
      await page.getByRole("button", { name: "Send reply" }).click();
      await page.getByRole("article", { name: /Dana Reyes.*Reply to family/ }).filter({ hasText: "updates on the district website" }).waitFor();
      expect(await page.getByRole("alertdialog").count()).toBe(0);

      const sent = await t.database.db.select().from(messages).where(and(eq(messages.conversationId, id), eq(messages.direction, "outbound")));
      expect(sent).toHaveLength(4);
      expect(pageErrors).toEqual([]);
    } finally {
      await desk.close();
    }
  }, 120_000);
});
