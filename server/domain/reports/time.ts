/**
 * Local calendar arithmetic for reports: local dates (YYYY-MM-DD) in a district's IANA time zone and the instants
 * their midnights fall on (Intl only, no dependency). Pure functions.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallParts(timeZone: string, ms: number): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return { y: p.year!, m: p.month!, d: p.day!, h: p.hour!, mi: p.minute!, s: p.second! };
}

/** The zone's UTC offset at an instant, in ms (local − UTC). */
function offsetMs(timeZone: string, ms: number): number {
  const w = wallParts(timeZone, ms);
  return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s) - Math.floor(ms / 1000) * 1000;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;
function ymd(date: string): [number, number, number] {
  const m = YMD.exec(date);
  if (!m) throw new Error(`Not a local date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}
const fmtDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export const isLocalDate = (s: string): boolean => YMD.test(s);

/** The instant local midnight of `date` falls on in the zone. */
export function localMidnight(timeZone: string, date: string): Date {
  const [y, m, d] = ymd(date);
  const wall = Date.UTC(y, m - 1, d);
  let t = wall - offsetMs(timeZone, wall);
  t = wall - offsetMs(timeZone, t);
  return new Date(t);
}

/** The local date of an instant in the zone. */
export function localDateOf(timeZone: string, at: Date): string {
  const w = wallParts(timeZone, at.getTime());
  return fmtDate(Date.UTC(w.y, w.m - 1, w.d));
}

export function addDays(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  return fmtDate(Date.UTC(y, m - 1, d + n));
}

export function addMonths(date: string, n: number): string {
  const [y, m, d] = ymd(date);
  return fmtDate(Date.UTC(y, m - 1 + n, d));
}

/** Whole days from a to b (local dates). */
export function daysBetween(a: string, b: string): number {
  const [ya, ma, da] = ymd(a);
  const [yb, mb, db] = ymd(b);
  return Math.round((Date.UTC(yb, mb - 1, db) - Date.UTC(ya, ma - 1, da)) / 86_400_000);
}

/** Monday of the ISO week of a local date. */
export function mondayOf(date: string): string {
  const [y, m, d] = ymd(date);
  const dow = new Date(Date.UTC(y, m - 1, d)).getUTCDay(); // 0 = Sunday
  return addDays(date, -((dow + 6) % 7));
}

export const firstOfMonth = (date: string): string => `${date.slice(0, 7)}-01`;
