/**
 * Local calendar dates (YYYY-MM-DD) in the district's time zone, and the report date-range presets. Pure functions
 * (Intl only): the reports API reads local dates as midnights in the district's zone, so the presets are computed
 * from "today" there, not in the browser's zone.
 */

export const RANGE_PRESETS = ["last7", "last30", "last90", "thisMonth", "lastMonth", "schoolYear", "custom"] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_RANGE = "last30" satisfies RangePreset;

/** A report period of local dates, `to` exclusive (the API's `[from, to)`). */
export type LocalPeriod = { from: string; to: string };

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar date written YYYY-MM-DD. */
export function isLocalDate(s: string): boolean {
  const m = YMD.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

function ymd(date: string): [number, number, number] {
  const m = YMD.exec(date);
  if (!m) throw new Error(`Not a local date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
const fmt = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function addDays(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  return fmt(Date.UTC(y, m - 1, d + n));
}

export function addMonths(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  return fmt(Date.UTC(y, m - 1 + n, d));
}

export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = ymd(a);
  const [yb, mb, db] = ymd(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function wall(timeZone: string, ms: number): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(ms))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** The local date of an instant in the zone. */
export function localDateOf(timeZone: string, at: Date): string {
  const w = wall(timeZone, at.getTime());
  return fmt(Date.UTC(w.y, w.m - 1, w.d));
}

/** The instant local midnight of `date` falls on in the zone (DST-safe: two passes over the offset). */
export function localMidnight(timeZone: string, date: string): Date {
  const [y, m, d] = ymd(date);
  const target = Date.UTC(y, m - 1, d);
  const offset = (ms: number) => {
    const w = wall(timeZone, ms);
    return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
  };
  let t = target - offset(target);
  t = target - offset(t);
  return new Date(t);
}

/** Whether the zone is one Intl knows (a bad or missing zone falls back to the browser's). */
export function validTimeZone(tz: string | undefined): string {
  const fallback = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!tz) return fallback;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return tz;
  } catch {
    return fallback;
  }
}

/**
 * The period of a preset, given today's local date: the last 7/30/90 days including today, this month so far, last
 * month, this school year so far (school years start on 1 July).
 */
export function presetPeriod(preset: Exclude<RangePreset, "custom">, today: string): LocalPeriod {
  const tomorrow = addDays(today, 1);
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  switch (preset) {
    case "last7":
      return { from: addDays(today, -6), to: tomorrow };
    case "last30":
      return { from: addDays(today, -29), to: tomorrow };
    case "last90":
      return { from: addDays(today, -89), to: tomorrow };
    case "thisMonth":
      return { from: firstOfMonth, to: tomorrow };
    case "lastMonth":
      return { from: addMonths(firstOfMonth, -1), to: firstOfMonth };
    case "schoolYear": {
      const [y, m] = ymd(today);
      return { from: `${m >= 7 ? y : y - 1}-07-01`, to: tomorrow };
    }
  }
}

/** The time-series bucket that keeps a chart readable: days up to a month, weeks up to six months, then months. */
export function intervalFor(p: LocalPeriod): "day" | "week" | "month" {
  const days = daysBetween(p.from, p.to);
  if (days <= 31) return "day";
  if (days <= 184) return "week";
  return "month";
}

/** The board report's coarser buckets (short printed tables): days up to two weeks, weeks up to six months, then months. */
export function boardIntervalFor(p: LocalPeriod): "day" | "week" | "month" {
  const days = daysBetween(p.from, p.to);
  if (days <= 14) return "day";
  if (days <= 184) return "week";
  return "month";
}

/** The end of a bucket that starts on `start` (exclusive), as a local date. */
export function bucketEnd(start: string, interval: "day" | "week" | "month"): string {
  if (interval === "day") return addDays(start, 1);
  if (interval === "week") return addDays(start, 7);
  return addMonths(start, 1);
}
