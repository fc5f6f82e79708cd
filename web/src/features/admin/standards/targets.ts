import type { WeeklyHoursBody } from "../../../../../common/contract/operations.js";

/**
 * Service-standard targets are stored in business minutes; people enter business hours or business days. One
 * business day is the district's standard day, computed as the server does (server/domain/sla/calendar.ts,
 * `businessDayMinutes`): the most common non-zero day length of the weekly hours, a tie going to the longer one.
 */
const toMin = (hhmm: string) => (hhmm === "24:00" ? 1440 : Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)));

export function businessDayMinutes(hours: WeeklyHoursBody | null | undefined): number {
  if (!hours) return 540; // Mon–Fri 08:00–17:00, the server's default calendar
  const counts = new Map<number, number>();
  for (const day of Object.values(hours)) {
    const length = day.reduce((sum, [s, e]) => sum + Math.max(0, toMin(e) - toMin(s)), 0);
    if (length > 0) counts.set(length, (counts.get(length) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  for (const [length, count] of counts) {
    if (count > bestCount || (count === bestCount && length > best)) [best, bestCount] = [length, count];
  }
  return best || 540;
}

export type TargetUnit = "hours" | "days";
export type TargetDraft = { amount: number | null; unit: TargetUnit };

/** Stored minutes → what the form shows: whole business days when it divides evenly, else business hours. */
export function targetFromMinutes(minutes: number | null, dayMinutes: number): TargetDraft {
  if (minutes === null) return { amount: null, unit: "hours" };
  if (minutes >= dayMinutes && minutes % dayMinutes === 0) return { amount: minutes / dayMinutes, unit: "days" };
  return { amount: Math.round((minutes / 60) * 100) / 100, unit: "hours" };
}

/** What the form holds → minutes to send (null: no target). */
export function targetToMinutes(t: TargetDraft, dayMinutes: number): number | null {
  if (t.amount === null || !Number.isFinite(t.amount)) return null;
  return Math.round(t.unit === "days" ? t.amount * dayMinutes : t.amount * 60);
}
