import type { Language } from "../enums.js";

/** The district's response-time promise as families read it: "within 1 business day". */
export function promiseText(lang: Language, businessDays: number): string {
  if (lang === "es") return businessDays === 1 ? "en un plazo de 1 día hábil" : `en un plazo de ${businessDays} días hábiles`;
  return businessDays === 1 ? "within 1 business day" : `within ${businessDays} business days`;
}
