/** Date formatting in the UI language; relative times come with an absolute form for titles. */
const locale = (lang: string) => (lang === "es" ? "es-US" : "en-US");

export function formatDateTime(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: "medium", timeStyle: "short" }).format(d);
}

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 7],
  ["week", 4.345],
  ["month", 12],
  ["year", Infinity],
];

/** "5 minutes ago" / "hace 5 minutos"; under a minute is "now". */
export function formatRelative(iso: string, lang: string, now: Date = new Date()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  let value = (then - now.getTime()) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale(lang), { numeric: "auto", style: "long" });
  if (Math.abs(value) < 45) return rtf.format(0, "second");
  for (const [unit, size] of STEPS) {
    if (Math.abs(value) < size) return rtf.format(Math.round(value), unit);
    value /= size;
  }
  return formatDateTime(iso, lang);
}

export function formatBytes(size: number, lang: string): string {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte"] as const;
  let v = size;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale(lang), { style: "unit", unit: units[i], unitDisplay: "short", maximumFractionDigits: i ? 1 : 0 }).format(v);
}
