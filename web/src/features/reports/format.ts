import type { TFunction } from "i18next";

/** Number formats of the reports in the UI language (the API sends fractions for shares, hours with one decimal). */
const locale = (lang: string) => (lang === "es" ? "es-US" : "en-US");

export function formatCount(v: number | null, lang: string): string {
  return v === null ? "—" : new Intl.NumberFormat(locale(lang)).format(v);
}

export function formatDecimal(v: number | null, lang: string, digits = 1): string {
  return v === null ? "—" : new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(v);
}

export function formatShare(v: number | null, lang: string): string {
  return v === null ? "—" : new Intl.NumberFormat(locale(lang), { style: "percent", maximumFractionDigits: 0 }).format(v);
}

/** A local date (YYYY-MM-DD) as "Mar 2" or "Mar 2026" (months), without shifting it through a time zone. */
export function formatLocalDate(date: string, lang: string, opts: { month?: boolean; year?: boolean } = {}): string {
  const d = new Date(`${date}T00:00:00Z`);
  const o: Intl.DateTimeFormatOptions = opts.month ? { month: "short", year: "numeric", timeZone: "UTC" } : { month: "short", day: "numeric", timeZone: "UTC", ...(opts.year ? { year: "numeric" } : {}) };
  return new Intl.DateTimeFormat(locale(lang), o).format(d);
}

/** A local period [from, to) as "Feb 1 – 28, 2026" (the exclusive end shown as the last day). */
export function formatLocalRange(from: string, toExclusive: string, lang: string): string {
  const a = new Date(`${from}T00:00:00Z`);
  const b = new Date(Date.parse(`${toExclusive}T00:00:00Z`) - 86_400_000);
  const f = new Intl.DateTimeFormat(locale(lang), { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
  return b <= a ? f.format(a) : f.formatRange(a, b);
}

/** A period of instants [from, to) as local dates in the zone, "Jan 1 – 31, 2026". */
export function formatInstantRange(from: string, to: string, timeZone: string, lang: string): string {
  const a = new Date(from);
  const b = new Date(Date.parse(to) - 1);
  const f = new Intl.DateTimeFormat(locale(lang), { month: "short", day: "numeric", year: "numeric", timeZone });
  return b <= a ? f.format(a) : f.formatRange(a, b);
}

export type FigureKind = "count" | "hours" | "minutes" | "share" | "score";

/** A figure with its unit: "4.5 h", "62 %", "8.4 / 10", "120". */
export function formatFigure(v: number | null, kind: FigureKind, lang: string, t: TFunction): string {
  if (v === null) return t("reports.units.none");
  switch (kind) {
    case "count":
      return formatCount(v, lang);
    case "hours":
      return t("reports.units.hours", { value: formatDecimal(v, lang) });
    case "minutes":
      return t("reports.units.minutes", { value: formatCount(Math.round(v), lang) });
    case "share":
      return formatShare(v, lang);
    case "score":
      return t("reports.units.outOf10", { value: formatDecimal(v, lang, 1) });
  }
}

/** Which way is good for a figure: more conversations is neither; shorter times and fewer past due are better. */
export type Direction = "higherBetter" | "lowerBetter" | "neutral";

export type ChangeView = { arrow: "▲" | "▼" | "▬" | ""; text: string; tone: "good" | "bad" | "neutral" };

/** The change against the previous period as an arrow AND words (never colour alone): "▲ Up 12 % from 40 (better)". */
export function describeChange(change: number | null, previous: string, direction: Direction, lang: string, t: TFunction): ChangeView {
  if (change === null) return { arrow: "", text: t("reports.change.none", { previous }), tone: "neutral" };
  const pct = formatShare(Math.abs(change), lang);
  if (Math.abs(change) < 0.005) return { arrow: "▬", text: t("reports.change.same", { previous }), tone: "neutral" };
  const up = change > 0;
  const good = direction === "neutral" ? null : up === (direction === "higherBetter");
  const base = t(up ? "reports.change.up" : "reports.change.down", { pct, previous });
  const judged = good === null ? base : `${base} (${t(good ? "reports.change.better" : "reports.change.worse")})`;
  return { arrow: up ? "▲" : "▼", text: judged, tone: good === null ? "neutral" : good ? "good" : "bad" };
}
