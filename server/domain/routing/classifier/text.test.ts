import { describe, expect, it } from "vitest";
import { DEFAULT_FEATURE_OPTIONS, extractFeatures } from "./features.js";
import { normalizeText, tokenize } from "./normalize.js";
import { fromHalfBits, toHalfBits } from "./serialize.js";
import { stemEnglish } from "./stem-english.js";
import { stemSpanish } from "./stem-spanish.js";

describe("text normalisation", () => {
  it("lower-cases, removes accents and punctuation, joins apostrophes, keeps ñ", () => {
    expect(normalizeText("¿Dónde está el AUTOBÚS #42? My son's bus… Año")).toBe("donde esta el autobus 42 my sons bus año");
    expect(tokenize(normalizeText("  ¡Hola!  "))).toEqual(["hola"]);
    expect(tokenize(normalizeText("?!"))).toEqual([]);
  });
});

describe("stemmers", () => {
  it("reduces English words like the Snowball (Porter2) stemmer", () => {
    const cases: Record<string, string> = {
      caresses: "caress",
      ponies: "poni",
      ties: "tie",
      running: "run",
      hopping: "hop",
      hoped: "hope",
      generously: "generous",
      transportation: "transport",
      enrollment: "enrol",
      enrolled: "enrol",
      schedules: "schedul",
      lunches: "lunch",
      evaluations: "evalu",
      news: "news",
      dying: "die",
      bus: "bus",
    };
    for (const [word, stem] of Object.entries(cases)) expect({ word, stem: stemEnglish(word) }).toEqual({ word, stem });
  });

  it("reduces Spanish words like the Snowball Spanish stemmer, on unaccented text", () => {
    const cases: Record<string, string> = {
      inscripciones: "inscripcion",
      inscripcion: "inscripcion",
      autobuses: "autobus",
      evaluacion: "evalu",
      evaluaciones: "evalu",
      rapidamente: "rapid",
      cantabamos: "cant",
      comiendo: "com",
      recogerlo: "recog",
      escuela: "escuel",
      chicas: "chic",
    };
    for (const [word, stem] of Object.entries(cases)) expect({ word, stem: stemSpanish(word) }).toEqual({ word, stem });
  });
});

describe("features", () => {
  const overlap = (a: string, b: string, lang: string) => {
    const x = new Set(extractFeatures(a, lang, DEFAULT_FEATURE_OPTIONS).hashes);
    return extractFeatures(b, lang, DEFAULT_FEATURE_OPTIONS).hashes.filter((h) => x.has(h)).length;
  };

  it("gives inflected forms and misspellings shared features", () => {
    expect(overlap("registration", "register", "en")).toBeGreaterThan(0);
    expect(overlap("transportation", "transportaion", "en")).toBeGreaterThan(5);
    expect(overlap("inscripción", "inscripciones", "es")).toBeGreaterThan(5);
    expect(overlap("transportation", "cafeteria", "en")).toBe(0);
  });

  it("lists only topic words as topical (not stop words or question words)", () => {
    const bag = extractFeatures("What is the bus schedule?", "en", DEFAULT_FEATURE_OPTIONS);
    const only = (text: string) => extractFeatures(text, "en", DEFAULT_FEATURE_OPTIONS).topical;
    expect(bag.topical).toHaveLength(2);
    expect(bag.topical).toEqual([...only("bus"), ...only("schedule")]);
    expect(only("what is the")).toEqual([]);
  });
});

describe("half-precision storage", () => {
  it("round-trips half-precision values exactly and rounds others to the nearest", () => {
    for (const v of [0, 1, -2.5, 0.0999755859375, 65504, 6.103515625e-5, -5.960464477539063e-8]) {
      expect(fromHalfBits(toHalfBits(v))).toBe(v);
    }
    expect(fromHalfBits(toHalfBits(0.1))).toBeCloseTo(0.1, 4);
    expect(fromHalfBits(toHalfBits(1e-9))).toBe(0);
  });
});
