import { describe, expect, it } from "vitest";
import { RoutingClassifier, type RoutingPrediction, type SerializedRoutingClassifier } from "./index.js";
import { DISTRICT_HISTORY } from "./district-history.fixture.js";

const routedTo = (p: RoutingPrediction): string | null => ("label" in p.decision ? p.decision.label : null);

describe("learned routing on a bilingual district history", () => {
  const classifier = RoutingClassifier.train(DISTRICT_HISTORY);

  it("routes new messages in English and Spanish to the department that handled similar ones", () => {
    const messages: Array<[text: string, lang: string, department: string]> = [
      ["My kid's bus driver was rude to him this morning", "en", "transportation"],
      ["El autobús no llegó hoy a la parada de la esquina", "es", "transportation"],
      ["mi hijo es alergico a la leche, que comida le dan en la cafeteria", "es", "nutrition"],
      ["I want to register my twins for first grade, which documents do you need?", "en", "enrollment"],
      ["quiero inscribir a mis hijos en la escuela", "es", "enrollment"],
      ["We need an IEP evaluation for my son who has dyslexia", "en", "special_education"],
      ["necesito una evaluacion de educacion especial para mi hija", "es", "special_education"],
    ];
    for (const [text, lang, department] of messages) {
      const p = classifier.predict(text, lang);
      expect({ text, routed: routedTo(p) }).toEqual({ text, routed: department });
      expect(p.top).toHaveLength(3);
      expect(p.top[0]!.label).toBe(department);
      expect(p.top[0]!.confidence).toBeGreaterThan(p.top[1]!.confidence);
    }
  });

  it("tolerates misspellings and missing accents", () => {
    expect(routedTo(classifier.predict("the buss never came to our stopp", "en"))).toBe("transportation");
    expect(routedTo(classifier.predict("inscripcion para kinder el proximo ano", "es"))).toBe("enrollment");
  });

  it("sends messages that belong to no department to triage, with three suggestions", () => {
    for (const [text, lang] of [
      ["What is the weather forecast for Saturday?", "en"],
      ["Can you recommend a good pizza place downtown", "en"],
      ["My water heater is broken", "en"],
      ["¿Cuál es el precio de la gasolina hoy?", "es"],
    ] as const) {
      const p = classifier.predict(text, lang);
      expect({ text, decision: p.decision }).toMatchObject({ text, decision: { triage: true } });
      expect(p.top.map((s) => s.label)).toHaveLength(3);
      expect(new Set(p.top.map((s) => s.label)).size).toBe(3);
    }
  });

  it("uses the district's threshold when one is given", () => {
    const text = "The bus was late again and my son missed first period";
    const p = classifier.predict(text, "en");
    const confidence = p.top[0]!.confidence;
    expect(routedTo(classifier.predict(text, "en", { threshold: confidence - 0.01 }))).toBe(p.top[0]!.label);
    expect(classifier.predict(text, "en", { threshold: confidence + 0.01 }).decision).toEqual({
      triage: true,
      reason: "low_confidence",
    });
  });

  it("is deterministic: the same history trains the same model", () => {
    expect(RoutingClassifier.train(DISTRICT_HISTORY).toJSON()).toEqual(classifier.toJSON());
  });
});

describe("learning from staff", () => {
  it("changes later predictions when staff reassign a message to another department", () => {
    const c = RoutingClassifier.train(DISTRICT_HISTORY);
    const reassigned = "My son lost his student ID card and needs a new one to ride the bus";
    const later = "How do I get a replacement student ID card for my son?";
    expect(routedTo(c.predict(reassigned, "en"))).toBe("transportation");
    expect(c.predict(later, "en").top[0]!.label).not.toBe("enrollment");

    // the office routes student ID cards to enrollment: staff reassign the conversation
    c.unlearn({ text: reassigned, label: "transportation", lang: "en" });
    c.learn({ text: reassigned, label: "enrollment", lang: "en" });

    expect(routedTo(c.predict(reassigned, "en"))).toBe("enrollment");
    expect(routedTo(c.predict(later, "en"))).toBe("enrollment");
    // the rest of what it knew still holds
    expect(routedTo(c.predict("The bus driver drove past our stop without stopping", "en"))).toBe("transportation");
  });

  it("unlearn lowers the old label's confidence for that message", () => {
    const c = RoutingClassifier.train(DISTRICT_HISTORY);
    const text = "Can the cafeteria offer a vegetarian meal option?";
    const before = c.predict(text, "en").top.find((s) => s.label === "nutrition")!.confidence;
    c.unlearn({ text, label: "nutrition", lang: "en" });
    const after = c.predict(text, "en").top.find((s) => s.label === "nutrition")?.confidence ?? 0;
    expect(after).toBeLessThan(before);
  });

  it("learns a new department on the fly", () => {
    const c = RoutingClassifier.train(DISTRICT_HISTORY);
    for (const text of [
      "When are basketball tryouts?",
      "My daughter wants to join the soccer team",
      "Who is the coach of the track team?",
    ]) {
      c.learn({ text, label: "athletics", lang: "en" });
    }
    expect(routedTo(c.predict("Tryouts for the basketball team", "en"))).toBe("athletics");
    expect(c.stats().labels).toBe(5);
  });

  it("starts empty, sends everything to triage, and routes once it has learned two departments", () => {
    const c = RoutingClassifier.empty();
    expect(c.predict("The bus never came", "en").decision).toEqual({ triage: true, reason: "not_trained" });
    for (const e of DISTRICT_HISTORY.filter((x) => x.label === "transportation" || x.label === "nutrition")) c.learn(e);
    expect(routedTo(c.predict("the bus came late to the stop", "en"))).toBe("transportation");
    expect(routedTo(c.predict("lunch account balance for the cafeteria", "en"))).toBe("nutrition");
  });
});

describe("storing the model", () => {
  const probes: Array<[string, string]> = [
    ["The bus never came", "en"],
    ["¿Cómo pago el almuerzo de mi hija?", "es"],
    ["Necesito la junta del IEP", "es"],
    ["What is the weather on Saturday?", "en"],
  ];

  it("round-trips through JSON to identical predictions, before and after learning", () => {
    const original = RoutingClassifier.train(DISTRICT_HISTORY);
    const stored = JSON.stringify(original.toJSON());
    const restored = RoutingClassifier.fromJSON(JSON.parse(stored) as SerializedRoutingClassifier);
    for (const [text, lang] of probes) expect(restored.predict(text, lang)).toEqual(original.predict(text, lang));
    expect(JSON.stringify(restored.toJSON())).toBe(stored);

    const reassignment = { text: "Necesito la junta del IEP y el transporte especial", label: "transportation", lang: "es" };
    original.learn(reassignment);
    restored.learn(reassignment);
    for (const [text, lang] of probes) expect(restored.predict(text, lang)).toEqual(original.predict(text, lang));
    const again = RoutingClassifier.fromJSON(JSON.parse(JSON.stringify(restored.toJSON())) as SerializedRoutingClassifier);
    for (const [text, lang] of probes) expect(again.predict(text, lang)).toEqual(original.predict(text, lang));
  });

  it("reports its size, and holds feature hashes rather than the words of messages", () => {
    const c = RoutingClassifier.train(DISTRICT_HISTORY);
    const json = JSON.stringify(c.toJSON());
    expect(c.stats().sizeBytes).toBe(Buffer.byteLength(json));
    expect(c.stats()).toMatchObject({ labels: 4, examples: DISTRICT_HISTORY.length });
    expect(json).not.toMatch(/autob|cafeter|vegetarian|Roosevelt/i);
  });

  it("refuses a stored model whose parts do not match", () => {
    const json = RoutingClassifier.train(DISTRICT_HISTORY).toJSON();
    expect(() => RoutingClassifier.fromJSON({ ...json, labels: json.labels.slice(1) })).toThrow(/do not match/);
    expect(() => RoutingClassifier.fromJSON({ ...json, bias: json.bias.slice(1) })).toThrow(/do not match/);
  });
});
