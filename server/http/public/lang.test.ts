import { describe, expect, it } from "vitest";
import { fromAcceptLanguage, readCookie, resolveLanguage } from "./lang.js";

describe("page language", () => {
  it("takes the supported language with the highest q-value from Accept-Language", () => {
    expect(fromAcceptLanguage("fr-FR, es-MX;q=0.9, en;q=0.8")).toBe("es");
    expect(fromAcceptLanguage("en;q=0.3, es;q=0.7")).toBe("es");
    expect(fromAcceptLanguage("es;q=0, en-US")).toBe("en");
    expect(fromAcceptLanguage("de, fr;q=0.5")).toBeUndefined();
    expect(fromAcceptLanguage(undefined)).toBeUndefined();
  });

  it("keeps header order between equal q-values", () => {
    expect(fromAcceptLanguage("es-US, en-US")).toBe("es");
    expect(fromAcceptLanguage("en-US, es-US")).toBe("en");
  });

  it("prefers ?lang, then the fo_lang cookie, then Accept-Language, then English", () => {
    expect(resolveLanguage({ query: "es", cookie: "fo_lang=en", acceptLanguage: "en" })).toEqual({ lang: "es", explicit: true });
    expect(resolveLanguage({ query: "fr", cookie: "a=b; fo_lang=es", acceptLanguage: "en" })).toEqual({ lang: "es", explicit: false });
    expect(resolveLanguage({ cookie: "fo_lang=de", acceptLanguage: "es-ES,es;q=0.9" }).lang).toBe("es");
    expect(resolveLanguage({ acceptLanguage: "zh-CN" }).lang).toBe("en");
  });

  it("uses the page's own fallback (the conversation's language) before the browser's", () => {
    expect(resolveLanguage({ acceptLanguage: "en-US", fallback: "es" }).lang).toBe("es");
    expect(resolveLanguage({ cookie: "fo_lang=en", fallback: "es" }).lang).toBe("en");
  });

  it("reads one cookie among several", () => {
    expect(readCookie("fo_session=abc; fo_lang=es ; other=1", "fo_lang")).toBe("es");
    expect(readCookie("fo_language=es", "fo_lang")).toBeUndefined();
  });
});
