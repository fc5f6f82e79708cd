import { describe, expect, it } from "vitest";
import type { WeeklyHours } from "../../db/schema/districts.js";
import {
  addBusinessMinutes,
  businessDayMinutes,
  businessMinutesBetween,
  DEFAULT_WEEKLY_HOURS,
  isBusinessTime,
  isWithinHours,
  validateWeeklyHours,
  type BusinessCalendar,
  type Holiday,
} from "./calendar.js";

// Every expected instant is written with its UTC offset, worked out by hand: Los Angeles is PST −08:00 until
// 2026-03-08 02:00 and from 2026-11-01 02:00, PDT −07:00 between; New York −05:00 in winter; Honolulu −10:00 all
// year; Madrid +01:00 until 2026-03-29 and from 2026-10-25, +02:00 between.
const t = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

const weekdays = (intervals: [string, string][], extra: Partial<WeeklyHours> = {}): WeeklyHours => ({
  mon: intervals,
  tue: intervals,
  wed: intervals,
  thu: intervals,
  fri: intervals,
  sat: [],
  sun: [],
  ...extra,
});

const NINE_TO_FIVE = weekdays([["09:00", "17:00"]]); // 480 minutes a day
const LUNCH = weekdays([
  ["08:00", "12:00"],
  ["13:00", "16:30"],
]); // 240 + 210 = 450 minutes a day

const cal = (timeZone: string, weeklyHours: WeeklyHours = NINE_TO_FIVE, holidays: Holiday[] = []): BusinessCalendar => ({
  timeZone,
  weeklyHours,
  holidays,
});

const LA = "America/Los_Angeles";
const PT = cal(LA);
const THANKSGIVING: Holiday = { start: "2026-11-26", end: "2026-11-27", name: "Thanksgiving break" }; // Thu–Fri
const WINTER_BREAK: Holiday = { start: "2026-12-21", end: "2027-01-01", name: "Winter break" }; // Mon–Fri, two weeks
const PT_SCHOOL_YEAR = cal(LA, NINE_TO_FIVE, [THANKSGIVING, WINTER_BREAK]);

describe("weekends and evenings (Los Angeles, Mon–Fri 9–5)", () => {
  it("Friday 16:00 + 2 business hours is Monday 10:00: one hour on Friday, one on Monday", () => {
    // 2026-01-16 is a Friday. 16:00–17:00 uses 60 min, Monday 2026-01-19 09:00 + 60 = 10:00 PST = 18:00Z.
    expect(iso(addBusinessMinutes(PT, t("2026-01-16T16:00:00-08:00"), 120))).toBe("2026-01-19T18:00:00.000Z");
  });

  it("lands on the earliest instant: Friday 16:00 + 60 is Friday 17:00, + 61 is Monday 09:01", () => {
    expect(iso(addBusinessMinutes(PT, t("2026-01-16T16:00:00-08:00"), 60))).toBe("2026-01-17T01:00:00.000Z"); // Fri 17:00 PST
    expect(iso(addBusinessMinutes(PT, t("2026-01-16T16:00:00-08:00"), 61))).toBe("2026-01-19T17:01:00.000Z"); // Mon 09:01 PST
  });

  it("starts counting at the next opening from a weekend, an evening or an early morning", () => {
    expect(iso(addBusinessMinutes(PT, t("2026-01-17T12:00:00-08:00"), 30))).toBe("2026-01-19T17:30:00.000Z"); // Sat → Mon 09:30
    expect(iso(addBusinessMinutes(PT, t("2026-01-20T18:00:00-08:00"), 30))).toBe("2026-01-21T17:30:00.000Z"); // Tue 18:00 → Wed 09:30
    expect(iso(addBusinessMinutes(PT, t("2026-01-20T06:00:00-08:00"), 30))).toBe("2026-01-20T17:30:00.000Z"); // Tue 06:00 → Tue 09:30
  });

  it("adding 0 returns the start unchanged, even outside hours", () => {
    const saturday = t("2026-01-17T12:34:56.789-08:00");
    expect(addBusinessMinutes(PT, saturday, 0).getTime()).toBe(saturday.getTime());
    expect(addBusinessMinutes(PT, t("2026-01-20T10:00:00-08:00"), 0).getTime()).toBe(t("2026-01-20T10:00:00-08:00").getTime());
  });

  it("counts business minutes between two instants, 0 when `to` is not after `from`", () => {
    // Fri 16:00 → Mon 10:00: 60 + 60.
    expect(businessMinutesBetween(PT, t("2026-01-16T16:00:00-08:00"), t("2026-01-19T10:00:00-08:00"))).toBe(120);
    // Saturday to Sunday: closed.
    expect(businessMinutesBetween(PT, t("2026-01-17T08:00:00-08:00"), t("2026-01-18T20:00:00-08:00"))).toBe(0);
    // Mon 09:00 → Fri 17:00 = a full week: 5 × 480.
    expect(businessMinutesBetween(PT, t("2026-01-19T09:00:00-08:00"), t("2026-01-23T17:00:00-08:00"))).toBe(2400);
    expect(businessMinutesBetween(PT, t("2026-01-19T10:00:00-08:00"), t("2026-01-19T10:00:00-08:00"))).toBe(0);
    expect(businessMinutesBetween(PT, t("2026-01-19T11:00:00-08:00"), t("2026-01-19T10:00:00-08:00"))).toBe(0);
  });

  it("keeps fractions of a minute (millisecond precision)", () => {
    expect(businessMinutesBetween(PT, t("2026-01-19T09:00:00-08:00"), t("2026-01-19T09:00:30-08:00"))).toBe(0.5);
    expect(businessMinutesBetween(PT, t("2026-01-19T16:59:59.400-08:00"), t("2026-01-19T18:00:00-08:00"))).toBeCloseTo(0.01, 12);
    // Fri 16:59 + 1.5 min: 1 min on Friday, 0.5 min (30 s) on Monday.
    expect(iso(addBusinessMinutes(PT, t("2026-01-16T16:59:00-08:00"), 1.5))).toBe("2026-01-19T17:00:30.000Z");
  });

  it("treats the opening instant as open and the closing instant as closed", () => {
    expect(isBusinessTime(PT, t("2026-01-19T08:59:59.999-08:00"))).toBe(false);
    expect(isBusinessTime(PT, t("2026-01-19T09:00:00-08:00"))).toBe(true);
    expect(isBusinessTime(PT, t("2026-01-19T16:59:59.999-08:00"))).toBe(true);
    expect(isBusinessTime(PT, t("2026-01-19T17:00:00-08:00"))).toBe(false);
    expect(isBusinessTime(PT, t("2026-01-17T12:00:00-08:00"))).toBe(false); // Saturday
  });

  it("walks a whole year of business days in one call", () => {
    // From Monday 2026-01-05 09:00, 250 business days of 480 min end with the 250th weekday, exactly 50 weeks later
    // minus the weekend: Friday 2026-12-18 17:00 PST = 2026-12-19T01:00Z (no holidays in this calendar).
    expect(iso(addBusinessMinutes(PT, t("2026-01-05T09:00:00-08:00"), 250 * 480))).toBe("2026-12-19T01:00:00.000Z");
    expect(businessMinutesBetween(PT, t("2026-01-05T09:00:00-08:00"), t("2026-12-18T17:00:00-08:00"))).toBe(250 * 480);
  });
});

describe("negative minutes walk backwards", () => {
  it("Monday 10:00 − 2 business hours is Friday 16:00", () => {
    // Monday 09:00–10:00 gives 60, Friday 17:00 − 60 = 16:00 PST = 2026-01-17T00:00Z.
    expect(iso(addBusinessMinutes(PT, t("2026-01-19T10:00:00-08:00"), -120))).toBe("2026-01-17T00:00:00.000Z");
  });

  it("lands on the latest instant: Monday 10:00 − 60 is Monday 09:00, not Friday 17:00", () => {
    expect(iso(addBusinessMinutes(PT, t("2026-01-19T10:00:00-08:00"), -60))).toBe("2026-01-19T17:00:00.000Z");
    expect(iso(addBusinessMinutes(PT, t("2026-01-19T10:00:00-08:00"), -61))).toBe("2026-01-17T00:59:00.000Z"); // Fri 16:59
  });

  it("from a closed time, counts back from the last closing", () => {
    expect(iso(addBusinessMinutes(PT, t("2026-01-17T12:00:00-08:00"), -30))).toBe("2026-01-17T00:30:00.000Z"); // Sat → Fri 16:30
    expect(iso(addBusinessMinutes(PT, t("2026-01-19T08:00:00-08:00"), -480))).toBe("2026-01-16T17:00:00.000Z"); // Mon 08:00 → Fri 09:00
  });

  it("undoes a forward walk from inside business hours", () => {
    const start = t("2026-01-21T11:17:00-08:00"); // Wednesday
    for (const m of [1, 59, 343, 480, 481, 2400, 5000]) {
      expect(addBusinessMinutes(PT, addBusinessMinutes(PT, start, m), -m).getTime()).toBe(start.getTime());
    }
  });
});

describe("split days (lunch break 12:00–13:00)", () => {
  const NY_LUNCH = cal("America/New_York", LUNCH);

  it("skips the lunch hour", () => {
    // Monday 2026-01-19 11:30 EST: 30 min to 12:00, 30 more from 13:00 → 13:30 EST = 18:30Z.
    expect(iso(addBusinessMinutes(NY_LUNCH, t("2026-01-19T11:30:00-05:00"), 60))).toBe("2026-01-19T18:30:00.000Z");
    expect(iso(addBusinessMinutes(NY_LUNCH, t("2026-01-19T11:30:00-05:00"), 30))).toBe("2026-01-19T17:00:00.000Z"); // 12:00
    expect(isBusinessTime(NY_LUNCH, t("2026-01-19T12:30:00-05:00"))).toBe(false);
    expect(isBusinessTime(NY_LUNCH, t("2026-01-19T13:00:00-05:00"))).toBe(true);
  });

  it("skips it backwards too", () => {
    // 13:15 − 30: 15 min back to 13:00, 15 more before 12:00 → 11:45 EST = 16:45Z.
    expect(iso(addBusinessMinutes(NY_LUNCH, t("2026-01-19T13:15:00-05:00"), -30))).toBe("2026-01-19T16:45:00.000Z");
    // 13:30 − 30 is exactly the afternoon opening, 13:00 EST = 18:00Z.
    expect(iso(addBusinessMinutes(NY_LUNCH, t("2026-01-19T13:30:00-05:00"), -30))).toBe("2026-01-19T18:00:00.000Z");
  });

  it("a business day is 450 minutes: Monday 08:00 + 1 business day is Monday 16:30", () => {
    expect(businessDayMinutes(NY_LUNCH)).toBe(450);
    expect(iso(addBusinessMinutes(NY_LUNCH, t("2026-01-19T08:00:00-05:00"), 450))).toBe("2026-01-19T21:30:00.000Z");
    // Monday 10:00 → Tuesday 10:00: 120 (10–12) + 210 (13–16:30) + 120 (Tue 8–10) = 450.
    expect(businessMinutesBetween(NY_LUNCH, t("2026-01-19T10:00:00-05:00"), t("2026-01-20T10:00:00-05:00"))).toBe(450);
  });
});

describe("holidays", () => {
  it("Thanksgiving Thu–Fri: 5 business days from the Thursday before end on the Monday after", () => {
    // Thu 2026-11-19 10:00 PST, 5 × 480 = 2400: Thu 420, Fri 20th 900, Mon 23rd 1380, Tue 24th 1860, Wed 25th 2340,
    // Thu 26th and Fri 27th closed, Mon 30th 09:00 + 60 → 10:00 PST = 18:00Z.
    const start = t("2026-11-19T10:00:00-08:00");
    expect(iso(addBusinessMinutes(PT_SCHOOL_YEAR, start, 2400))).toBe("2026-11-30T18:00:00.000Z");
    // Without the holiday the same walk stops on Thanksgiving itself at 10:00.
    expect(iso(addBusinessMinutes(PT, start, 2400))).toBe("2026-11-26T18:00:00.000Z");
  });

  it("Wednesday before Thanksgiving 16:00 + 2 hours is the Monday after, 10:00", () => {
    expect(iso(addBusinessMinutes(PT_SCHOOL_YEAR, t("2026-11-25T16:00:00-08:00"), 120))).toBe("2026-11-30T18:00:00.000Z");
    // And back: Monday 10:00 − 120 is Wednesday 16:00.
    expect(iso(addBusinessMinutes(PT_SCHOOL_YEAR, t("2026-11-30T10:00:00-08:00"), -120))).toBe("2026-11-26T00:00:00.000Z");
    expect(isBusinessTime(PT_SCHOOL_YEAR, t("2026-11-26T10:00:00-08:00"))).toBe(false);
    expect(isBusinessTime(PT_SCHOOL_YEAR, t("2026-11-27T10:00:00-08:00"))).toBe(false);
    // Wed 2026-11-25 09:00 → Mon 11-30 17:00: Wednesday 480 + Monday 480.
    expect(businessMinutesBetween(PT_SCHOOL_YEAR, t("2026-11-25T09:00:00-08:00"), t("2026-11-30T17:00:00-08:00"))).toBe(960);
  });

  it("a two-week winter break: Friday 15:00 + 1 business day is 15:00 on the Monday school resumes", () => {
    // Fri 2026-12-18 15:00: 120 min that day; Dec 21 – Jan 1 closed; Mon 2027-01-04 09:00 + 360 → 15:00 PST = 23:00Z.
    expect(iso(addBusinessMinutes(PT_SCHOOL_YEAR, t("2026-12-18T15:00:00-08:00"), 480))).toBe("2027-01-04T23:00:00.000Z");
    expect(businessMinutesBetween(PT_SCHOOL_YEAR, t("2026-12-18T09:00:00-08:00"), t("2027-01-04T17:00:00-08:00"))).toBe(960);
    expect(businessMinutesBetween(PT_SCHOOL_YEAR, t("2026-12-19T00:00:00-08:00"), t("2027-01-04T00:00:00-08:00"))).toBe(0);
    expect(isBusinessTime(PT_SCHOOL_YEAR, t("2026-12-23T10:00:00-08:00"))).toBe(false);
    expect(isBusinessTime(PT_SCHOOL_YEAR, t("2027-01-01T10:00:00-08:00"))).toBe(false); // the last day is closed too
    expect(isBusinessTime(PT_SCHOOL_YEAR, t("2027-01-04T09:00:00-08:00"))).toBe(true);
  });

  it("a one-day holiday (start = end)", () => {
    const mlk = cal(LA, NINE_TO_FIVE, [{ start: "2026-01-19", end: "2026-01-19", name: "Martin Luther King Jr. Day" }]);
    // Fri 16:00 + 120: 60 on Friday, Monday closed, Tue 2026-01-20 10:00 PST = 18:00Z.
    expect(iso(addBusinessMinutes(mlk, t("2026-01-16T16:00:00-08:00"), 120))).toBe("2026-01-20T18:00:00.000Z");
  });

  it("holidays are local dates: the district's date, not the UTC date, decides", () => {
    // Wed 2026-11-25 16:30 PST is already Thursday (Thanksgiving) 00:30 in UTC, but still an open Wednesday afternoon
    // in Los Angeles; Thu 2026-11-26 06:00 UTC is still Wednesday 22:00 there: closed for the evening, not the holiday.
    expect(isBusinessTime(PT_SCHOOL_YEAR, t("2026-11-25T16:30:00-08:00"))).toBe(true);
    expect(isBusinessTime(PT_SCHOOL_YEAR, t("2026-11-26T06:00:00Z"))).toBe(false);
    // Without the holiday, Thursday 09:00 PST (17:00Z) would be open; with it, it is not.
    expect(isBusinessTime(PT, t("2026-11-26T17:00:00Z"))).toBe(true);
    expect(isBusinessTime(PT_SCHOOL_YEAR, t("2026-11-26T17:00:00Z"))).toBe(false);
  });

  it("rejects malformed holidays", () => {
    expect(() => isBusinessTime(cal(LA, NINE_TO_FIVE, [{ start: "2026-11-31", end: "2026-12-01", name: "X" }]), t("2026-11-02T10:00:00Z"))).toThrow(
      /"2026-11-31" is not a date/,
    );
    expect(() => isBusinessTime(cal(LA, NINE_TO_FIVE, [{ start: "2026-12-02", end: "2026-12-01", name: "Backwards" }]), t("2026-11-02T10:00:00Z"))).toThrow(
      /ends .* before it starts/,
    );
  });
});

describe("DST in America/Los_Angeles (business hours are local, so the UTC offset differs on each side)", () => {
  it("spring forward 2026-03-08: Friday 16:00 PST + 2 hours is Monday 10:00 PDT", () => {
    // Fri 2026-03-06 16:00 PST = 2026-03-07T00:00Z. 60 min on Friday, Mon 2026-03-09 09:00 PDT + 60 = 10:00 PDT = 17:00Z
    // (a fixed −08:00 offset would wrongly give 18:00Z).
    expect(iso(addBusinessMinutes(PT, t("2026-03-06T16:00:00-08:00"), 120))).toBe("2026-03-09T17:00:00.000Z");
    expect(iso(addBusinessMinutes(PT, t("2026-03-09T10:00:00-07:00"), -120))).toBe("2026-03-07T00:00:00.000Z");
    // Fri 09:00 PST → Mon 17:00 PDT: two business days (960) though 79 real hours apart, not 80.
    expect(businessMinutesBetween(PT, t("2026-03-06T09:00:00-08:00"), t("2026-03-09T17:00:00-07:00"))).toBe(960);
    expect(isBusinessTime(PT, t("2026-03-09T16:00:00Z"))).toBe(true); // Mon 09:00 PDT
    expect(isBusinessTime(PT, t("2026-03-09T15:59:00Z"))).toBe(false); // Mon 08:59 PDT (would be 07:59 PST)
  });

  it("fall back 2026-11-01: Friday 16:00 PDT + 2 hours is Monday 10:00 PST", () => {
    // Fri 2026-10-30 16:00 PDT = 23:00Z; Mon 2026-11-02 09:00 PST + 60 = 10:00 PST = 18:00Z.
    expect(iso(addBusinessMinutes(PT, t("2026-10-30T16:00:00-07:00"), 120))).toBe("2026-11-02T18:00:00.000Z");
    expect(businessMinutesBetween(PT, t("2026-10-30T09:00:00-07:00"), t("2026-11-02T17:00:00-08:00"))).toBe(960);
    expect(isBusinessTime(PT, t("2026-11-02T16:30:00Z"))).toBe(false); // Mon 08:30 PST
    expect(isBusinessTime(PT, t("2026-11-02T17:00:00Z"))).toBe(true); // Mon 09:00 PST
  });

  const SUNDAY_NIGHT_LINE = cal(LA, { ...NINE_TO_FIVE, sun: [["00:00", "06:00"]] });

  it("an interval spanning the change has its real length: 00:00–06:00 is 5 h in spring, 7 h in autumn", () => {
    // 2026-03-08: 00:00 PST (08:00Z) to 06:00 PDT (13:00Z) = 300 min; a normal Sunday (03-01) is 360.
    expect(businessMinutesBetween(SUNDAY_NIGHT_LINE, t("2026-03-08T00:00:00-08:00"), t("2026-03-08T12:00:00-07:00"))).toBe(300);
    expect(businessMinutesBetween(SUNDAY_NIGHT_LINE, t("2026-03-01T00:00:00-08:00"), t("2026-03-01T12:00:00-08:00"))).toBe(360);
    // 2026-11-01: 00:00 PDT (07:00Z) to 06:00 PST (14:00Z) = 420 min.
    expect(businessMinutesBetween(SUNDAY_NIGHT_LINE, t("2026-11-01T00:00:00-07:00"), t("2026-11-01T12:00:00-08:00"))).toBe(420);
    // Sat 2026-03-07 12:00 PST + 300 ends at Sunday's 06:00 PDT = 13:00Z.
    expect(iso(addBusinessMinutes(SUNDAY_NIGHT_LINE, t("2026-03-07T12:00:00-08:00"), 300))).toBe("2026-03-08T13:00:00.000Z");
  });

  it("a boundary in the skipped hour maps forward: 02:30 on 2026-03-08 opens at 03:30 PDT", () => {
    const c = cal(LA, { ...NINE_TO_FIVE, sun: [["02:30", "04:00"]] });
    // 02:30 does not exist; read as PST it is 10:30Z = 03:30 PDT. Closing 04:00 PDT = 11:00Z: 30 min that Sunday.
    expect(isBusinessTime(c, t("2026-03-08T10:29:59Z"))).toBe(false);
    expect(isBusinessTime(c, t("2026-03-08T10:30:00Z"))).toBe(true);
    expect(businessMinutesBetween(c, t("2026-03-08T00:00:00-08:00"), t("2026-03-08T12:00:00-07:00"))).toBe(30);
    // A normal Sunday (2026-03-15, PDT) has the full 90 minutes, 02:30–04:00 PDT = 09:30Z–11:00Z.
    expect(businessMinutesBetween(c, t("2026-03-15T00:00:00-07:00"), t("2026-03-15T12:00:00-07:00"))).toBe(90);
    expect(isBusinessTime(c, t("2026-03-15T09:30:00Z"))).toBe(true);
  });

  it("an ambiguous boundary takes the first occurrence: 01:30 on 2026-11-01 opens at 01:30 PDT", () => {
    const c = cal(LA, { ...NINE_TO_FIVE, sun: [["01:30", "03:00"]] });
    // Opens 01:30 PDT = 08:30Z (not 01:30 PST = 09:30Z), closes 03:00 PST = 11:00Z: 150 real minutes, during which
    // the clocks show 01:30–01:59 PDT, then 01:00–02:59 PST.
    expect(isBusinessTime(c, t("2026-11-01T08:29:59Z"))).toBe(false);
    expect(isBusinessTime(c, t("2026-11-01T08:30:00Z"))).toBe(true);
    expect(isBusinessTime(c, t("2026-11-01T09:15:00Z"))).toBe(true); // 01:15 PST, the second pass
    expect(isBusinessTime(c, t("2026-11-01T11:00:00Z"))).toBe(false);
    expect(businessMinutesBetween(c, t("2026-11-01T00:00:00-07:00"), t("2026-11-01T12:00:00-08:00"))).toBe(150);
    // Closing at an ambiguous time closes at its first occurrence: 00:00–01:30 PDT = 07:00Z–08:30Z, 90 min.
    const early = cal(LA, { ...NINE_TO_FIVE, sun: [["00:00", "01:30"]] });
    expect(businessMinutesBetween(early, t("2026-11-01T00:00:00-07:00"), t("2026-11-01T12:00:00-08:00"))).toBe(90);
  });

  it("agrees with the wall clock shown by Intl, 5 minutes at a time, across both changes", () => {
    // An independent oracle: format each instant in the zone and compare its weekday and HH:MM with the hours.
    // Every boundary (opening hours, the 02:00 changes) falls on a multiple of 5 minutes, so each 5-minute step
    // is wholly open or wholly closed and stands for 5 business minutes or none.
    const hours: WeeklyHours = { ...NINE_TO_FIVE, sat: [["10:00", "14:00"]], sun: [["00:00", "06:00"]] };
    const c = cal(LA, hours);
    const fmt = new Intl.DateTimeFormat("en-US", { timeZone: LA, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    const keys: Record<string, keyof WeeklyHours> = { Mon: "mon", Tue: "tue", Wed: "wed", Thu: "thu", Fri: "fri", Sat: "sat", Sun: "sun" };
    const oracleOpen = (ms: number): boolean => {
      const p = Object.fromEntries(fmt.formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
      const hhmm = `${p.hour}:${p.minute}`;
      return hours[keys[p.weekday!]!].some(([s, e]) => s <= hhmm && hhmm < e);
    };
    for (const [from, to] of [
      ["2026-03-06T00:00:00-08:00", "2026-03-10T00:00:00-07:00"], // Friday to Tuesday around spring forward
      ["2026-10-30T00:00:00-07:00", "2026-11-03T00:00:00-08:00"], // and around fall back
    ] as const) {
      const a = t(from).getTime();
      const b = t(to).getTime();
      let minutes = 0;
      const disagreements: string[] = [];
      for (let ms = a; ms < b; ms += 5 * 60_000) {
        const open = oracleOpen(ms);
        if (open) minutes += 5;
        if (isBusinessTime(c, new Date(ms)) !== open) disagreements.push(new Date(ms).toISOString());
      }
      expect(disagreements).toEqual([]);
      expect(businessMinutesBetween(c, t(from), t(to))).toBe(minutes);
    }
  });

  it("the standard business day does not change on a DST day", () => {
    expect(businessDayMinutes(SUNDAY_NIGHT_LINE)).toBe(480);
  });
});

describe("districts in other time zones", () => {
  const friday2100Z = t("2026-01-16T21:00:00Z");

  it("the same instant and the same 9–5 hours give different answers in each zone", () => {
    // New York: Fri 16:00 EST; 60 min on Friday, Mon 2026-01-19 09:00 + 60 → 10:00 EST = 15:00Z.
    expect(iso(addBusinessMinutes(cal("America/New_York"), friday2100Z, 120))).toBe("2026-01-19T15:00:00.000Z");
    // Los Angeles: Fri 13:00 PST + 120 → 15:00 PST = 23:00Z.
    expect(iso(addBusinessMinutes(PT, friday2100Z, 120))).toBe("2026-01-16T23:00:00.000Z");
    // Honolulu: Fri 11:00 HST + 120 → 13:00 HST = 23:00Z.
    expect(iso(addBusinessMinutes(cal("Pacific/Honolulu"), friday2100Z, 120))).toBe("2026-01-16T23:00:00.000Z");
    // Madrid: Fri 22:00 CET, closed; Mon 09:00 CET + 120 → 11:00 CET = 10:00Z.
    expect(iso(addBusinessMinutes(cal("Europe/Madrid"), friday2100Z, 120))).toBe("2026-01-19T10:00:00.000Z");

    expect(isBusinessTime(cal("America/New_York"), friday2100Z)).toBe(true);
    expect(isBusinessTime(cal("Europe/Madrid"), friday2100Z)).toBe(false);
  });

  it("Honolulu has no DST: 09:00 HST is 19:00Z in March and in July alike", () => {
    const hnl = cal("Pacific/Honolulu");
    // Fri 2026-03-06 16:00 HST (02:00Z Sat) + 120 → Mon 2026-03-09 10:00 HST = 20:00Z, across the US change.
    expect(iso(addBusinessMinutes(hnl, t("2026-03-06T16:00:00-10:00"), 120))).toBe("2026-03-09T20:00:00.000Z");
    expect(iso(addBusinessMinutes(hnl, t("2026-07-10T16:00:00-10:00"), 120))).toBe("2026-07-13T20:00:00.000Z");
  });

  it("Madrid changes on its own dates (2026-03-29 and 2026-10-25)", () => {
    const mad = cal("Europe/Madrid");
    // Fri 2026-03-27 16:00 CET (15:00Z) + 120: 60 on Friday, Mon 2026-03-30 09:00 CEST + 60 → 10:00 CEST = 08:00Z.
    expect(iso(addBusinessMinutes(mad, t("2026-03-27T16:00:00+01:00"), 120))).toBe("2026-03-30T08:00:00.000Z");
    // Fri 2026-10-23 16:00 CEST (14:00Z) + 120 → Mon 2026-10-26 10:00 CET = 09:00Z.
    expect(iso(addBusinessMinutes(mad, t("2026-10-23T16:00:00+02:00"), 120))).toBe("2026-10-26T09:00:00.000Z");
    // Los Angeles changed on 03-08, so that weekend it is PDT on both sides: Fri 16:00 PDT + 120 → Mon 10:00 PDT = 17:00Z.
    expect(iso(addBusinessMinutes(PT, t("2026-03-27T16:00:00-07:00"), 120))).toBe("2026-03-30T17:00:00.000Z");
  });

  it("rejects an unknown time zone with a clear error", () => {
    expect(() => isBusinessTime(cal("America/Springfield"), friday2100Z)).toThrow(/Unknown time zone "America\/Springfield"/);
  });
});

describe("businessMinutesBetween is the inverse of addBusinessMinutes (seeded random instants)", () => {
  // mulberry32: a small deterministic PRNG, so a failure is reproducible.
  function prng(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let x = a;
      x = Math.imul(x ^ (x >>> 15), x | 1);
      x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
      return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
    };
  }
  const calendars: [string, BusinessCalendar][] = [
    ["Los Angeles, school year", PT_SCHOOL_YEAR],
    ["New York, lunch break", cal("America/New_York", LUNCH)],
    ["Madrid, with a Saturday morning", cal("Europe/Madrid", { ...NINE_TO_FIVE, sat: [["09:30", "13:30"]] }, [{ start: "2026-08-01", end: "2026-08-31", name: "Agosto" }])],
    ["Honolulu, late shift to midnight", cal("Pacific/Honolulu", weekdays([["14:00", "24:00"]]))],
  ];
  const YEAR_START = Date.UTC(2026, 0, 1);
  const YEAR_MS = 365 * 86_400_000;

  it.each(calendars)("%s", (_name, c) => {
    const random = prng(20260308);
    for (let i = 0; i < 150; i++) {
      const start = new Date(YEAR_START + Math.floor(random() * YEAR_MS));
      const minutes = 1 + Math.floor(random() * 3000); // up to ~6 business days
      const later = addBusinessMinutes(c, start, minutes);
      expect(later.getTime()).toBeGreaterThan(start.getTime());
      expect(businessMinutesBetween(c, start, later)).toBe(minutes);
      const earlier = addBusinessMinutes(c, start, -minutes);
      expect(businessMinutesBetween(c, earlier, start)).toBe(minutes);

      // And the other way round: from any instant, adding the business minutes up to an open instant reaches it.
      const to = new Date(start.getTime() + Math.floor(random() * 20 * 86_400_000));
      if (isBusinessTime(c, to) && isBusinessTime(c, new Date(to.getTime() - 1))) {
        expect(addBusinessMinutes(c, start, businessMinutesBetween(c, start, to)).getTime()).toBe(to.getTime());
      }
    }
  });
});

describe("guards", () => {
  const closed: WeeklyHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };

  it("a calendar with no hours at all throws a clear error instead of looping", () => {
    const c = cal(LA, closed);
    expect(() => addBusinessMinutes(c, t("2026-01-19T10:00:00Z"), 60)).toThrow(/no business hours/);
    expect(() => addBusinessMinutes(c, t("2026-01-19T10:00:00Z"), -60)).toThrow(/no business hours/);
    expect(() => businessDayMinutes(c)).toThrow(/no business hours/);
    // Questions with a well-defined answer still get it.
    expect(addBusinessMinutes(c, t("2026-01-19T10:00:00Z"), 0).toISOString()).toBe("2026-01-19T10:00:00.000Z");
    expect(businessMinutesBetween(c, t("2026-01-19T10:00:00Z"), t("2026-02-19T10:00:00Z"))).toBe(0);
    expect(isBusinessTime(c, t("2026-01-19T18:00:00Z"))).toBe(false);
  });

  it("gives up after about three years without business time", () => {
    const c = cal(LA, NINE_TO_FIVE, [{ start: "2026-01-01", end: "2031-12-31", name: "Closed for renovation" }]);
    expect(() => addBusinessMinutes(c, t("2026-06-01T17:00:00Z"), 60)).toThrow(/~3 years/);
    expect(() => addBusinessMinutes(c, t("2031-06-01T17:00:00Z"), -60)).toThrow(/~3 years/);
  });

  it("rejects invalid weekly hours, minutes and dates", () => {
    expect(() => isBusinessTime(cal(LA, { ...NINE_TO_FIVE, mon: [["9:00", "17:00"]] }), t("2026-01-19T18:00:00Z"))).toThrow(/Invalid weekly hours/);
    expect(() => addBusinessMinutes(PT, t("2026-01-19T18:00:00Z"), Number.NaN)).toThrow(/finite/);
    expect(() => addBusinessMinutes(PT, new Date("nope"), 5)).toThrow(/not a valid date/);
  });
});

describe("businessDayMinutes and DEFAULT_WEEKLY_HOURS", () => {
  it("the default is Monday to Friday 08:00–17:00 (a 540-minute day), weekend closed, and frozen", () => {
    expect(DEFAULT_WEEKLY_HOURS.mon).toEqual([["08:00", "17:00"]]);
    expect(DEFAULT_WEEKLY_HOURS.fri).toEqual([["08:00", "17:00"]]);
    expect(DEFAULT_WEEKLY_HOURS.sat).toEqual([]);
    expect(DEFAULT_WEEKLY_HOURS.sun).toEqual([]);
    expect(businessDayMinutes(cal(LA, DEFAULT_WEEKLY_HOURS))).toBe(540);
    expect(Object.isFrozen(DEFAULT_WEEKLY_HOURS.mon)).toBe(true);
    expect(validateWeeklyHours(DEFAULT_WEEKLY_HOURS)).toEqual([]);
  });

  it("is the most common non-zero day length", () => {
    // Mon–Thu 450 (split), Friday half day 240, Saturday 240: 450 wins 4 to 2.
    const h = { ...LUNCH, fri: [["08:00", "12:00"]], sat: [["09:00", "13:00"]] } satisfies WeeklyHours;
    expect(businessDayMinutes(cal(LA, h))).toBe(450);
    // A tie (two days of 480, two of 420, one of 300) goes to the longer day.
    const tie: WeeklyHours = { ...NINE_TO_FIVE, wed: [["09:00", "16:00"]], thu: [["09:00", "16:00"]], fri: [["09:00", "14:00"]] };
    expect(businessDayMinutes(cal(LA, tie))).toBe(480);
  });
});

describe("isWithinHours (staff working hours, no holidays)", () => {
  const staffHours: WeeklyHours = { mon: [], tue: [["07:00", "15:00"]], wed: [["07:00", "15:00"]], thu: [["07:00", "15:00"]], fri: [], sat: [], sun: [] };

  it("answers in the given zone, ignoring district holidays", () => {
    expect(isWithinHours(staffHours, "America/Chicago", t("2026-11-24T13:00:00Z"))).toBe(true); // Tue 07:00 CST
    expect(isWithinHours(staffHours, "America/Chicago", t("2026-11-24T12:59:00Z"))).toBe(false); // Tue 06:59 CST
    expect(isWithinHours(staffHours, "America/Chicago", t("2026-11-24T21:00:00Z"))).toBe(false); // Tue 15:00 CST
    expect(isWithinHours(staffHours, "America/Chicago", t("2026-11-26T16:00:00Z"))).toBe(true); // Thanksgiving 10:00 CST
    expect(isWithinHours(staffHours, "America/Chicago", t("2026-11-23T16:00:00Z"))).toBe(false); // Monday
    expect(isWithinHours(staffHours, "America/Los_Angeles", t("2026-11-24T13:00:00Z"))).toBe(false); // 05:00 PST
  });
});

describe("validateWeeklyHours", () => {
  it("accepts good hours, including a split day, adjacent intervals and 24:00 as an end", () => {
    expect(validateWeeklyHours(LUNCH)).toEqual([]);
    expect(validateWeeklyHours({ ...NINE_TO_FIVE, sat: [["08:00", "12:00"], ["12:00", "24:00"]] })).toEqual([]);
  });

  it("names each problem in words", () => {
    expect(validateWeeklyHours({ ...NINE_TO_FIVE, mon: [["8:00", "17:00"]] })).toEqual([
      'mon: "8:00" is not a valid start time "HH:MM" (00:00–23:59).',
    ]);
    expect(validateWeeklyHours({ ...NINE_TO_FIVE, tue: [["09:00", "25:00"]], wed: [["09:60", "17:00"]] })).toEqual([
      'tue: "25:00" is not a valid end time "HH:MM" (00:01–24:00).',
      'wed: "09:60" is not a valid start time "HH:MM" (00:00–23:59).',
    ]);
    expect(validateWeeklyHours({ ...NINE_TO_FIVE, thu: [["17:00", "09:00"]], fri: [["09:00", "09:00"]] })).toEqual([
      "thu: 17:00–09:00 ends before it starts.",
      "fri: 09:00–09:00 ends before it starts.",
    ]);
    expect(validateWeeklyHours({ ...NINE_TO_FIVE, mon: [["11:00", "13:00"], ["08:00", "12:00"]] })).toEqual(["mon: 08:00–12:00 overlaps 11:00–13:00."]);
    expect(validateWeeklyHours({ ...NINE_TO_FIVE, sun: [["24:00", "24:00"]] })).toEqual(['sun: "24:00" is not a valid start time "HH:MM" (00:00–23:59).']);
  });

  it("checks the shape: an object with the seven days, each a list of pairs", () => {
    expect(validateWeeklyHours(null)).toHaveLength(1);
    expect(validateWeeklyHours([])).toHaveLength(1);
    expect(validateWeeklyHours("9-5")).toHaveLength(1);
    const { sun: _sun, ...missingSunday } = NINE_TO_FIVE;
    expect(validateWeeklyHours(missingSunday)).toEqual(["sun: missing (use [] for a closed day)."]);
    expect(validateWeeklyHours({ ...NINE_TO_FIVE, monday: [] })).toEqual(['"monday" is not a day; use mon, tue, wed, thu, fri, sat, sun.']);
    expect(validateWeeklyHours({ ...NINE_TO_FIVE, mon: "09:00-17:00" })).toEqual(['mon: must be a list of ["HH:MM", "HH:MM"] intervals.']);
    expect(validateWeeklyHours({ ...NINE_TO_FIVE, mon: [["09:00"]] })).toEqual(['mon: interval 1 must be a pair ["HH:MM", "HH:MM"].']);
  });
});
