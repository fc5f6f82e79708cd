/**
 * The business-hours calendar of a district: pure functions, no I/O, no `Date.now()`.
 *
 * A calendar is an IANA time zone, weekly opening hours in local wall-clock time ("HH:MM", "24:00" allowed as an
 * end) and holidays (local dates, both ends inclusive). Business time is real elapsed time inside the opening
 * intervals, so an interval that spans a DST change is an hour shorter or longer than its wall-clock length.
 *
 * Converting local wall-clock boundaries to instants (`Intl.DateTimeFormat`, no dependency):
 * - a time in the hour skipped by spring-forward maps forward (02:30 on 2026-03-08 in Los Angeles is 03:30 PDT);
 * - an ambiguous time in the hour repeated by fall-back takes its first occurrence (01:30 on 2026-11-01 in
 *   Los Angeles is 01:30 PDT).
 *
 * Intervals are half-open: open at their start, closed at their end. `addBusinessMinutes` returns, walking forward,
 * the earliest instant at which the business time has elapsed (Friday 16:00 + 60 min is Friday 17:00, not Monday
 * 09:00; both are the same business time) and, walking backward, the latest one (Monday 10:00 − 60 min is Monday
 * 09:00, not Friday 17:00). Durations are kept to the millisecond (minutes may be fractional).
 *
 * The calendar is walked day by day over local dates; the UTC offsets around each day are cached per time zone
 * (found with `Intl` once per day, a binary search on the few days with a change) and parsed calendars are cached by
 * content, so adding a few business days costs some arithmetic per day once warm (tens of microseconds). Walks
 * that find no business time within about three years throw instead of looping. The caches assume a zone changes
 * its UTC offset at most once in any two days, true of every zone in use.
 */
import type { WeeklyHours } from "../../db/schema/districts.js";

export type Holiday = { start: string; end: string; name: string };
export type BusinessCalendar = { timeZone: string; weeklyHours: WeeklyHours; holidays: readonly Holiday[] };

type DayKey = keyof WeeklyHours;

/** Index 0 is Sunday, as `Date#getUTCDay` counts. */
const DAY_KEYS: readonly DayKey[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
/** Week order for messages. */
const WEEK_ORDER: readonly DayKey[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** How far `addBusinessMinutes` walks before deciding the calendar has no business time (~3 years). */
const MAX_WALK_DAYS = 1_100;
/** The longest span `businessMinutesBetween` accepts (~10 years); beyond it the input is surely wrong. */
const MAX_SPAN_DAYS = 3_700;

function deepFreezeHours(h: WeeklyHours): WeeklyHours {
  for (const key of DAY_KEYS) {
    for (const pair of h[key]) Object.freeze(pair);
    Object.freeze(h[key]);
  }
  return Object.freeze(h);
}

const EIGHT_TO_FIVE = (): [string, string][] => [["08:00", "17:00"]];

/** Monday to Friday 08:00–17:00, weekend closed. Frozen: copy it before editing. */
export const DEFAULT_WEEKLY_HOURS: WeeklyHours = deepFreezeHours({
  mon: EIGHT_TO_FIVE(),
  tue: EIGHT_TO_FIVE(),
  wed: EIGHT_TO_FIVE(),
  thu: EIGHT_TO_FIVE(),
  fri: EIGHT_TO_FIVE(),
  sat: [],
  sun: [],
});

// ---------------------------------------------------------------------------------------------------------------
// Time zone arithmetic

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat("en-US", {
        timeZone,
        hourCycle: "h23",
        year: "numeric",
        month: "numeric",
        day: "numeric",
        hour: "numeric",
        minute: "numeric",
        second: "numeric",
      });
    } catch {
      throw new Error(`Unknown time zone "${timeZone}" (expected an IANA name such as "America/Los_Angeles")`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's UTC offset at an instant, in ms (local = utc + offset). */
function offsetAt(timeZone: string, ms: number): number {
  const wholeSecond = Math.floor(ms / 1000) * 1000;
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const p of formatter(timeZone).formatToParts(new Date(wholeSecond))) {
    if (p.type === "year") year = Number(p.value);
    else if (p.type === "month") month = Number(p.value);
    else if (p.type === "day") day = Number(p.value);
    else if (p.type === "hour") hour = Number(p.value);
    else if (p.type === "minute") minute = Number(p.value);
    else if (p.type === "second") second = Number(p.value);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second) - wholeSecond;
}

/** The local date (days since 1970-01-01 on the zone's calendar) of an instant. */
function localDay(timeZone: string, ms: number): number {
  // The window of the instant's UTC date covers the instant itself, so its cached offsets answer without Intl.
  const z = zoneDay(timeZone, Math.floor(ms / DAY_MS));
  const offset = z.change === null || ms < z.change ? z.before : z.after;
  return Math.floor((ms + offset) / DAY_MS);
}

/**
 * The offsets around one local day: `before` until the instant `change`, `after` from it. Offsets range from
 * −12 h to +14 h, so every wall-clock time of the day (00:00 to 24:00) maps into [wall − 14 h, wall + 36 h]; the
 * day is probed just outside that window. Zones change offset at most a few times a year, far more than two
 * days apart, so one change per window is all there can be.
 */
type ZoneDay = { before: number; after: number; change: number | null };

const zoneDays = new Map<string, Map<number, ZoneDay>>();
const ZONE_DAY_CACHE_LIMIT = 20_000;

function zoneDay(timeZone: string, day: number): ZoneDay {
  let days = zoneDays.get(timeZone);
  if (!days) {
    days = new Map();
    zoneDays.set(timeZone, days);
  }
  const cached = days.get(day);
  if (cached) return cached;
  const wall0 = day * DAY_MS;
  let lo = wall0 - 15 * HOUR_MS;
  let hi = wall0 + 37 * HOUR_MS;
  const before = offsetAt(timeZone, lo);
  const after = offsetAt(timeZone, hi);
  let change: number | null = null;
  if (before !== after) {
    // Binary search to the minute: offsets change on whole minutes.
    while (hi - lo > MINUTE_MS) {
      const mid = Math.floor((lo + hi) / 2 / MINUTE_MS) * MINUTE_MS;
      if (mid <= lo) break;
      if (offsetAt(timeZone, mid) === before) lo = mid;
      else hi = mid;
    }
    change = hi;
  }
  const z: ZoneDay = { before, after, change };
  if (days.size >= ZONE_DAY_CACHE_LIMIT) days.clear();
  days.set(day, z);
  return z;
}

/**
 * The instant at which the zone's clocks show `minuteOfDay` (0–1440) on local `day`. A skipped wall time maps
 * forward (it is read with the offset in force before the change); an ambiguous one takes its first occurrence.
 */
function wallToUtc(timeZone: string, day: number, minuteOfDay: number): number {
  const z = zoneDay(timeZone, day);
  const wall = day * DAY_MS + minuteOfDay * MINUTE_MS;
  const readBefore = wall - z.before; // the wall time read with the offset in force before the change
  if (z.change === null) return readBefore;
  const readAfter = wall - z.after;
  const beforeFits = readBefore < z.change;
  const afterFits = readAfter >= z.change;
  if (beforeFits && afterFits) return Math.min(readBefore, readAfter); // repeated hour: the first occurrence
  if (afterFits) return readAfter;
  // Fits before the change, or falls in the skipped hour: there `readBefore` is past the change, i.e. moved forward.
  return readBefore;
}

// ---------------------------------------------------------------------------------------------------------------
// Weekly hours and holidays

const HHMM = /^(\d{2}):(\d{2})$/;

/** Minutes since midnight of "HH:MM" (00:00–23:59, or 24:00 when `asEnd`), or null. */
function parseClock(value: unknown, asEnd: boolean): number | null {
  if (typeof value !== "string") return null;
  const m = HHMM.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return null;
  if (h < 24) return h * 60 + min;
  if (h === 24 && min === 0 && asEnd) return 1440;
  return null;
}

/** Human-readable problems with weekly hours; [] when they are fine. */
export function validateWeeklyHours(h: unknown): string[] {
  if (typeof h !== "object" || h === null || Array.isArray(h)) {
    return ["Weekly hours must be an object with one entry per day (mon … sun)."];
  }
  const problems: string[] = [];
  const record = h as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!(DAY_KEYS as readonly string[]).includes(key)) problems.push(`"${key}" is not a day; use mon, tue, wed, thu, fri, sat, sun.`);
  }
  for (const key of WEEK_ORDER) {
    const intervals = record[key];
    if (intervals === undefined) {
      problems.push(`${key}: missing (use [] for a closed day).`);
      continue;
    }
    if (!Array.isArray(intervals)) {
      problems.push(`${key}: must be a list of ["HH:MM", "HH:MM"] intervals.`);
      continue;
    }
    const parsed: { start: number; end: number; label: string }[] = [];
    intervals.forEach((interval: unknown, i) => {
      if (!Array.isArray(interval) || interval.length !== 2) {
        problems.push(`${key}: interval ${i + 1} must be a pair ["HH:MM", "HH:MM"].`);
        return;
      }
      const [rawStart, rawEnd] = interval as [unknown, unknown];
      const start = parseClock(rawStart, false);
      const end = parseClock(rawEnd, true);
      if (start === null) problems.push(`${key}: ${JSON.stringify(rawStart)} is not a valid start time "HH:MM" (00:00–23:59).`);
      if (end === null) problems.push(`${key}: ${JSON.stringify(rawEnd)} is not a valid end time "HH:MM" (00:01–24:00).`);
      if (start === null || end === null) return;
      const label = `${String(rawStart)}–${String(rawEnd)}`;
      if (end <= start) {
        problems.push(`${key}: ${label} ends before it starts.`);
        return;
      }
      parsed.push({ start, end, label });
    });
    parsed.sort((a, b) => a.start - b.start);
    for (let i = 1; i < parsed.length; i++) {
      const prev = parsed[i - 1]!;
      const cur = parsed[i]!;
      if (cur.start < prev.end) problems.push(`${key}: ${prev.label} overlaps ${cur.label}.`);
    }
  }
  return problems;
}

const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseLocalDate(value: string, what: string): number {
  const m = YMD.exec(value);
  const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS : NaN;
  if (!m || !Number.isInteger(day) || new Date(day * DAY_MS).toISOString().slice(0, 10) !== value) {
    throw new Error(`${what}: "${value}" is not a date YYYY-MM-DD`);
  }
  return day;
}

/** A calendar parsed once per call: minutes of the day per weekday, holidays as local-day ranges. */
type Compiled = {
  timeZone: string;
  week: readonly (readonly [number, number])[][];
  holidays: readonly (readonly [number, number])[];
  hasHours: boolean;
};

function compileHours(hours: WeeklyHours): Compiled["week"] {
  const problems = validateWeeklyHours(hours);
  if (problems.length > 0) throw new Error(`Invalid weekly hours: ${problems.join(" ")}`);
  return DAY_KEYS.map((key) =>
    hours[key]
      .map(([s, e]) => [parseClock(s, false)!, parseClock(e, true)!] as const)
      .sort((a, b) => a[0] - b[0]),
  );
}

function compile(timeZone: string, hours: WeeklyHours, holidays: readonly Holiday[]): Compiled {
  formatter(timeZone); // fail early on an unknown zone
  const week = compileHours(hours);
  const ranges = holidays.map((h) => {
    const start = parseLocalDate(h.start, `Holiday "${h.name}" start`);
    const end = parseLocalDate(h.end, `Holiday "${h.name}" end`);
    if (end < start) throw new Error(`Holiday "${h.name}" ends (${h.end}) before it starts (${h.start})`);
    return [start, end] as const;
  });
  return { timeZone, week, holidays: ranges, hasHours: week.some((d) => d.length > 0) };
}

// Compiled calendars by content (not identity: callers build a new object per request, and may edit one in place).
const compiledCache = new Map<string, Compiled>();
const COMPILED_CACHE_LIMIT = 500;

function compileCached(timeZone: string, hours: WeeklyHours, holidays: readonly Holiday[]): Compiled {
  const key = `${timeZone}\n${JSON.stringify(hours)}\n${JSON.stringify(holidays)}`;
  let c = compiledCache.get(key);
  if (!c) {
    c = compile(timeZone, hours, holidays);
    if (compiledCache.size >= COMPILED_CACHE_LIMIT) compiledCache.clear();
    compiledCache.set(key, c);
  }
  return c;
}

const compileCalendar = (cal: BusinessCalendar): Compiled => compileCached(cal.timeZone, cal.weeklyHours, cal.holidays);

type Interval = readonly [number, number];

/** The business intervals of one local day as UTC ms, sorted, non-empty, non-overlapping. */
function dayIntervals(c: Compiled, day: number): Interval[] {
  for (const [start, end] of c.holidays) if (day >= start && day <= end) return [];
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  const out: [number, number][] = [];
  for (const [s, e] of c.week[weekday]!) {
    const a = wallToUtc(c.timeZone, day, s);
    const b = wallToUtc(c.timeZone, day, e);
    if (b <= a) continue;
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

function inIntervals(c: Compiled, ms: number): boolean {
  // An instant's intervals belong to its local day, or (around a DST change at midnight) to a neighbouring one.
  const day = localDay(c.timeZone, ms);
  for (let d = day - 1; d <= day + 1; d++) {
    for (const [a, b] of dayIntervals(c, d)) if (ms >= a && ms < b) return true;
  }
  return false;
}

/** Whether the district is open at this instant (its start inclusive, its end exclusive; holidays closed). */
export function isBusinessTime(cal: BusinessCalendar, at: Date): boolean {
  return inIntervals(compileCalendar(cal), at.getTime());
}

/** Whether a staff member's working hours include this instant (no holidays). */
export function isWithinHours(hours: WeeklyHours, timeZone: string, at: Date): boolean {
  return inIntervals(compileCached(timeZone, hours, []), at.getTime());
}

function checkInstant(d: Date, what: string): number {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) throw new Error(`${what} is not a valid date`);
  return ms;
}

/**
 * The instant `minutes` business minutes after `start` (before it when negative). 0 returns `start` unchanged,
 * even outside business hours. Throws on a calendar without any hours, or when no business time is found within
 * about three years.
 */
export function addBusinessMinutes(cal: BusinessCalendar, start: Date, minutes: number): Date {
  const startMs = checkInstant(start, "addBusinessMinutes: start");
  if (!Number.isFinite(minutes)) throw new Error(`addBusinessMinutes: minutes must be a finite number, got ${minutes}`);
  let remaining = Math.round(Math.abs(minutes) * MINUTE_MS);
  if (remaining === 0) return new Date(startMs);
  const c = compileCalendar(cal);
  if (!c.hasHours) throw new Error("addBusinessMinutes: the calendar has no business hours on any day of the week");
  const first = localDay(c.timeZone, startMs);
  if (minutes > 0) {
    for (let day = first - 1; day <= first + MAX_WALK_DAYS; day++) {
      for (const [a, b] of dayIntervals(c, day)) {
        if (b <= startMs) continue;
        const from = Math.max(a, startMs);
        const room = b - from;
        if (remaining <= room) return new Date(from + remaining);
        remaining -= room;
      }
    }
  } else {
    for (let day = first + 1; day >= first - MAX_WALK_DAYS; day--) {
      const intervals = dayIntervals(c, day);
      for (let i = intervals.length - 1; i >= 0; i--) {
        const [a, b] = intervals[i]!;
        if (a >= startMs) continue;
        const to = Math.min(b, startMs);
        const room = to - a;
        if (remaining <= room) return new Date(to - remaining);
        remaining -= room;
      }
    }
  }
  throw new Error(
    `addBusinessMinutes: not enough business time within ~3 years ${minutes > 0 ? "after" : "before"} ${start.toISOString()} ` +
      `(${minutes} minutes asked); check the calendar's hours and holidays`,
  );
}

/** Business minutes in [from, to): 0 when `to <= from`; fractional (millisecond precision). */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const fromMs = checkInstant(from, "businessMinutesBetween: from");
  const toMs = checkInstant(to, "businessMinutesBetween: to");
  if (toMs <= fromMs) return 0;
  const c = compileCalendar(cal);
  const firstDay = localDay(c.timeZone, fromMs) - 1;
  const lastDay = localDay(c.timeZone, toMs) + 1;
  if (lastDay - firstDay > MAX_SPAN_DAYS) {
    throw new Error(`businessMinutesBetween: ${from.toISOString()} to ${to.toISOString()} spans more than ~10 years`);
  }
  let ms = 0;
  for (let day = firstDay; day <= lastDay; day++) {
    for (const [a, b] of dayIntervals(c, day)) {
      const overlap = Math.min(b, toMs) - Math.max(a, fromMs);
      if (overlap > 0) ms += overlap;
    }
  }
  return ms / MINUTE_MS;
}

/**
 * The district's standard business day in minutes: the most common non-zero day length in the weekly hours
 * (wall-clock minutes, so a DST day does not change it); a tie goes to the longer length. "1 business day" is this
 * many business minutes. Throws on a calendar without any hours.
 */
export function businessDayMinutes(cal: BusinessCalendar): number {
  const week = compileHours(cal.weeklyHours);
  const counts = new Map<number, number>();
  for (const intervals of week) {
    const length = intervals.reduce((sum, [s, e]) => sum + (e - s), 0);
    if (length > 0) counts.set(length, (counts.get(length) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [length, count] of counts) {
    if (count > bestCount || (count === bestCount && length > best)) {
      best = length;
      bestCount = count;
    }
  }
  if (bestCount === 0) throw new Error("businessDayMinutes: the calendar has no business hours on any day of the week");
  return best;
}
