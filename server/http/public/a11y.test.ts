import { existsSync, readFileSync } from "node:fs";
import { CHROMIUM, launchChromium } from "../../test/browser.js";
import type { AddressInfo } from "node:net";
import { type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FormDefinition } from "../../../common/contract/forms.js";
import { topics } from "../../db/schema/index.js";
import { changeStatus, replyToConversation } from "../../domain/conversations/index.js";
import { buildDistrict, buildInquiry, buildStaff, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

const AXE_SOURCE = readFileSync(new URL("../../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");

const MIXED_FORM: FormDefinition = {
  fields: [
    { key: "student", type: "text", label: { en: "Student's name", es: "Nombre del estudiante" }, required: true },
    { key: "details", type: "long_text", label: { en: "Details", es: "Detalles" }, help: { en: "Dates and times help us", es: "Las fechas y horas nos ayudan" }, required: false },
    {
      key: "grade",
      type: "choice",
      label: { en: "Grade level", es: "Nivel de grado" },
      required: true,
      options: [
        { value: "k5", label: { en: "K–5", es: "K–5" } },
        { value: "68", label: { en: "6–8", es: "6–8" } },
      ],
    },
    {
      key: "subject",
      type: "choice",
      label: { en: "Subject", es: "Materia" },
      required: false,
      options: ["Math", "English", "Science", "History", "Art", "Music"].map((s) => ({ value: s.toLowerCase(), label: { en: s } })),
    },
    {
      key: "days",
      type: "multi_choice",
      label: { en: "Which days?", es: "¿Qué días?" },
      required: false,
      options: [
        { value: "mon", label: { en: "Monday", es: "Lunes" } },
        { value: "tue", label: { en: "Tuesday", es: "Martes" } },
      ],
    },
    { key: "when", type: "date", label: { en: "Date", es: "Fecha" }, required: false },
    { key: "campus", type: "school", label: { en: "School", es: "Escuela" }, required: true },
    { key: "alt_phone", type: "phone", label: { en: "Other phone", es: "Otro teléfono" }, required: false },
    { key: "alt_email", type: "email", label: { en: "Other email", es: "Otro correo" }, required: false },
    { key: "age", type: "number", label: { en: "Age", es: "Edad" }, required: false, min: 3, max: 22 },
  ],
};

let t: TestApp;
let d: TestDistrict;
let base: string;
let browser: Browser;
let statusPath: string;
let ratePath: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
  t = await testApp();
  d = await buildDistrict(t, { name: "Riverside Unified School District", prefix: "RUSD" });
  await t.database.db.insert(topics).values({ districtId: d.district.id, slug: "classroom", name: { en: "A classroom matter", es: "Un asunto del salón" }, form: MIXED_FORM });
  const agent = await buildStaff(t, d.district.id, { role: "admin", name: "Dana Reyes" });
  const answered = await buildInquiry(t, d, { attachments: [{ filename: "stop.png", contentType: "image/png", data: PNG }] });
  await t.tx(d.district.id, agent.actor, (ctx) => replyToConversation(ctx, answered.conversation.id, "We spoke to the driver; the route is fixed."));
  statusPath = `${new URL(answered.statusUrl).pathname}?submitted=1`;
  const resolved = await buildInquiry(t, d, { email: "rater@example.com" });
  await t.tx(d.district.id, agent.actor, (ctx) => replyToConversation(ctx, resolved.conversation.id, "Done."));
  await t.tx(d.district.id, agent.actor, (ctx) => changeStatus(ctx, resolved.conversation.id, "resolved"));
  await t.drain();
  const survey = t.mailer.sent.find((m) => m.to === "rater@example.com" && /\/rate\//.test(m.text))!;
  ratePath = new URL(/https?:\/\/\S+\/rate\/[A-Za-z0-9_-]+/.exec(survey.text)![0]).pathname;
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

type AxeResult = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] };

/** axe-core's WCAG 2.1 A/AA violations on the page as it is now (evaluated, so our strict CSP needs no bypass). */
async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<AxeResult> } }).axe;
    return axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
  }, WCAG_TAGS);
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** A context that records Content-Security-Policy violations reported in the console. */
async function context(opts: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {}) {
  const ctx: BrowserContext = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 }, javaScriptEnabled: opts.javaScriptEnabled ?? true });
  const cspErrors: string[] = [];
  const page = await ctx.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  return { ctx, page, cspErrors };
}

describe("WCAG 2.1 AA on the public pages (Chromium + axe-core)", { timeout: 120_000 }, () => {
  it("uses a checker that does catch violations", async () => {
    const { ctx, page } = await context();
    try {
      await page.setContent('<!doctype html><html><head><title>x</title></head><body><main><input type="text"></main></body></html>');
      expect((await axeViolations(page)).join("\n")).toMatch(/^(html-has-lang|label)/m);
    } finally {
      await ctx.close();
    }
  });

  const pages: [string, () => string][] = [
    ["the landing page in English", () => `/d/${d.district.slug}?lang=en`],
    ["the landing page in Spanish", () => `/d/${d.district.slug}?lang=es`],
    ["a topic form with every field type", () => `/d/${d.district.slug}/topics/classroom`],
    ["the Spanish bus form", () => `/d/${d.district.slug}/topics/bus-concern?lang=es`],
    ["the status page after submitting", () => statusPath],
    ["the rating page", () => ratePath],
  ];
  for (const [name, path] of pages) {
    it(`has no violations on ${name}`, async () => {
      const { ctx, page, cspErrors } = await context();
      try {
        const res = await page.goto(`${base}${path()}`);
        expect(res?.status()).toBe(200);
        expect(await axeViolations(page)).toEqual([]);
        expect(cspErrors).toEqual([]);
      } finally {
        await ctx.close();
      }
    });
  }

  it("has no violations on a form re-rendered with errors, and its summary links reach the fields", async () => {
    const { ctx, page, cspErrors } = await context();
    try {
      await page.goto(`${base}/d/${d.district.slug}/topics/classroom`);
      await page.getByLabel("Email address").fill("not an email");
      await page.getByRole("button", { name: "Send message" }).click();
      await page.getByRole("alert").waitFor();
      expect(await page.title()).toMatch(/^Error: /);
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole("link", { name: /Student's name: this is required/ }).click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("field-student");
      expect(await page.getByLabel("Email address").inputValue()).toBe("not an email");
      expect(cspErrors).toEqual([]);
    } finally {
      await ctx.close();
    }
  });

  it("fits a 390 px phone screen without sideways scrolling", async () => {
    const { ctx, page } = await context({ viewport: { width: 390, height: 844 } });
    try {
      for (const path of [`/d/${d.district.slug}`, `/d/${d.district.slug}/topics/classroom`, statusPath]) {
        await page.goto(`${base}${path}`);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
      }
    } finally {
      await ctx.close();
    }
  });
});

describe("the HTML form without JavaScript", { timeout: 120_000 }, () => {
  it("takes a Spanish bus concern on a phone and lands on the confirmation with the reference", async () => {
    const { ctx, page } = await context({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    try {
      await page.goto(`${base}/d/${d.district.slug}?lang=es`);
      await page.getByRole("link", { name: "Problema con el autobús" }).click();
      await page.getByRole("heading", { level: 1, name: "Problema con el autobús" }).waitFor();
      await page.getByLabel("Escuela").selectOption({ label: "River High School" });
      await page.getByLabel("Número de autobús").fill("12");
      await page.getByRole("radio", { name: "Padre, madre o tutor" }).check();
      await page.getByLabel("Su mensaje").fill("El autobús 12 no pasó hoy por la parada de Elm Street.");
      await page.getByLabel("Su nombre").fill("María López");
      await page.getByLabel("Correo electrónico").fill("maria@example.com");
      await page.getByRole("button", { name: "Enviar mensaje" }).click();
      await page.getByRole("heading", { level: 1, name: "Gracias. Recibimos su mensaje." }).waitFor();
      expect(page.url()).toMatch(/\/c\/[^?]+\?submitted=1&lang=es$/);
      expect(await page.locator(".reference").innerText()).toMatch(/^RUSD-\d+$/);
      const text = await page.locator("main").innerText();
      expect(text).toContain("Le responderemos en un plazo de 1 día hábil.");
      expect(text).toContain("Le enviamos una confirmación a su correo electrónico.");
      expect(text).toContain("El autobús 12 no pasó hoy por la parada de Elm Street.");
    } finally {
      await ctx.close();
    }
  });
});
