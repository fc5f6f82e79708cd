import type { Rng } from "./rng.js";
import { CLOSE_MINUTE, localParts, OPEN_MINUTE, zonedTime } from "./time.js";

// Families write more when school starts and less in summer and over winter break.
const MONTH_FACTOR = [1.0, 1.0, 1.0, 0.9, 1.0, 0.55, 0.4, 1.5, 1.35, 1.1, 0.85, 0.7];
// Web forms arrive around the clock, peaking in the morning and again after dinner.
const HOUR_WEIGHT = [0.1, 0.05, 0.02, 0.02, 0.05, 0.2, 0.6, 1.2, 2.0, 2.2, 2.0, 1.8, 1.7, 1.7, 1.6, 1.5, 1.3, 1.1, 1.0, 1.1, 1.2, 1.0, 0.6, 0.3];

type Day = { year: number; month: number; day: number; weight: number };

/**
 * `count` moments over the past `days` days, oldest first: weekdays busier than weekends,
 * fall busier than summer, none in the last few minutes before `now`.
 */
export function sampleCreationTimes(rng: Rng, now: Date, count: number, timeZone: string, days = 365): Date[] {
  const list: Day[] = [];
  for (let i = days; i >= 0; i--) {
    const p = localParts(new Date(now.getTime() - i * 86_400_000), timeZone);
    const weekend = p.weekday === 0 || p.weekday === 6;
    const winterBreak = (p.month === 12 && p.day >= 22) || (p.month === 1 && p.day <= 2);
    const weight = (weekend ? 0.22 : 1) * (winterBreak ? 0.35 : 1) * MONTH_FACTOR[p.month - 1]!;
    list.push({ year: p.year, month: p.month, day: p.day, weight });
  }
  const cumulative: number[] = [];
  let total = 0;
  for (const d of list) cumulative.push((total += d.weight));
  const hourTotal = HOUR_WEIGHT.reduce((a, b) => a + b, 0);

  const out: Date[] = [];
  while (out.length < count) {
    const r = rng.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < r) lo = mid + 1;
      else hi = mid;
    }
    const d = list[lo]!;
    let h = rng.next() * hourTotal;
    let hour = 0;
    while (hour < 23 && (h -= HOUR_WEIGHT[hour]!) > 0) hour++;
    const at = zonedTime(d.year, d.month, d.day, hour * 60 + rng.int(0, 59), timeZone);
    if (at.getTime() < now.getTime() - 10 * 60_000) out.push(new Date(at.getTime() + rng.int(0, 59) * 1000));
  }
  return out.sort((a, b) => a.getTime() - b.getTime());
}

/** Whether the district's offices are open at that moment (phone calls only come in then). */
export function isOfficeHours(at: Date, timeZone: string): boolean {
  const p = localParts(at, timeZone);
  const minute = p.hour * 60 + p.minute;
  return p.weekday >= 1 && p.weekday <= 5 && minute >= OPEN_MINUTE && minute < CLOSE_MINUTE;
}
