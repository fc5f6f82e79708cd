import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FormDefinition } from "../../../common/contract/forms.js";
import { topics } from "../../db/schema/index.js";
import { buildDistrict, type TestDistrict } from "../../test/factories.js";
import { testApp, type TestApp } from "../../test/test-app.js";

let t: TestApp;
let d: TestDistrict;
let other: TestDistrict;

/** One question of every FormFieldType, bilingual, with help text on some. */
const ALL_TYPES: FormDefinition = {
  fields: [
    { key: "student_name", type: "text", label: { en: "Student's name", es: "Nombre del estudiante" }, required: true },
    { key: "details", type: "long_text", label: { en: "What happened", es: "Qué pasó" }, help: { en: "Include the time", es: "Incluya la hora" }, required: false },
    {
      key: "grade",
      type: "choice",
      label: { en: "Grade level", es: "Nivel de grado" },
      required: true,
      options: [
        { value: "elementary", label: { en: "Elementary", es: "Primaria" } },
        { value: "middle", label: { en: "Middle", es: "Secundaria" } },
        { value: "high", label: { en: "High", es: "Preparatoria" } },
      ],
    },
    {
      key: "period",
      type: "choice",
      label: { en: "Class period", es: "Periodo de clase" },
      required: false,
      options: ["1", "2", "3", "4", "5", "6", "7"].map((p) => ({ value: p, label: { en: `Period ${p}`, es: `Periodo ${p}` } })),
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
    { key: "age", type: "number", label: { en: "Student's age", es: "Edad del estudiante" }, required: false, min: 3, max: 22 },
  ],
};

beforeAll(async () => {
  t = await testApp();
  d = await buildDistrict(t);
  other = await buildDistrict(t);
  await t.database.db.insert(topics).values([
    { districtId: d.district.id, slug: "everything", name: { en: "Every question", es: "Todas las preguntas" }, form: ALL_TYPES, defaultKind: "suggestion" },
    { districtId: other.district.id, slug: "only-there", name: { en: "Only in the other district" } },
    { districtId: d.district.id, slug: "retired", name: { en: "Retired" }, active: false },
  ]);
});
afterAll(() => t.close());

const tag = (body: string, pattern: RegExp) => body.match(pattern)?.[0] ?? "";

describe("GET /d/:district/topics/:topic (the topic's form)", () => {
  it("renders every field type with its label tied to its input", async () => {
    const res = await t.app.inject({ url: `/d/${d.district.slug}/topics/everything` });
    expect(res.statusCode).toBe(200);
    const b = res.body;
    expect(b).toMatch(/<form class="inquiry" method="post" action="\/d\/[^"]+\/topics\/everything\?lang=en" enctype="multipart\/form-data" novalidate>/);
    expect(b).toContain('<label for="field-student_name">Student&#39;s name <span class="mark">(required)</span></label>');
    expect(tag(b, /<input id="field-student_name"[^>]*>/)).toMatch(/name="fields.student_name" type="text".* required/);
    expect(b).toMatch(/<textarea id="field-details" name="fields.details" rows="5" aria-describedby="field-details-hint">/);
    expect(b).toContain('<p class="hint" id="field-details-hint">Include the time</p>');
    // Three options: a radio group in a fieldset; seven: a select.
    expect(b).toMatch(/<fieldset>\s*<legend>Grade level <span class="mark">\(required\)<\/span><\/legend>/);
    expect(tag(b, /<input id="field-grade-1"[^>]*>/)).toContain('type="radio" value="middle"');
    expect(b).toContain('<label for="field-grade-1">Middle</label>');
    expect(b).toMatch(/<select id="field-period" name="fields.period">\s*<option value="">Choose one<\/option>/);
    expect(b).toMatch(/<legend>Which days\?<\/legend>/);
    expect(tag(b, /<input id="field-days-0"[^>]*>/)).toContain('type="checkbox" value="mon"');
    expect(tag(b, /<input id="field-when"[^>]*>/)).toContain('type="date"');
    expect(b).toMatch(/<select id="field-campus" name="fields.campus" required>\s*<option value="">Choose a school<\/option>/);
    expect(b).toContain(`<option value="${d.schools[0]!.id}">Oak Elementary</option>`);
    expect(b).not.toContain(other.schools[0]!.id);
    expect(tag(b, /<input id="field-alt_phone"[^>]*>/)).toContain('type="tel"');
    expect(tag(b, /<input id="field-alt_email"[^>]*>/)).toContain('type="email"');
    expect(tag(b, /<input id="field-age"[^>]*>/)).toMatch(/type="number" inputmode="decimal" min="3" max="22"/);
  });

  it("asks what every message needs: kind (the topic's default checked), role, message, contact, language and files", async () => {
    const b = (await t.app.inject({ url: `/d/${d.district.slug}/topics/everything` })).body;
    expect(b).toContain("<legend>What kind of message is this?</legend>");
    expect(tag(b, /<input id="kind-3"[^>]*>/)).toMatch(/value="suggestion" checked/);
    expect(b).toContain("<legend>I am a…</legend>");
    expect(b).toContain('<label for="role-0">Parent or guardian</label>');
    expect(b).toMatch(/<textarea id="message" name="message" rows="8" aria-describedby="message-hint" required>/);
    expect(tag(b, /<input id="name"[^>]*>/)).toContain('autocomplete="name"');
    expect(tag(b, /<input id="email"[^>]*>/)).toMatch(/type="email".*autocomplete="email"/);
    expect(tag(b, /<input id="phone"[^>]*>/)).toMatch(/type="tel".*autocomplete="tel"/);
    expect(tag(b, /<input id="language-0"[^>]*>/)).toMatch(/value="en" checked/);
    expect(b).toContain('<label for="language-1" lang="es">Español</label>');
    expect(tag(b, /<input id="attachments"[^>]*>/)).toMatch(/type="file".* multiple/);
    expect(b).not.toContain('id="anonymous"');
  });

  it("is fully Spanish with ?lang=es", async () => {
    const b = (await t.app.inject({ url: `/d/${d.district.slug}/topics/everything?lang=es` })).body;
    expect(b).toContain('<html lang="es">');
    expect(b).toContain("<h1>Todas las preguntas</h1>");
    expect(b).toContain('Nombre del estudiante <span class="mark">(obligatorio)</span>');
    expect(b).toContain('<label for="field-grade-2">Preparatoria</label>');
    expect(b).toContain("<legend>¿Qué tipo de mensaje es?</legend>");
    expect(b).toContain("Elija una escuela");
    expect(b).toContain("Enviar mensaje");
    expect(tag(b, /<input id="language-1"[^>]*>/)).toMatch(/value="es" checked/);
    expect(b).not.toMatch(/\(required\)|Send message|Your message|Choose a school/);
  });

  it("reaches a private topic by direct link and offers the anonymous option there", async () => {
    const res = await t.app.inject({ url: `/d/${d.district.slug}/topics/safety-tip` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<input id="anonymous" name="anonymous" type="checkbox" value="1" aria-describedby="anonymous-hint">');
    expect(res.body).toContain("In an emergency, call 911.");
  });

  it("answers another district's topic, an inactive topic or an unknown one with a 404 page", async () => {
    for (const slug of ["only-there", "retired", "nope", "UPPER", "a".repeat(99)]) {
      const res = await t.app.inject({ url: `/d/${d.district.slug}/topics/${slug}`, headers: { "accept-language": "es" } });
      expect(res.statusCode, slug).toBe(404);
      expect(res.body).toContain("Página no encontrada");
    }
    expect((await t.app.inject({ url: `/d/${other.district.slug}/topics/only-there` })).statusCode).toBe(200);
  });
});
