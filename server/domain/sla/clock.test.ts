import { describe, expect, it } from "vitest";
import type { WeeklyHours } from "../../db/schema/districts.js";
import { type BusinessCalendar } from "./calendar.js";
import {
  changeTargets,
  dueTransitions,
  onFamilyMessage,
  onStaffReply,
  pauseClocks,
  resumeClocks,
  startClocks,
  warnAt,
  type SlaState,
  type SlaTargets,
  type SlaTransition,
} from "./clock.js";

// A Los Angeles district open Monday to Friday 09:00–17:00 (480 business minutes a day), closed Thanksgiving
// Thursday and Friday. Instants carry their offset: PDT −07:00 from 2026-03-08 to 2026-10-31, PST −08:00 otherwise.
// 2026-03-16 is a Monday.
const nineToFive: [string, string][] = [["09:00", "17:00"]];
const HOURS: WeeklyHours = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: [], sun: [] };
const CAL: BusinessCalendar = {
  timeZone: "America/Los_Angeles",
  weeklyHours: HOURS,
  holidays: [{ start: "2026-11-26", end: "2026-11-27", name: "Thanksgiving break" }],
};

const NORMAL: SlaTargets = { firstResponseMinutes: 480, nextResponseMinutes: 240, resolutionMinutes: 2400, warnAtPercent: 75 };
const HIGH: SlaTargets = { firstResponseMinutes: 120, nextResponseMinutes: 60, resolutionMinutes: 960, warnAtPercent: 75 };
const SHORT: SlaTargets = { firstResponseMinutes: 240, nextResponseMinutes: 120, resolutionMinutes: 960, warnAtPercent: 75 };

const t = (iso: string) => new Date(iso);
const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const dues = (s: SlaState) => ({
  first: iso(s.firstResponseDueAt),
  next: iso(s.nextResponseDueAt),
  resolution: iso(s.resolutionDueAt),
});

/** Freezes a state deeply, so any mutation by the code under test throws (ES modules run in strict mode). */
function frozen(s: SlaState): SlaState {
  Object.freeze(s.warned);
  Object.freeze(s.breached);
  return Object.freeze(s);
}

/** Runs the sweeper at each instant in turn, threading the state, and returns every transition it reported. */
function sweep(targets: SlaTargets, state: SlaState, instants: Date[]): { all: (SlaTransition & { at: string })[]; state: SlaState } {
  const all: (SlaTransition & { at: string })[] = [];
  let s = state;
  for (const now of instants) {
    const r = dueTransitions(CAL, targets, frozen(s), now);
    all.push(...r.transitions.map((x) => ({ ...x, at: now.toISOString() })));
    s = r.state;
  }
  return { all, state: s };
}

describe("startClocks", () => {
  it("opened Friday 15:00: first response due Monday 15:00, resolution due the next Friday 15:00", () => {
    // First response, 480: Fri 15–17 = 120, Mon 2026-03-16 09:00 + 360 = 15:00 PDT = 22:00Z.
    // Resolution, 2400: Fri 120, Mon 600, Tue 1080, Wed 1560, Thu 2040, Fri 2026-03-20 09:00 + 360 = 15:00 PDT.
    const s = startClocks(CAL, NORMAL, t("2026-03-13T15:00:00-07:00"));
    expect(dues(s)).toEqual({ first: "2026-03-16T22:00:00.000Z", next: null, resolution: "2026-03-20T22:00:00.000Z" });
    expect(s).toMatchObject({ pausedAt: null, warned: [], breached: [] });
  });

  it("opened on a Saturday: the clocks start Monday 09:00", () => {
    // First response: Mon 09:00 + 480 = Mon 17:00 PDT. Resolution: five full days, Fri 2026-03-20 17:00 PDT.
    const s = startClocks(CAL, NORMAL, t("2026-03-14T10:00:00-07:00"));
    expect(dues(s)).toEqual({ first: "2026-03-17T00:00:00.000Z", next: null, resolution: "2026-03-21T00:00:00.000Z" });
  });

  it("opened the Friday before spring forward: Monday's hours are PDT", () => {
    // Fri 2026-03-06 16:00 PST + 240: 60 on Friday, Mon 2026-03-09 09:00 PDT + 180 = 12:00 PDT = 19:00Z.
    const s = startClocks(CAL, SHORT, t("2026-03-06T16:00:00-08:00"));
    expect(iso(s.firstResponseDueAt)).toBe("2026-03-09T19:00:00.000Z");
  });

  it("opened the Wednesday before Thanksgiving: due the Monday after", () => {
    // Wed 2026-11-25 13:00 PST + 480: Wed 13–17 = 240, Thu–Fri closed, Mon 11-30 09:00 + 240 = 13:00 PST = 21:00Z.
    const s = startClocks(CAL, NORMAL, t("2026-11-25T13:00:00-08:00"));
    expect(iso(s.firstResponseDueAt)).toBe("2026-11-30T21:00:00.000Z");
    // Its warning (75%) comes 120 business minutes earlier: Mon 11:00 PST = 19:00Z.
    expect(iso(warnAt(CAL, NORMAL, "first_response", s.firstResponseDueAt!))).toBe("2026-11-30T19:00:00.000Z");
  });

  it("a null target never runs", () => {
    const s = startClocks(CAL, { firstResponseMinutes: null, nextResponseMinutes: null, resolutionMinutes: null, warnAtPercent: 75 }, t("2026-03-16T10:00:00-07:00"));
    expect(dues(s)).toEqual({ first: null, next: null, resolution: null });
    expect(dueTransitions(CAL, NORMAL, s, t("2027-01-01T00:00:00Z")).transitions).toEqual([]);
  });

  it("rejects a negative target", () => {
    expect(() => startClocks(CAL, { ...NORMAL, firstResponseMinutes: -5 }, t("2026-03-16T10:00:00-07:00"))).toThrow(/non-negative/);
  });
});

describe("replies: first response, then next response on each family follow-up", () => {
  const opened = frozen(startClocks(CAL, NORMAL, t("2026-03-16T09:00:00-07:00"))); // Monday 09:00

  it("a family follow-up before the first response changes nothing", () => {
    expect(onFamilyMessage(CAL, NORMAL, opened, t("2026-03-16T09:30:00-07:00"))).toBe(opened);
  });

  it("the staff reply clears first_response; the resolution clock keeps running", () => {
    const s = onStaffReply(CAL, NORMAL, opened, t("2026-03-16T10:00:00-07:00"));
    expect(dues(s)).toEqual({ first: null, next: null, resolution: "2026-03-21T00:00:00.000Z" }); // Fri 17:00 PDT
    expect(s.resolutionDueAt).toBe(opened.resolutionDueAt);
  });

  it("next_response runs from the family's first unanswered message until the next staff reply", () => {
    let s = frozen(onStaffReply(CAL, NORMAL, opened, t("2026-03-16T10:00:00-07:00")));
    // Family writes Mon 16:00: + 240 = Mon 16–17 (60) + Tue 09:00 + 180 = Tue 12:00 PDT = 19:00Z.
    s = frozen(onFamilyMessage(CAL, NORMAL, s, t("2026-03-16T16:00:00-07:00")));
    expect(iso(s.nextResponseDueAt)).toBe("2026-03-17T19:00:00.000Z");
    // Writing again before an answer does not restart the clock.
    expect(onFamilyMessage(CAL, NORMAL, s, t("2026-03-17T09:30:00-07:00"))).toBe(s);
    // The reply stops it; the next follow-up (Wed 15:00) starts a new run: Wed 120 + Thu 09:00 + 120 = Thu 11:00 PDT.
    s = frozen(onStaffReply(CAL, NORMAL, s, t("2026-03-17T11:00:00-07:00")));
    expect(s.nextResponseDueAt).toBeNull();
    s = onFamilyMessage(CAL, NORMAL, s, t("2026-03-18T15:00:00-07:00"));
    expect(iso(s.nextResponseDueAt)).toBe("2026-03-19T18:00:00.000Z");
  });

  it("a staff reply resets the warned and breached flags of the reply clocks, not of resolution", () => {
    const flagged: SlaState = { ...opened, warned: ["first_response", "resolution"], breached: ["first_response"] };
    const s = onStaffReply(CAL, NORMAL, frozen(flagged), t("2026-03-17T10:00:00-07:00"));
    expect(s.warned).toEqual(["resolution"]);
    expect(s.breached).toEqual([]);
  });

  it("a reply when no reply clock runs returns the state as it was", () => {
    const answered = frozen(onStaffReply(CAL, NORMAL, opened, t("2026-03-16T10:00:00-07:00")));
    expect(onStaffReply(CAL, NORMAL, answered, t("2026-03-16T11:00:00-07:00"))).toBe(answered);
  });

  it("no next-response target: follow-ups start nothing", () => {
    const noNext = { ...NORMAL, nextResponseMinutes: null };
    const answered = frozen(onStaffReply(CAL, noNext, opened, t("2026-03-16T10:00:00-07:00")));
    expect(onFamilyMessage(CAL, noNext, answered, t("2026-03-16T11:00:00-07:00"))).toBe(answered);
  });

  it("no first-response target: a follow-up starts next_response at once (documented: null due reads as answered)", () => {
    const noFirst = { ...NORMAL, firstResponseMinutes: null };
    const s = startClocks(CAL, noFirst, t("2026-03-16T09:00:00-07:00"));
    // Mon 10:00 + 240 = Mon 14:00 PDT = 21:00Z.
    expect(iso(onFamilyMessage(CAL, noFirst, s, t("2026-03-16T10:00:00-07:00")).nextResponseDueAt)).toBe("2026-03-16T21:00:00.000Z");
  });
});

describe("pauses (pending) keep the remaining business time", () => {
  it("paused Friday afternoon, resumed Tuesday: the resolution due moves by the pause, a due already past stays breached", () => {
    // Opened Thu 2026-03-12 10:00 PDT with first response 240, resolution 960.
    // First response due Thu 14:00 PDT (21:00Z). Resolution: Thu 10–17 = 420, Fri 480 (900), Mon 09:00 + 60 = Mon 10:00.
    let s = frozen(startClocks(CAL, SHORT, t("2026-03-12T10:00:00-07:00")));
    expect(dues(s)).toEqual({ first: "2026-03-12T21:00:00.000Z", next: null, resolution: "2026-03-16T17:00:00.000Z" });

    // Friday 14:00 the sweeper runs: first response is overdue; resolution reaches its warning, due − 25% × 960 = 240
    // business minutes before Mon 10:00 = Mon 09–10 (60) + Fri 14–17 (180), i.e. Fri 14:00.
    const r = dueTransitions(CAL, SHORT, s, t("2026-03-13T14:00:00-07:00"));
    expect(r.transitions).toEqual([
      { clock: "first_response", kind: "breach", dueAt: t("2026-03-12T21:00:00.000Z") },
      { clock: "resolution", kind: "warning", dueAt: t("2026-03-16T17:00:00.000Z") },
    ]);
    s = frozen(r.state);

    // Friday 15:00 the conversation goes pending. Left on resolution: Fri 15–17 (120) + Mon 09–10 (60) = 180.
    s = frozen(pauseClocks(s, t("2026-03-13T15:00:00-07:00")));
    // Monday noon the old due has passed, but the clocks are paused: nothing to report.
    expect(dueTransitions(CAL, SHORT, s, t("2026-03-16T12:00:00-07:00")).transitions).toEqual([]);

    // The family answers Tuesday 11:00: Tue 11:00 + 180 = Tue 14:00 PDT = 21:00Z. First response stays overdue.
    s = frozen(resumeClocks(CAL, s, t("2026-03-17T11:00:00-07:00")));
    expect(dues(s)).toEqual({ first: "2026-03-12T21:00:00.000Z", next: null, resolution: "2026-03-17T21:00:00.000Z" });
    expect(s).toMatchObject({ pausedAt: null, warned: ["resolution"], breached: ["first_response"] });

    // No repeated breach or warning; the resolution breach comes at its new due.
    const later = sweep(SHORT, s, [t("2026-03-17T11:00:00-07:00"), t("2026-03-17T13:59:59.999-07:00"), t("2026-03-17T14:00:00-07:00"), t("2026-03-18T09:00:00-07:00")]);
    expect(later.all).toEqual([{ clock: "resolution", kind: "breach", dueAt: t("2026-03-17T21:00:00.000Z"), at: "2026-03-17T21:00:00.000Z" }]);
  });

  it("a due already past at the pause but not yet reported is reported once after the resume", () => {
    // Opened Mon 2026-03-16 09:00, first response (240) due Mon 13:00. Pending at Mon 14:00 before any sweep.
    let s = frozen(startClocks(CAL, SHORT, t("2026-03-16T09:00:00-07:00")));
    s = frozen(pauseClocks(s, t("2026-03-16T14:00:00-07:00")));
    expect(dueTransitions(CAL, SHORT, s, t("2026-03-16T15:00:00-07:00")).transitions).toEqual([]);
    // Resolution (960, due Tue 17:00) had Mon 14–17 (180) + Tue 480 = 660 left. Resumed Wed 09:00:
    // Wed 480, Thu 09:00 + 180 = Thu 12:00 PDT = 19:00Z.
    s = frozen(resumeClocks(CAL, s, t("2026-03-18T09:00:00-07:00")));
    expect(dues(s)).toEqual({ first: "2026-03-16T20:00:00.000Z", next: null, resolution: "2026-03-19T19:00:00.000Z" });
    // Resolution warns 240 before Thu 12:00: Thu 09–12 (180) + Wed 16–17 (60) → Wed 16:00 PDT = 23:00Z.
    const { all } = sweep(SHORT, s, [t("2026-03-18T09:00:00-07:00"), t("2026-03-18T10:00:00-07:00"), t("2026-03-18T16:00:00-07:00")]);
    expect(all).toEqual([
      { clock: "first_response", kind: "breach", dueAt: t("2026-03-16T20:00:00.000Z"), at: "2026-03-18T16:00:00.000Z" },
      { clock: "resolution", kind: "warning", dueAt: t("2026-03-19T19:00:00.000Z"), at: "2026-03-18T23:00:00.000Z" },
    ]);
  });

  it("a due falling exactly at the pause instant counts as passed: it stays and breaches after the resume", () => {
    // First response (240) due Mon 13:00 PDT = 20:00Z; pending at exactly 13:00, resumed Tue 10:00.
    let s = startClocks(CAL, SHORT, t("2026-03-16T09:00:00-07:00"));
    s = pauseClocks(s, t("2026-03-16T13:00:00-07:00"));
    s = resumeClocks(CAL, s, t("2026-03-17T10:00:00-07:00"));
    expect(iso(s.firstResponseDueAt)).toBe("2026-03-16T20:00:00.000Z");
    expect(dueTransitions(CAL, SHORT, s, t("2026-03-17T10:00:00-07:00")).transitions.map((x) => [x.clock, x.kind])).toEqual([["first_response", "breach"]]);
  });

  it("pausing twice keeps the first instant; resuming a running state changes nothing", () => {
    const s = frozen(startClocks(CAL, SHORT, t("2026-03-16T09:00:00-07:00")));
    const paused = frozen(pauseClocks(s, t("2026-03-16T10:00:00-07:00")));
    expect(pauseClocks(paused, t("2026-03-16T11:00:00-07:00"))).toBe(paused);
    expect(resumeClocks(CAL, s, t("2026-03-16T12:00:00-07:00"))).toBe(s);
  });

  it("a pause over the fall-back weekend keeps its hour across the offset change", () => {
    // Opened Thu 2026-10-29 09:00 PDT, resolution 960 → Fri 2026-10-30 17:00 PDT. Pending Fri 16:00 PDT: 60 left.
    // Resumed Mon 2026-11-02 09:00 PST: due 10:00 PST = 18:00Z.
    let s = startClocks(CAL, HIGH, t("2026-10-29T09:00:00-07:00"));
    expect(iso(s.resolutionDueAt)).toBe("2026-10-31T00:00:00.000Z");
    s = pauseClocks(s, t("2026-10-30T16:00:00-07:00"));
    s = resumeClocks(CAL, s, t("2026-11-02T09:00:00-08:00"));
    expect(iso(s.resolutionDueAt)).toBe("2026-11-02T18:00:00.000Z");
  });

  it("a pause that starts and ends outside business hours moves nothing", () => {
    // Due Mon 2026-03-16 15:00 PDT; paused Fri 18:00, resumed Sat 10:00: 0 business minutes passed in between.
    const s = startClocks(CAL, NORMAL, t("2026-03-13T15:00:00-07:00"));
    const again = resumeClocks(CAL, pauseClocks(s, t("2026-03-13T18:00:00-07:00")), t("2026-03-14T10:00:00-07:00"));
    expect(dues(again)).toEqual(dues(s));
  });
});

describe("resolve and reopen", () => {
  it("reopening continues the resolution clock with the time it had left, and the family's message starts next_response", () => {
    // Opened Mon 2026-03-16 09:00: resolution (2400) due Fri 2026-03-20 17:00 PDT. Answered Mon 10:00.
    let s = startClocks(CAL, NORMAL, t("2026-03-16T09:00:00-07:00"));
    s = frozen(onStaffReply(CAL, NORMAL, s, t("2026-03-16T10:00:00-07:00")));
    // Resolved Wed 2026-03-18 12:00. Left: Wed 12–17 (300) + Thu 480 + Fri 480 = 1260.
    const resolved = frozen(pauseClocks(s, t("2026-03-18T12:00:00-07:00")));
    // The family writes Mon 2026-03-23 09:00, reopening it.
    // Resolution: Mon 480 (780 left), Tue 480 (300 left), Wed 2026-03-25 09:00 + 300 = 14:00 PDT = 21:00Z.
    // Next response: Mon 09:00 + 240 = 13:00 PDT = 20:00Z.
    const reopenedAt = t("2026-03-23T09:00:00-07:00");
    const resumeFirst = onFamilyMessage(CAL, NORMAL, frozen(resumeClocks(CAL, resolved, reopenedAt)), reopenedAt);
    expect(dues(resumeFirst)).toEqual({ first: null, next: "2026-03-23T20:00:00.000Z", resolution: "2026-03-25T21:00:00.000Z" });
    // The other order (message recorded while still resolved, then resume) gives the same clocks: the next-response
    // clock started while paused is dated at the pause (Wed 12:00 + 240 = Wed 16:00) and then keeps its 240.
    const messageFirst = frozen(onFamilyMessage(CAL, NORMAL, resolved, reopenedAt));
    expect(iso(messageFirst.nextResponseDueAt)).toBe("2026-03-18T23:00:00.000Z");
    expect(resumeClocks(CAL, messageFirst, reopenedAt)).toEqual(resumeFirst);
  });

  it("staff reopening without a family message starts no reply clock", () => {
    let s = startClocks(CAL, NORMAL, t("2026-03-16T09:00:00-07:00"));
    s = onStaffReply(CAL, NORMAL, s, t("2026-03-16T10:00:00-07:00"));
    s = pauseClocks(s, t("2026-03-18T12:00:00-07:00"));
    s = resumeClocks(CAL, s, t("2026-03-23T09:00:00-07:00"));
    expect(dues(s)).toEqual({ first: null, next: null, resolution: "2026-03-25T21:00:00.000Z" });
  });

  it("a resolution already breached before resolving stays breached after reopening, and is not reported again", () => {
    // Opened Mon 2026-03-16 09:00, resolution 960 → Tue 17:00 PDT (2026-03-18T00:00Z). Answered Mon 09:30.
    let s = startClocks(CAL, SHORT, t("2026-03-16T09:00:00-07:00"));
    s = onStaffReply(CAL, SHORT, s, t("2026-03-16T09:30:00-07:00"));
    let r = sweep(SHORT, s, [t("2026-03-18T10:00:00-07:00")]);
    expect(r.all.map((x) => [x.clock, x.kind])).toEqual([["resolution", "breach"]]); // late sweep: no warning first
    s = pauseClocks(r.state, t("2026-03-18T11:00:00-07:00")); // resolved Wed 11:00
    s = resumeClocks(CAL, s, t("2026-03-19T09:00:00-07:00")); // reopened Thu 09:00
    expect(iso(s.resolutionDueAt)).toBe("2026-03-18T00:00:00.000Z");
    expect(s.breached).toEqual(["resolution"]);
    r = sweep(SHORT, s, [t("2026-03-19T09:00:00-07:00"), t("2026-03-20T09:00:00-07:00")]);
    expect(r.all).toEqual([]);
  });
});

describe("dueTransitions: warnings and breaches, each once", () => {
  // Opened Mon 2026-03-16 09:00 with first response 240: due 13:00 PDT (20:00Z), warning at 75% = 180 minutes in,
  // i.e. 60 business minutes before the due: 12:00 PDT (19:00Z).
  const opened = frozen(startClocks(CAL, SHORT, t("2026-03-16T09:00:00-07:00")));

  it("warns at 75% once, then breaches once, however often it is called", () => {
    const quarterHours = Array.from({ length: 20 }, (_, i) => new Date(t("2026-03-16T13:15:00-07:00").getTime() + i * 15 * 60_000));
    const { all, state } = sweep(SHORT, opened, [
      t("2026-03-16T11:59:59.999-07:00"),
      t("2026-03-16T12:00:00-07:00"),
      t("2026-03-16T12:30:00-07:00"),
      t("2026-03-16T12:59:59.999-07:00"),
      t("2026-03-16T13:00:00-07:00"),
      t("2026-03-16T13:00:00-07:00"),
      ...quarterHours,
    ]);
    expect(all).toEqual([
      { clock: "first_response", kind: "warning", dueAt: t("2026-03-16T20:00:00.000Z"), at: "2026-03-16T19:00:00.000Z" },
      { clock: "first_response", kind: "breach", dueAt: t("2026-03-16T20:00:00.000Z"), at: "2026-03-16T20:00:00.000Z" },
    ]);
    expect(state.warned).toEqual(["first_response"]);
    expect(state.breached).toEqual(["first_response"]);
  });

  it("a late sweep past the due reports only the breach, and never a warning afterwards", () => {
    const { all, state } = sweep(SHORT, opened, [t("2026-03-16T13:30:00-07:00"), t("2026-03-16T14:00:00-07:00"), t("2026-03-17T09:00:00-07:00")]);
    expect(all.filter((x) => x.clock === "first_response")).toEqual([
      { clock: "first_response", kind: "breach", dueAt: t("2026-03-16T20:00:00.000Z"), at: "2026-03-16T20:30:00.000Z" },
    ]);
    expect(state.warned).not.toContain("first_response");
  });

  it("returns the state itself when nothing is due, and reports nothing while paused", () => {
    const r = dueTransitions(CAL, SHORT, opened, t("2026-03-16T10:00:00-07:00"));
    expect(r).toEqual({ transitions: [], state: opened });
    expect(r.state).toBe(opened);
    const paused = pauseClocks(opened, t("2026-03-16T10:00:00-07:00"));
    expect(dueTransitions(CAL, SHORT, paused, t("2026-03-20T10:00:00-07:00")).transitions).toEqual([]);
  });

  it("the warning instant is counted in business minutes, across nights and weekends", () => {
    // Due Mon 2026-03-16 10:00 with a 480 target: 25% = 120 before → Mon 09–10 (60) + Fri 16–17 (60) → Fri 16:00 PDT.
    expect(iso(warnAt(CAL, NORMAL, "first_response", t("2026-03-16T10:00:00-07:00")))).toBe("2026-03-13T23:00:00.000Z");
    // Resolution due Fri 2026-03-20 17:00 with 2400: 25% = 600 before → Fri 480 + Thu 15–17 (120) → Thu 15:00 PDT.
    expect(iso(warnAt(CAL, NORMAL, "resolution", t("2026-03-20T17:00:00-07:00")))).toBe("2026-03-19T22:00:00.000Z");
    // Half-way through the Thanksgiving example (due Mon 11-30 13:00 PST, 480): 240 before is Mon 09:00 PST, the
    // latest instant with that much business time left (Wednesday 17:00 would be the same business time).
    expect(iso(warnAt(CAL, { ...NORMAL, warnAtPercent: 50 }, "first_response", t("2026-11-30T13:00:00-08:00")))).toBe("2026-11-30T17:00:00.000Z");
  });

  it("no warning without a target, or when warnAtPercent is 0 or 100: warnAt is the due itself", () => {
    const due = t("2026-03-16T13:00:00-07:00");
    expect(warnAt(CAL, { ...SHORT, firstResponseMinutes: null }, "first_response", due)).toBe(due);
    expect(warnAt(CAL, { ...SHORT, warnAtPercent: 100 }, "first_response", due)).toBe(due);
    expect(warnAt(CAL, { ...SHORT, warnAtPercent: 0 }, "first_response", due)).toBe(due);
    const noWarn = { ...SHORT, warnAtPercent: 100 };
    const { all } = sweep(noWarn, startClocks(CAL, noWarn, t("2026-03-16T09:00:00-07:00")), [t("2026-03-16T12:59:00-07:00"), t("2026-03-16T13:00:00-07:00")]);
    expect(all.map((x) => [x.clock, x.kind])).toEqual([["first_response", "breach"]]);
  });

  it("a new run of next_response can warn and breach again", () => {
    // Answered Mon 10:00; family writes Mon 14:00: next (120) due 16:00, warning 30 before at 15:30.
    let s = onStaffReply(CAL, SHORT, opened, t("2026-03-16T10:00:00-07:00"));
    s = onFamilyMessage(CAL, SHORT, s, t("2026-03-16T14:00:00-07:00"));
    let r = sweep(SHORT, s, [t("2026-03-16T15:30:00-07:00"), t("2026-03-16T16:00:00-07:00")]);
    expect(r.all.map((x) => [x.clock, x.kind])).toEqual([["next_response", "warning"], ["next_response", "breach"]]);
    // Answered late Tue 09:00; the family writes again Tue 10:00: due 12:00, warning 11:30.
    s = onStaffReply(CAL, SHORT, r.state, t("2026-03-17T09:00:00-07:00"));
    s = onFamilyMessage(CAL, SHORT, s, t("2026-03-17T10:00:00-07:00"));
    r = sweep(SHORT, s, [t("2026-03-17T11:30:00-07:00"), t("2026-03-17T12:00:00-07:00")]);
    expect(r.all.map((x) => [x.clock, x.kind, x.at])).toEqual([
      ["next_response", "warning", "2026-03-17T18:30:00.000Z"],
      ["next_response", "breach", "2026-03-17T19:00:00.000Z"],
    ]);
  });
});

describe("changeTargets (a different policy applies)", () => {
  const mondayNine = t("2026-03-16T09:00:00-07:00");

  it("priority raised: the dues become what the new targets give from the start", () => {
    // Normal: first Mon 17:00, resolution Fri 17:00. High from the same start: first Mon 09:00 + 120 = 11:00 PDT
    // (18:00Z); resolution Mon 09:00 + 960 = Tue 17:00 PDT (2026-03-18T00:00Z).
    const s = frozen(startClocks(CAL, NORMAL, mondayNine));
    const changed = changeTargets(CAL, NORMAL, HIGH, s, mondayNine, t("2026-03-16T10:00:00-07:00"));
    expect(dues(changed)).toEqual({ first: "2026-03-16T18:00:00.000Z", next: null, resolution: "2026-03-18T00:00:00.000Z" });
    expect(changed).toMatchObject({ warned: [], breached: [] });
    expect(changed).toEqual(startClocks(CAL, HIGH, mondayNine));
  });

  it("raised after a warning: the clock is overdue under the new target, so the next sweep breaches it (no second warning)", () => {
    // Normal first response warns at Mon 17:00 − 120 = 15:00.
    const warned = sweep(NORMAL, startClocks(CAL, NORMAL, mondayNine), [t("2026-03-16T15:00:00-07:00")]).state;
    expect(warned.warned).toEqual(["first_response"]);
    // Raised at 16:00: due Mon 11:00, already past; its new warning (10:30) is also past, so the flag stays.
    const changed = frozen(changeTargets(CAL, NORMAL, HIGH, frozen(warned), mondayNine, t("2026-03-16T16:00:00-07:00")));
    expect(iso(changed.firstResponseDueAt)).toBe("2026-03-16T18:00:00.000Z");
    expect(changed.warned).toEqual(["first_response"]);
    expect(sweep(HIGH, changed, [t("2026-03-16T16:00:00-07:00"), t("2026-03-16T16:30:00-07:00")]).all).toEqual([
      { clock: "first_response", kind: "breach", dueAt: t("2026-03-16T18:00:00.000Z"), at: "2026-03-16T23:00:00.000Z" },
    ]);
  });

  it("lowered after a breach: the due moves out, the flags drop, and the new due is watched again", () => {
    // High: first due Mon 11:00, warned 10:30, breached 11:00.
    const breached = sweep(HIGH, startClocks(CAL, HIGH, mondayNine), [t("2026-03-16T10:30:00-07:00"), t("2026-03-16T11:00:00-07:00")]).state;
    expect(breached).toMatchObject({ warned: ["first_response"], breached: ["first_response"] });
    // Lowered to normal at Mon 12:00: first due Mon 17:00 (warning 15:00), resolution Fri 2026-03-20 17:00.
    const changed = changeTargets(CAL, HIGH, NORMAL, frozen(breached), mondayNine, t("2026-03-16T12:00:00-07:00"));
    expect(dues(changed)).toEqual({ first: "2026-03-17T00:00:00.000Z", next: null, resolution: "2026-03-21T00:00:00.000Z" });
    expect(changed).toMatchObject({ warned: [], breached: [] });
    expect(sweep(NORMAL, changed, [t("2026-03-16T14:59:00-07:00"), t("2026-03-16T15:00:00-07:00"), t("2026-03-16T17:00:00-07:00")]).all.map((x) => [x.kind, x.at])).toEqual([
      ["warning", "2026-03-16T22:00:00.000Z"],
      ["breach", "2026-03-17T00:00:00.000Z"],
    ]);
  });

  it("keeps the business time a past pause added", () => {
    // Normal, opened Mon 09:00, pending Mon 10:00–Wed 10:00.
    // First: 420 left → Wed 10:00 + 420 = Wed 17:00. Resolution: 420 + 4 × 480 = 2340 left → Wed 420, Thu 900,
    // Fri 1380, Mon 23rd 1860, Tue 24th 2340 → Tue 2026-03-24 17:00 PDT.
    let s = pauseClocks(startClocks(CAL, NORMAL, mondayNine), t("2026-03-16T10:00:00-07:00"));
    s = frozen(resumeClocks(CAL, s, t("2026-03-18T10:00:00-07:00")));
    expect(dues(s)).toEqual({ first: "2026-03-19T00:00:00.000Z", next: null, resolution: "2026-03-25T00:00:00.000Z" });
    // Raised to high Wed 11:00. First response: ran Mon 09–10 (60) and Wed 10–11 (60), so 120 is reached right now,
    // Wed 11:00 PDT (18:00Z). Resolution: Mon 60 + Wed 10–17 (420) + Thu 480 = 960 at Thu 17:00 PDT.
    // (Computed as: effective start = due walked back by the old target = Wed 09:00; plus the new target.)
    const changed = frozen(changeTargets(CAL, NORMAL, HIGH, s, mondayNine, t("2026-03-18T11:00:00-07:00")));
    expect(dues(changed)).toEqual({ first: "2026-03-18T18:00:00.000Z", next: null, resolution: "2026-03-20T00:00:00.000Z" });
    expect(sweep(HIGH, changed, [t("2026-03-18T11:00:00-07:00")]).all.map((x) => [x.clock, x.kind])).toEqual([["first_response", "breach"]]);
  });

  it("while paused, compares with the pause instant: a clock that had used up the new target before the pause stays overdue", () => {
    // Normal, opened Mon 09:00, pending from Mon 12:00 (first response had run 180 minutes).
    const paused = frozen(pauseClocks(startClocks(CAL, NORMAL, mondayNine), t("2026-03-16T12:00:00-07:00")));
    // Raised Tue 10:00 while pending: first due Mon 11:00 (before the pause), resolution Tue 17:00.
    const changed = frozen(changeTargets(CAL, NORMAL, HIGH, paused, mondayNine, t("2026-03-17T10:00:00-07:00")));
    expect(dues(changed)).toEqual({ first: "2026-03-16T18:00:00.000Z", next: null, resolution: "2026-03-18T00:00:00.000Z" });
    // Resumed Wed 09:00: first stays; resolution had Mon 12–17 (300) + Tue 480 = 780 left → Wed 480 + Thu 09:00 + 300
    // = Thu 14:00 PDT (21:00Z), warning 240 before = Thu 10:00.
    const resumed = frozen(resumeClocks(CAL, changed, t("2026-03-18T09:00:00-07:00")));
    expect(dues(resumed)).toEqual({ first: "2026-03-16T18:00:00.000Z", next: null, resolution: "2026-03-19T21:00:00.000Z" });
    expect(sweep(HIGH, resumed, [t("2026-03-18T09:00:00-07:00")]).all.map((x) => [x.clock, x.kind])).toEqual([["first_response", "breach"]]);
  });

  it("a target removed clears its clock and flags; a resolution target added starts from the opening", () => {
    const noResolution = { ...NORMAL, resolutionMinutes: null };
    const warned: SlaState = { ...startClocks(CAL, NORMAL, mondayNine), warned: ["resolution"] };
    const cleared = changeTargets(CAL, NORMAL, noResolution, frozen(warned), mondayNine, t("2026-03-19T16:00:00-07:00"));
    expect(cleared).toMatchObject({ resolutionDueAt: null, warned: [] });

    // Opened without a resolution target, high applies Tue 10:00: resolution Mon 09:00 + 960 = Tue 17:00 PDT.
    const s = startClocks(CAL, noResolution, mondayNine);
    const added = changeTargets(CAL, noResolution, HIGH, frozen(s), mondayNine, t("2026-03-17T10:00:00-07:00"));
    expect(iso(added.resolutionDueAt)).toBe("2026-03-18T00:00:00.000Z");
  });

  it("does not start a reply clock that had no target (its null due may mean 'answered')", () => {
    const noFirst = { ...NORMAL, firstResponseMinutes: null };
    const s = frozen(startClocks(CAL, noFirst, mondayNine));
    expect(changeTargets(CAL, noFirst, HIGH, s, mondayNine, t("2026-03-16T10:00:00-07:00")).firstResponseDueAt).toBeNull();
  });

  it("re-times a running next_response from the family's message", () => {
    // Answered Mon 10:00; family writes Mon 14:00: normal next (240) due Tue 10:00; high (60) → Mon 15:00 PDT (22:00Z).
    let s = onStaffReply(CAL, NORMAL, startClocks(CAL, NORMAL, mondayNine), t("2026-03-16T10:00:00-07:00"));
    s = frozen(onFamilyMessage(CAL, NORMAL, s, t("2026-03-16T14:00:00-07:00")));
    expect(iso(s.nextResponseDueAt)).toBe("2026-03-17T17:00:00.000Z");
    expect(iso(changeTargets(CAL, NORMAL, HIGH, s, mondayNine, t("2026-03-16T14:30:00-07:00")).nextResponseDueAt)).toBe("2026-03-16T22:00:00.000Z");
  });

  it("the same targets change nothing", () => {
    const s = frozen(startClocks(CAL, NORMAL, mondayNine));
    expect(changeTargets(CAL, NORMAL, { ...NORMAL }, s, mondayNine, t("2026-03-16T10:00:00-07:00"))).toBe(s);
  });
});
