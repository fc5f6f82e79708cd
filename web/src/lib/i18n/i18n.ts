import i18next from "i18next";
import { initReactI18next } from "react-i18next";
import { en, type Messages } from "./en.js";
import { es } from "./es.js";

export type UiLanguage = "en" | "es";
const STORAGE_KEY = "fo.language";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

function storedLanguage(): UiLanguage {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === "en" || saved === "es") return saved;
  } catch {
    // Storage can be blocked (private mode); fall back to the browser language.
  }
  return typeof navigator !== "undefined" && navigator.language.toLowerCase().startsWith("es") ? "es" : "en";
}

/** Starts i18next with both languages bundled (they are small) and the saved or browser language. */
export function initI18n(lang: UiLanguage = storedLanguage()): typeof i18next {
  void i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, es: { translation: es } },
    lng: lang,
    fallbackLng: "en",
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
    showSupportNotice: false,
  });
  document.documentElement.lang = lang;
  return i18next;
}

/** Switches the UI language, remembers it and updates <html lang>. */
export function setLanguage(lang: UiLanguage): void {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not persisted when storage is blocked; the switch still applies to this page.
  }
}

export const currentLanguage = (): UiLanguage => (i18next.language === "es" ? "es" : "en");
