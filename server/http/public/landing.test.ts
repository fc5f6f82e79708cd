import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en, es } from "../../../common/i18n/public.js";
import { categories, topics } from "../../db/schema/index.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
let d: TestDistrict;

/** Every plain English sentence of the catalog that differs from its Spanish twin. */
function englishOnlyStrings(): string[] {
  const out: string[] = [];
  const walk = (a: unknown, b: unknown) => {
    if (typeof a === "string" && typeof b === "string" && a !== b && a.length > 3) out.push(a);
    else if (a && typeof a === "object" && b && typeof b === "object") {
      for (const k of Object.keys(a)) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
    }
  };
  walk(en, es);
  return out;
}

const text = (body: string) => body.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t, { name: "Riverside Unified School District", prefix: "RUSD" });
  const [meals] = await t.database.db
    .insert(categories)
    .values({ districtId: d.district.id, slug: "meals", name: { en: "Meals", es: "Comidas" }, position: 2 })
    .returning();
  await t.database.db.insert(topics).values([
    {
      districtId: d.district.id,
      categoryId: meals!.id,
      slug: "lunch-menu",
      name: { en: "School lunch", es: "Almuerzo escolar" },
      description: { en: "Menus, allergies and meal accounts", es: "Menús, alergias y cuentas de comida" },
      position: 4,
    },
    { districtId: d.district.id, slug: "old-topic", name: { en: "Retired topic", es: "Tema retirado" }, active: false, position: 5 },
  ]);
});
afterAll(() => t.close());

describe("GET /d/:district (the Let's Talk landing page)", () => {
  it("welcomes in English with topics grouped by category, the safety link, and no private topic in the list", async () => {
    const res = await t.app.inject({ method: "GET", url: `/d/${d.district.slug}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    const body = res.body;
    expect(body).toContain('<html lang="en">');
    expect(body).toContain("Riverside Unified School District");
    expect(body).toMatch(/<h2 id="cat-general">General<\/h2>/);
    expect(body).toMatch(/<h2 id="cat-meals">Meals<\/h2>/);
    expect(body).toContain(`href="/d/${d.district.slug}/topics/bus-concern"`);
    expect(body).toContain("Menus, allergies and meal accounts");
    expect(body).not.toContain("Retired topic");
    // The private safety line is a prominent link above the list, not an entry in it.
    expect(body.match(/topics\/safety-tip"/g)).toHaveLength(1);
    expect(body).toContain("Report a safety concern");
    expect(body).toContain("within 1 business day");
    expect(body.match(/<h1[ >]/g)).toHaveLength(1);
    expect(body).not.toMatch(/<script/i);
    expect(body).not.toMatch(/ style=/i);
  });

  it("may be framed by a district site but never leaks the URL in a Referer", async () => {
    const res = await t.app.inject({ method: "GET", url: `/d/${d.district.slug}` });
    expect(res.headers["content-security-policy"]).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors *",
    );
    expect(res.headers["referrer-policy"]).toBe("no-referrer");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("speaks Spanish with ?lang=es, remembers the choice in a cookie, and leaves no English behind", async () => {
    const res = await t.app.inject({ method: "GET", url: `/d/${d.district.slug}?lang=es` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<html lang="es">');
    expect(res.body).toContain("¿Cómo podemos ayudarle?");
    expect(res.body).toContain("Problema con el autobús");
    expect(res.body).toContain("Reportar un problema de seguridad");
    expect(res.body).toContain("en un plazo de 1 día hábil");
    expect(res.body).toContain('lang="en" hreflang="en">English</a>');
    expect(String(res.headers["set-cookie"])).toMatch(/^fo_lang=es;.*Path=\/.*SameSite=Lax/);
    const visible = text(res.body);
    for (const sentence of englishOnlyStrings()) expect(visible, sentence).not.toContain(sentence);
    expect(visible).not.toContain("Bus concern");
  });

  it("follows the fo_lang cookie over the browser, and the browser's Accept-Language otherwise", async () => {
    const byCookie = await t.app.inject({ url: `/d/${d.district.slug}`, headers: { cookie: "fo_lang=es", "accept-language": "en-US" } });
    expect(byCookie.body).toContain('<html lang="es">');
    expect(byCookie.headers["set-cookie"]).toBeUndefined();
    const byBrowser = await t.app.inject({ url: `/d/${d.district.slug}`, headers: { "accept-language": "fr-CA, es-MX;q=0.8, en;q=0.5" } });
    expect(byBrowser.body).toContain('<html lang="es">');
    const english = await t.app.inject({ url: `/d/${d.district.slug}`, headers: { "accept-language": "en-GB, es;q=0.2" } });
    expect(english.body).toContain('<html lang="en">');
  });

  it("filters topics with the search box, without JavaScript and ignoring accents", async () => {
    const bus = await t.app.inject({ url: `/d/${d.district.slug}?q=bus` });
    expect(bus.body).toContain("1 topic matches “bus”.");
    expect(bus.body).toContain("Bus concern");
    expect(bus.body).not.toContain("School lunch");
    expect(bus.body).toContain('value="bus"');
    const autobus = await t.app.inject({ url: `/d/${d.district.slug}?lang=es&q=AUTOBUS` });
    expect(autobus.body).toContain("Problema con el autobús");
    expect(autobus.body).not.toContain("Almuerzo escolar");
    const menu = await t.app.inject({ url: `/d/${d.district.slug}?lang=es&q=menus alergias` });
    expect(menu.body).toContain("Almuerzo escolar");
    const none = await t.app.inject({ url: `/d/${d.district.slug}?q=${encodeURIComponent("<b>zebra</b>")}` });
    expect(none.statusCode).toBe(200);
    expect(none.body).toContain("No topic matches “&lt;b&gt;zebra&lt;/b&gt;”");
    expect(none.body).not.toContain("<b>zebra");
  });

  it("keeps embed=1 and the language in every link inside the embed dialog", async () => {
    const res = await t.app.inject({ url: `/d/${d.district.slug}?embed=1&lang=es` });
    expect(res.body).toContain(`href="/d/${d.district.slug}/topics/bus-concern?embed=1&amp;lang=es"`);
    expect(res.body).toContain('<input type="hidden" name="embed" value="1">');
  });

  it("answers an unknown district with a 404 page in the page language", async () => {
    const res = await t.app.inject({ url: "/d/no-such-district", headers: { "accept-language": "es" } });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain('<html lang="es">');
    expect(res.body).toContain("Página no encontrada");
    const odd = await t.app.inject({ url: "/d/%E2%80%AE..%2F..%2Fetc" });
    expect(odd.statusCode).toBe(404);
    const unknownPath = await t.app.inject({ url: `/d/${d.district.slug}/nothing/here` });
    expect(unknownPath.statusCode).toBe(404);
    expect(unknownPath.headers["content-type"]).toContain("text/html");
  });
});
