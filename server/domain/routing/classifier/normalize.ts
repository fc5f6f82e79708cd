/**
 * Text normalisation shared by every feature: lower-case, accents removed ("inscripción" → "inscripcion"),
 * apostrophes joined ("what's" → "whats", "don't" → "dont"), everything that is not a letter or a digit
 * turned into a single space. Spanish "ñ" is kept apart from "n" ("año" ≠ "ano").
 */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .replace(/ñ/g, "\u0000")
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .replace(/\u0000/g, "ñ")
    .replace(/['’ʼ`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Tokens of a normalised text (split on spaces). */
export function tokenize(normalized: string): string[] {
  return normalized === "" ? [] : normalized.split(" ");
}
