import { describe, expect, it } from "vitest";
import type { FormDefinition } from "../../../common/contract/forms.js";
import { presentFieldAnswers, presentMessage, previewText } from "./presenter.js";

const FORM: FormDefinition = {
  fields: [
    { key: "school", type: "school", label: { en: "School", es: "Escuela" }, required: true },
    { key: "meal", type: "choice", label: { en: "Meal", es: "Comida" }, required: false, options: [{ value: "lunch", label: { en: "Lunch", es: "Almuerzo" } }] },
    {
      key: "days",
      type: "multi_choice",
      label: { en: "Days", es: "Días" },
      required: false,
      options: [
        { value: "mon", label: { en: "Monday", es: "Lunes" } },
        { value: "tue", label: { en: "Tuesday", es: "Martes" } },
      ],
    },
    { key: "grade", type: "number", label: { en: "Grade", es: "Grado" }, required: false },
  ],
};

describe("previewText", () => {
  it("collapses whitespace and keeps short messages whole", () => {
    expect(previewText("  Bus 42\n\nwas   late ")).toBe("Bus 42 was late");
    expect(previewText(null)).toBe("");
  });

  it("cuts long messages at 160 characters with an ellipsis", () => {
    const p = previewText("word ".repeat(100));
    expect(p.length).toBeLessThanOrEqual(160);
    expect(p.endsWith("word…")).toBe(true);
  });
});

describe("presentFieldAnswers", () => {
  it("labels answers in English in the form's order and shows school names and choice labels", () => {
    const schools = new Map([["s-1", "Oak Elementary"]]);
    const answers = presentFieldAnswers(FORM, { grade: 4, days: ["mon", "tue"], meal: "lunch", school: "s-1" }, schools);
    expect(answers).toEqual([
      { key: "school", label: "School", value: "s-1", display: "Oak Elementary" },
      { key: "meal", label: "Meal", value: "lunch", display: "Lunch" },
      { key: "days", label: "Days", value: ["mon", "tue"], display: "Monday, Tuesday" },
      { key: "grade", label: "Grade", value: 4, display: "4" },
    ]);
  });

  it("keeps answers to fields that were removed from the form, under their key", () => {
    expect(presentFieldAnswers(null, { bus_number: "42" }, new Map())).toEqual([{ key: "bus_number", label: "bus_number", value: "42", display: "42" }]);
  });
});

describe("presentMessage", () => {
  const base = {
    id: "00000000-0000-4000-8000-000000000001",
    channel: "web_form",
    body: "Hello",
    authorStaffId: null,
    authorContactId: null,
    staffName: null,
    contactName: null,
    deliveryStatus: null,
    deliveryError: null,
    quotedText: null,
    createdAt: new Date("2026-03-02T16:00:00Z"),
  };

  it("names the family on inbound messages and staff on replies and notes", () => {
    expect(presentMessage({ ...base, direction: "inbound", authorContactId: "c-1", contactName: "Ana" }, []).author).toEqual({ kind: "contact", id: "c-1", name: "Ana" });
    expect(presentMessage({ ...base, direction: "note", authorStaffId: "s-1", staffName: "Dana" }, []).author).toEqual({ kind: "staff", id: "s-1", name: "Dana" });
    expect(presentMessage({ ...base, direction: "outbound" }, []).author).toEqual({ kind: "system", id: null, name: null });
  });
});
