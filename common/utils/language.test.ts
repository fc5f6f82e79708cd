import { describe, expect, it } from "vitest";
import { guessLanguage } from "./language.js";

describe("guessLanguage", () => {
  it("recognises Spanish with or without accents", () => {
    expect(guessLanguage("Hola, el autobús de mi hija no llegó a la escuela esta mañana.")).toBe("es");
    expect(guessLanguage("Buenos dias, necesito ayuda con la inscripcion de mi hijo")).toBe("es");
  });
  it("recognises English", () => {
    expect(guessLanguage("Hello, my son's bus was late to school again this morning.")).toBe("en");
  });
  it("falls back when there is too little to go on", () => {
    expect(guessLanguage("OK", "es")).toBe("es");
    expect(guessLanguage("", "en")).toBe("en");
  });
});
