import i18next, { type TFunction } from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { RoutingRuleInputSchema, type RoutingRule, type RoutingStep } from "../../../../common/contract/routing.js";
import { en } from "../../lib/i18n/en.js";
import { es } from "../../lib/i18n/es.js";
import type { Meta } from "../../lib/meta.js";
import { validateHours } from "./hours/WeeklyHoursEditor.js";
import { describeRoutingStep, stepNames } from "./RoutingSteps.js";
import { describeRule, ruleNames } from "./rules/describeRule.js";
import { draftFrom, toInput } from "./rules/ruleDraft.js";
import { parseFieldLines } from "./rules/TryPanel.js";
import { businessDayMinutes, targetFromMinutes, targetToMinutes } from "./standards/targets.js";

const ID = {
  dana: "11111111-1111-4111-8111-111111111111",
  lee: "22222222-2222-4222-8222-222222222222",
  transportation: "33333333-3333-4333-8333-333333333333",
  busTopic: "55555555-5555-4555-8555-555555555555",
  rule: "77777777-7777-4777-8777-777777777777",
  sla: "88888888-8888-4888-8888-888888888888",
  gone: "99999999-9999-4999-8999-999999999999",
};

const meta: Meta = {
  departments: [{ id: ID.transportation, name: "Transportation" }],
  topics: [{ id: ID.busTopic, slug: "bus-stop", name: { en: "Bus stop", es: "Parada de autobús" }, departmentId: ID.transportation, categoryId: null }],
  categories: [],
  schools: [],
  staff: [
    { id: ID.dana, name: "Dana Whitfield", role: "agent", departmentIds: [ID.transportation] },
    { id: ID.lee, name: "Lee Park", role: "agent", departmentIds: [ID.transportation] },
  ],
};

let tEn: TFunction;
let tEs: TFunction;
beforeAll(async () => {
  const make = async (lng: "en" | "es") => {
    const instance = i18next.createInstance();
    await instance.init({ lng, resources: { en: { translation: en }, es: { translation: es } }, interpolation: { escapeValue: false }, showSupportNotice: false });
    return instance.t;
  };
  tEn = await make("en");
  tEs = await make("es");
});

const STEPS: RoutingStep[] = [
  { code: "topic_department", topicId: ID.busTopic, departmentId: ID.transportation },
  { code: "rule_matched", ruleId: ID.rule, position: 3, name: "Bus number given", conditions: ["field bus_number = 42"] },
  { code: "set_priority", priority: "high", ruleId: ID.rule },
  { code: "tags_added", tags: ["bus", "late"], ruleId: ID.rule },
  { code: "sla_applied", slaPolicyId: ID.sla, ruleId: ID.rule },
  { code: "skipped_staff", staffId: ID.lee, reason: "out_of_office" },
  { code: "assigned", staffId: ID.dana, by: "round_robin" },
  { code: "assigned", staffId: ID.dana, by: "delegate", instead_of: ID.lee },
  { code: "classifier", departmentId: ID.transportation, label: "dept:x", confidence: 0.87 },
  {
    code: "classifier_low_confidence",
    suggestions: [
      { label: "a", departmentId: ID.transportation, confidence: 0.41 },
      { label: "b", topicId: ID.busTopic, confidence: 0.52 },
    ],
    threshold: 0.6,
  },
  { code: "queue", departmentId: ID.transportation },
  { code: "triage", reason: "nobody_available" },
  { code: "assigned", staffId: ID.gone, by: "person" },
];

describe("routing steps in the UI language", () => {
  it("reads each step in English", () => {
    const names = stepNames(meta, "en", tEn, [{ id: ID.sla, name: "Transportation concerns" }]);
    expect(STEPS.map((s) => describeRoutingStep(s, tEn, names, "en"))).toEqual([
      "Topic Bus stop → Transportation",
      "Rule 3 «Bus number given» matched: field bus_number = 42",
      "Priority set to High",
      "Tags added: bus and late",
      "Service standard applied: Transportation concerns",
      "Skipped Lee Park: out of office",
      "Assigned to Dana Whitfield by round robin",
      "Assigned to Dana Whitfield, standing in for Lee Park",
      "Learned routing: Transportation (87%)",
      "Low confidence: suggestions Bus stop (52%) and Transportation (41%) (below the 60% threshold)",
      "Left in the Transportation queue for someone to pick up",
      "Triage: nobody available",
      "Assigned to someone no longer listed",
    ]);
  });

  it("reads each step in Spanish, without a service standard name when none is known", () => {
    const names = stepNames(meta, "es", tEs);
    const text = STEPS.map((s) => describeRoutingStep(s, tEs, names, "es"));
    expect(text[0]).toBe("Tema Parada de autobús → Transportation");
    expect(text[1]).toBe("Coincidió la regla 3 «Bus number given»: field bus_number = 42");
    expect(text[2]).toBe("Prioridad: Alta");
    expect(text[3]).toBe("Etiquetas agregadas: bus y late");
    expect(text[4]).toBe("Se aplicó un estándar de servicio");
    expect(text[5]).toBe("Se omitió a Lee Park: fuera de la oficina");
    expect(text[6]).toBe("Asignada a Dana Whitfield por turnos");
    expect(text[9]).toMatch(/^Poca confianza: sugerencias Parada de autobús \(52\s?%\) y Transportation \(41\s?%\)/);
    expect(text[11]).toBe("Clasificación: nadie disponible");
  });
});

describe("a rule as sentences", () => {
  const rule: RoutingRule = {
    id: ID.rule,
    name: "Bus 42",
    enabled: true,
    position: 1,
    stopProcessing: true,
    conditions: [
      { type: "keywords", phrases: ["bus 42", "autobús 42"], match: "any" },
      { type: "language", languages: ["es"], negate: true },
      { type: "field", key: "bus_number", op: "in", values: ["42", "43"] },
      { type: "afterHours", value: true },
    ],
    actions: [
      { type: "setDepartment", departmentId: ID.transportation },
      { type: "assignByPolicy" },
      { type: "addTags", tags: ["bus"] },
      { type: "assignPerson", staffId: ID.gone },
    ],
  };

  it("says when it applies and what it does, in English and Spanish", () => {
    expect(describeRule(rule, tEn, ruleNames(meta, "en", tEn), "en")).toEqual({
      when: "When the message mentions “bus 42” or “autobús 42”, the language is not Spanish, form field bus_number is “42” or “43”, and it arrives after hours.",
      then: "Then send it to Transportation, assign it by the department’s policy, tag it bus, and assign it to (removed), and stop: later rules do not run.",
    });
    const esText = describeRule(rule, tEs, ruleNames(meta, "es", tEs), "es");
    expect(esText.when).toBe("Cuando el mensaje menciona “bus 42” o “autobús 42”, el idioma no es Español, el campo bus_number es “42” o “43” y llega fuera del horario.");
    expect(esText.then.startsWith("Entonces se envía a Transportation, se asigna según la política del departamento")).toBe(true);
  });

  it("with no conditions, applies to every conversation", () => {
    expect(describeRule({ ...rule, conditions: [], stopProcessing: false }, tEn, ruleNames(meta, "en", tEn), "en").when).toBe("For every conversation.");
  });

  it("survives a round trip through the editor's draft", () => {
    const body = toInput(draftFrom(rule));
    expect(RoutingRuleInputSchema.parse(body)).toEqual(RoutingRuleInputSchema.parse({ ...rule, id: undefined, position: undefined }));
  });
});

describe("service-standard targets", () => {
  const split = { mon: [["08:00", "12:00"], ["13:00", "17:00"]], tue: [["08:00", "17:00"]], wed: [["08:00", "16:00"]], thu: [["08:00", "16:00"]], fri: [["08:00", "12:00"]], sat: [], sun: [] } satisfies Parameters<typeof businessDayMinutes>[0];

  it("takes a business day as the most common day length, a tie going to the longer", () => {
    // mon 8 h (split), tue 9 h, wed 8 h, thu 8 h, fri 4 h: 8 hours is the usual day.
    expect(businessDayMinutes(split)).toBe(480);
    // Two 8-hour days and two 9-hour days: the tie goes to 9 hours.
    expect(businessDayMinutes({ ...split, wed: [["08:00", "17:00"]] })).toBe(540);
    expect(businessDayMinutes({ mon: [["08:00", "24:00"]], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] })).toBe(960);
    expect(businessDayMinutes(null)).toBe(540);
  });

  it("shows whole days as days and anything else as hours, and converts back", () => {
    expect(targetFromMinutes(1080, 540)).toEqual({ amount: 2, unit: "days" });
    expect(targetFromMinutes(240, 540)).toEqual({ amount: 4, unit: "hours" });
    expect(targetFromMinutes(90, 540)).toEqual({ amount: 1.5, unit: "hours" });
    expect(targetFromMinutes(null, 540)).toEqual({ amount: null, unit: "hours" });
    expect(targetToMinutes({ amount: 3, unit: "days" }, 480)).toBe(1440);
    expect(targetToMinutes({ amount: 1.25, unit: "hours" }, 480)).toBe(75);
    expect(targetToMinutes({ amount: null, unit: "days" }, 480)).toBeNull();
  });
});

describe("weekly hours and form answers", () => {
  const msg = { time: "time", order: "order", overlap: "overlap" };
  const closed = { tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

  it("flags blocks that end before they start, overlap, or are not times; 24:00 is a valid end", () => {
    expect(validateHours({ mon: [["08:00", "12:00"], ["13:00", "24:00"]], ...closed }, msg)).toEqual({});
    expect(validateHours({ mon: [["12:00", "08:00"]], ...closed }, msg)).toEqual({ "mon.0": "order" });
    expect(validateHours({ mon: [["08:00", "13:00"], ["12:00", "17:00"]], ...closed }, msg)).toEqual({ "mon.1": "overlap" });
    expect(validateHours({ mon: [["8", "17:00"]], ...closed }, msg)).toEqual({ "mon.0": "time" });
  });

  it("reads key=value lines and points at the first bad one", () => {
    expect(parseFieldLines("bus_number=42\n\n road = Elm Street ")).toEqual({ fields: { bus_number: "42", road: "Elm Street" } });
    expect(parseFieldLines("bus_number=42\nBus Number=4")).toEqual({ badLine: 2 });
    expect(parseFieldLines("no equals sign")).toEqual({ badLine: 1 });
  });
});
