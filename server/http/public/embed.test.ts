import { existsSync, readFileSync } from "node:fs";
import { CHROMIUM, launchChromium } from "../../test/browser.js";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

const AXE_SOURCE = readFileSync(new URL("../../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

let t: TestApp;
let d: TestDistrict;
let base: string;
let browser: Browser;
let site: Server;
let siteUrl: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
  t = await testApp();
  d = await buildDistrict(t, { name: "Riverside Unified School District" });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  // The district's own website: another origin, which serves the page the snippet is pasted into.
  site = createServer((req, res) => {
    const lang = new URL(req.url ?? "/", "http://x").searchParams.get("lang") ?? "en";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="${lang}"><head><title>District site</title></head><body><main><h1>Welcome</h1><a href="#news">News</a></main></body></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "localhost", resolve));
  siteUrl = `http://localhost:${(site.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
  await t?.close();
});

/** A district's own page (another origin), then the pasted snippet added the way a CMS would. */
async function hostPage(opts: { lang: string; width: number; attrs?: Record<string, string> }): Promise<{ page: Page; globalsBefore: string[] }> {
  const ctx = await browser.newContext({ viewport: { width: opts.width, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(`${siteUrl}/?lang=${encodeURIComponent(opts.lang)}`);
  const globalsBefore = await page.evaluate(() => Object.keys(window));
  await page.evaluate(
    ({ src, attrs }) => {
      const s = document.createElement("script");
      s.src = src;
      s.async = true;
      for (const [k, v] of Object.entries(attrs)) s.setAttribute(k, v);
      document.body.appendChild(s);
    },
    { src: `${base}/embed.js`, attrs: { "data-district": d.district.slug, ...(opts.attrs ?? {}) } },
  );
  return { page, globalsBefore };
}

const focusedInShadow = (page: Page) =>
  page.evaluate(() => document.querySelector("[data-frontoffice]")?.shadowRoot?.activeElement?.textContent ?? null);

describe("embed.js (the Let's Talk button on a district's site)", { timeout: 120_000 }, () => {
  it("adds a keyboard-reachable button named from the host page's language, leaking no globals", async () => {
    const { page, globalsBefore } = await hostPage({ lang: "es-US", width: 1280 });
    try {
      const button = page.getByRole("button", { name: "Hablemos" });
      await button.waitFor();
      expect(await page.evaluate(() => Object.keys(window))).toEqual(globalsBefore);
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await focusedInShadow(page)).toBe("Hablemos");
      const box = (await button.boundingBox())!;
      expect(box.x + box.width).toBeGreaterThan(1280 - 40);
      expect(box.height).toBeGreaterThanOrEqual(44);
    } finally {
      await page.context().close();
    }
  });

  it("opens the landing page in a labelled modal dialog; Escape and the close button close it and focus returns", async () => {
    const { page } = await hostPage({ lang: "en", width: 1280 });
    try {
      const button = page.getByRole("button", { name: "Let's Talk" });
      await button.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: "Let's Talk" });
      await dialog.waitFor();
      expect(await focusedInShadow(page)).toBe("Close");
      const frame = page.frameLocator("iframe[title]");
      await frame.getByRole("heading", { level: 1, name: "How can we help?" }).waitFor();
      const src = await page.locator("iframe").getAttribute("src");
      expect(src).toBe(`${base}/d/${d.district.slug}?lang=en&embed=1`);
      // Links inside the dialog stay inside it.
      expect(await frame.getByRole("link", { name: "Bus concern" }).getAttribute("href")).toContain("embed=1");

      await page.evaluate(AXE_SOURCE);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string }[] }> } }).axe;
        const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        return r.violations.map((v) => v.id);
      });
      expect(violations).toEqual([]);

      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      expect(await focusedInShadow(page)).toBe("Let's Talk");

      await page.keyboard.press("Enter");
      await dialog.waitFor();
      await page.getByRole("button", { name: "Close" }).click();
      await dialog.waitFor({ state: "hidden" });
      expect(await focusedInShadow(page)).toBe("Let's Talk");
    } finally {
      await page.context().close();
    }
  });

  it("honours data-label and data-position, and goes straight to the page on a narrow screen", async () => {
    const { page } = await hostPage({ lang: "en", width: 400, attrs: { "data-label": "Contact us", "data-position": "left", "data-lang": "es" } });
    try {
      const button = page.getByRole("button", { name: "Contact us" });
      await button.waitFor();
      expect((await button.boundingBox())!.x).toBeLessThan(40);
      await button.click();
      await page.waitForURL(`${base}/d/${d.district.slug}?lang=es`);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("¿Cómo podemos ayudarle?");
    } finally {
      await page.context().close();
    }
  });
});
