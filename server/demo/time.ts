/** Wall-clock helpers in the district's time zone, for timestamps that fall in business hours. */

export type LocalParts = { year: number; month: number; day: number; hour: number; minute: number; weekday: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      weekday: "short",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function partsFromIntl(at: Date, timeZone: string): LocalParts {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    weekday: WEEKDAYS[parts.weekday ?? "Mon"] ?? 1,
  };
}

// UTC offsets change only on whole UTC hours in the zones districts use, so one Intl call per hour
// is enough; generating a year of activity asks this question hundreds of thousands of times.
const offsets = new Map<string, number>();

function offsetAt(at: Date, timeZone: string): number {
  const hour = Math.floor(at.getTime() / 3_600_000);
  const key = `${timeZone}:${hour}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const start = new Date(hour * 3_600_000);
    const p = partsFromIntl(start, timeZone);
    offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - start.getTime();
    offsets.set(key, offset);
  }
  return offset;
}

export function localParts(at: Date, timeZone: string): LocalParts {
  const d = new Date(at.getTime() + offsetAt(at, timeZone));
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    weekday: d.getUTCDay(),
  };
}

/** The instant at which the district's clocks show this date and time (DST-aware). */
export function zonedTime(year: number, month: number, day: number, minutesOfDay: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minutesOfDay);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess), timeZone);
    const shown = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute);
    guess += wall - shown;
  }
  return new Date(guess);
}

/** `2026-03-02` as the district's calendar shows that instant. */
export function localDate(at: Date, timeZone: string): string {
  const p = localParts(at, timeZone);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

export function addDays(ymd: string, days: number): string {
  const [y, m, d] = ymd.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Business hours of the demo district's offices: Monday to Friday, 7:30 to 16:30. */
export const OPEN_MINUTE = 7 * 60 + 30;
export const CLOSE_MINUTE = 16 * 60 + 30;

function isWorkday(p: LocalParts): boolean {
  return p.weekday >= 1 && p.weekday <= 5;
}

/** Moves an instant forward by working minutes, skipping nights and weekends. */
export function addBusinessMinutes(start: Date, minutes: number, timeZone: string): Date {
  let t = start;
  let left = Math.max(0, minutes);
  for (let guard = 0; guard < 400; guard++) {
    const p = localParts(t, timeZone);
    const minuteOfDay = p.hour * 60 + p.minute;
    if (!isWorkday(p) || minuteOfDay >= CLOSE_MINUTE) {
      const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
      t = zonedTime(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), OPEN_MINUTE, timeZone);
      continue;
    }
    if (minuteOfDay < OPEN_MINUTE) {
      t = zonedTime(p.year, p.month, p.day, OPEN_MINUTE, timeZone);
      continue;
    }
    const room = CLOSE_MINUTE - minuteOfDay;
    if (left <= room) return new Date(t.getTime() + left * 60_000);
    left -= room;
    t = new Date(t.getTime() + room * 60_000);
  }
  return t;
}
