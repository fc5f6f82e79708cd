import { existsSync } from "node:fs";
import { CHROMIUM, launchChromium } from "../server/test/browser.js";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { eq } from "drizzle-orm";
import { type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { conversations, ratings } from "../server/db/schema/index.js";
import { buildDistrict, buildStaff, type TestDistrict, type TestStaff } from "../server/test/factories.js";
import { shiftableClock, testApp, TEST_PUBLIC_URL, type TestApp } from "../server/test/test-app.js";

const ROOT = path.resolve(import.meta.dirname, "..");

let t: TestApp;
let d: TestDistrict;
let dana: TestStaff;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, "dist/web/index.html"))) throw new Error("dist/web is missing: run `npm run build` first (npm test does).");
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium).`);
  t = await testApp({ clock: shiftableClock() });
  d = await buildDistrict(t, { slug: `riverside-${Date.now().toString(36)}`, name: "Riverside Unified School District", prefix: "RUSD" });
  dana = await buildStaff(t, d.district.id, { role: "agent", name: "Dana Reyes", email: "dana@riverside.test", departmentIds: [d.departments.transportation.id] });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** The link a family finds in the email they received, pointed at this test server. */
async function linkInEmail(to: string, pattern: RegExp): Promise<string> {
  await t.drain();
  const mail = [...t.mailer.sent].reverse().find((m) => m.to === to && pattern.test(m.text));
  if (!mail) throw new Error(`no email to ${to} matching ${pattern}`);
  return mail.text.match(pattern)![0].replace(TEST_PUBLIC_URL, baseUrl);
}

describe("a family's concern, from the front door to the rating", () => {
  it("goes from a Spanish bus concern on a phone without JavaScript, through the live inbox and email, to a rating", async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false, locale: "es-MX", isMobile: true });
    const desk = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
    try {
      // The agent is signed in and watching the inbox before the family writes.
      const agent = await desk.newPage();
      const streamOpen = agent.waitForResponse((r) => r.url().endsWith("/api/stream") && r.status() === 200);
      await agent.goto(`${baseUrl}/app/sign-in?district=${d.district.slug}`);
      await agent.getByLabel("Work email").fill(dana.staff.email);
      await agent.getByLabel("Password").fill(dana.password);
      await agent.getByRole("button", { name: "Sign in" }).click();
      await agent.getByRole("heading", { level: 1, name: "All open" }).waitFor();
      await streamOpen;

      // A parent on a phone, JavaScript off, in Spanish (from the browser's language).
      const family = await phone.newPage();
      await family.goto(`${baseUrl}/d/${d.district.slug}`);
      await family.getByRole("link", { name: "Problema con el autobús" }).click();
      await family.getByLabel("Escuela").selectOption({ label: "River High School" });
      await family.getByLabel("Número de autobús").fill("42");
      await family.getByLabel("Calle o parada").fill("Elm Street y 5th");
      await family.getByRole("radio", { name: "Padre, madre o tutor" }).check();
      await family.getByLabel("Su mensaje").fill("El autobús 42 no pasó hoy por la parada de Elm Street. Mi hija llegó tarde.");
      await family.getByLabel("Su nombre").fill("María López");
      await family.getByLabel("Correo electrónico").fill("maria.lopez@example.com");
      await family.getByRole("button", { name: "Enviar mensaje" }).click();
      await family.getByRole("heading", { level: 1, name: "Gracias. Recibimos su mensaje." }).waitFor();
      const reference = (await family.locator("body").innerText()).match(/RUSD-\d+/)![0];
      const [conv] = await t.database.db.select().from(conversations).where(eq(conversations.reference, reference));
      expect(conv).toMatchObject({ language: "es", departmentId: d.departments.transportation.id, channel: "web_form" });

      // It appears live in the agent's inbox; the agent answers.
      const row = agent.getByRole("link", { name: /El autobús 42 no pasó/ });
      await row.waitFor();
      await row.click();
      const composer = agent.getByRole("textbox", { name: "Reply to María López" });
      await composer.fill("Gracias, María. Hablamos con el conductor; mañana pasará a las 7:10.");
      await composer.press("Control+Enter");
      await agent.getByRole("article", { name: /Dana Reyes/ }).filter({ hasText: "mañana pasará a las 7:10" }).waitFor();

      // The reply arrives by email with the private link; the family reads it and writes back, still without JavaScript.
      const statusLink = await linkInEmail("maria.lopez@example.com", /https?:\/\/\S+\/c\/[A-Za-z0-9_.-]+/);
      await family.goto(statusLink);
      await family.getByText("mañana pasará a las 7:10").waitFor();
      await family.getByLabel("Su mensaje").fill("¡Gracias! Hoy pasó a tiempo.");
      await family.getByRole("button", { name: "Enviar", exact: true }).click();
      await family.getByText("Su mensaje fue enviado.").waitFor();

      // The agent sees the answer on the timeline and resolves the conversation.
      await agent.getByText("¡Gracias! Hoy pasó a tiempo.").waitFor();
      await agent.getByRole("button", { name: "Resolve" }).click();
      await expect.poll(async () => (await t.database.db.select().from(conversations).where(eq(conversations.id, conv!.id)))[0]!.status).toBe("resolved");

      // The family rates the answer from the one-time link in the survey email.
      const rateLink = await linkInEmail("maria.lopez@example.com", /https?:\/\/\S+\/rate\/[A-Za-z0-9_-]+/);
      await family.goto(rateLink);
      await family.getByRole("heading", { level: 1, name: "¿Cómo lo hicimos?" }).waitFor();
      for (const [legend, value] of [["¿Qué tan exacta fue nuestra respuesta?", "9"], ["¿Qué tan rápido le respondimos?", "8"], ["¿Qué tan amables fuimos?", "10"]] as const) {
        await family.getByRole("group", { name: new RegExp(legend.replace(/[?¿]/g, ".")) }).getByRole("radio", { name: value, exact: true }).check();
      }
      await family.getByLabel(/¿Algo más que quiera decirnos\?/).fill("Muy rápido, gracias.");
      await family.getByRole("button", { name: "Enviar calificación" }).click();
      await family.getByRole("heading", { level: 1, name: "Gracias por su calificación" }).waitFor();
      const [rating] = await t.database.db.select().from(ratings).where(eq(ratings.conversationId, conv!.id));
      expect(rating).toMatchObject({ accuracy: 9, timeliness: 8, courtesy: 10, comment: "Muy rápido, gracias." });
    } finally {
      await phone.close();
      await desk.close();
    }
  }, 180_000);
});
