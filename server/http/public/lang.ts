import type { Language } from "../../../common/enums.js";

export const LANG_COOKIE = "fo_lang";
const SUPPORTED: readonly Language[] = ["en", "es"];

const isLanguage = (v: unknown): v is Language => typeof v === "string" && (SUPPORTED as readonly string[]).includes(v);

/** The best supported language of an `Accept-Language` header, honouring q-values (`es-MX;q=0.9, en;q=0.5`). */
export function fromAcceptLanguage(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find(Boolean);
      return { base: tag.trim().toLowerCase().split("-")[0] ?? "", q: q === undefined ? 1 : Number(q), i };
    })
    .filter((r) => r.q > 0 && Number.isFinite(r.q))
    .sort((a, b) => b.q - a.q || a.i - b.i);
  return ranked.map((r) => r.base).find(isLanguage);
}

/** Reads one cookie from a raw `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export type LanguageSource = { query?: unknown; cookie?: string | undefined; acceptLanguage?: string | undefined; fallback?: Language };

/**
 * The page language: `?lang=` wins, then the `fo_lang` cookie (set when the user switched), then the
 * browser's Accept-Language, then `fallback` (English unless the page knows better).
 */
export function resolveLanguage(src: LanguageSource): { lang: Language; explicit: boolean } {
  if (isLanguage(src.query)) return { lang: src.query, explicit: true };
  const cookie = readCookie(src.cookie, LANG_COOKIE);
  if (isLanguage(cookie)) return { lang: cookie, explicit: false };
  if (src.fallback) return { lang: src.fallback, explicit: false };
  return { lang: fromAcceptLanguage(src.acceptLanguage) ?? "en", explicit: false };
}

/** The cookie remembering the user's choice for a year; the pages work without it. */
export function langCookie(lang: Language): string {
  return `${LANG_COOKIE}=${lang}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly`;
}
