/**
 * The service-standard (SLA) clocks of one conversation: pure functions over an immutable `SlaState`.
 *
 * Every target is in business minutes of the district's calendar (`calendar.ts`); a due instant is always
 * `addBusinessMinutes(cal, start, target)`, so a clock only runs while the district is open.
 *
 * The three clocks
 * - first_response: starts when the conversation opens (`startClocks`); stops (due cleared) at the first staff
 *   reply (`onStaffReply`).
 * - next_response: starts when the family writes again after the first response, i.e. when a family message
 *   arrives while `firstResponseDueAt` is null and no next response is already due (`onFamilyMessage`); it is
 *   measured from that message, and further family messages before a staff reply do not restart it. It stops at
 *   the next staff reply. Note: with no first-response target `firstResponseDueAt` is null from the start, so a
 *   follow-up before any staff reply already starts next_response (the state cannot tell the two apart).
 * - resolution: starts when the conversation opens and is never cleared by replies; resolving pauses it.
 * A null target means the clock never runs (its due stays null).
 *
 * Pauses and reopening
 * - `pauseClocks` when the conversation enters pending (waiting on the family) or resolved: `pausedAt` is set
 *   (a second pause keeps the first instant). While paused, `dueTransitions` reports nothing.
 * - `resumeClocks` when it leaves pending or resolved (the family writes, or staff reopen it): each due that had
 *   not passed at the pause (`due > pausedAt`) gets back exactly the business time it had left at the pause:
 *   `due' = addBusinessMinutes(cal, resumedAt, businessMinutesBetween(cal, pausedAt, due))`. A due already passed at
 *   the pause (`due <= pausedAt`) stays where it was, so a breach stays a breach (and is reported after the resume
 *   if it had not been yet). Reopening a resolved conversation therefore continues the same resolution clock with
 *   the time it had left; it does not start a new one. Warned and breached flags survive a pause.
 * - A family message while paused (`onFamilyMessage` before `resumeClocks`) starts next_response as if at the pause
 *   instant, so it holds its whole target when the clocks resume: the order of the two calls does not matter.
 *
 * Warnings and breaches (`dueTransitions`, called by a timer while not paused)
 * - breach: a clock whose due is at or before `now` (`due <= now`) and not yet in `breached`: one transition, and
 *   the clock is recorded in `breached`. Never repeated however often it is called.
 * - warning: a clock past `warnAtPercent` of its target (`now >= warnAt(...)`, the due minus the remaining
 *   (100 − warnAtPercent)% of the target in business minutes), not yet due, not in `warned` and not in `breached`.
 *   A clock that crosses both thresholds between two calls yields only its breach; a breached clock never warns.
 *   Warnings happen only when 0 < warnAtPercent < 100 and the target is positive.
 * - `onStaffReply` clears the first_response and next_response flags; `onFamilyMessage` clears next_response's
 *   flags when it starts a new run. So each flag is recorded at most once per run of its clock.
 *
 * Changing targets (`changeTargets`, e.g. priority raised), for each clock whose target changed (a clock whose
 * target is the same keeps its due and flags; a new warnAtPercent applies to warnings not yet given):
 * - running (due set) and the new target is null: the due and its flags are cleared.
 * - running with an old target: its effective start is `addBusinessMinutes(cal, due, -oldTarget)` (the due walked
 *   back, which keeps the business time any pause added) and the new due is
 *   `addBusinessMinutes(cal, effectiveStart, newTarget)`: exactly the due the new target would have given from the
 *   start, pauses included. If the state has a due but the old policy had no target (an inconsistent input), the
 *   start is taken to be `startedAt` for first_response and resolution, and the change instant (the pause instant
 *   while paused) for next_response.
 * - not running: resolution with no old target starts from `startedAt` (the conversation's opening; pause history
 *   before the change is not known, so it counts as running time). first_response and next_response are not
 *   started, because a null due may mean "already answered".
 * - flags of a recomputed clock are kept only if the new thresholds are also already crossed at the reference
 *   instant (`pausedAt` if paused, else `now`); otherwise they are dropped so the new thresholds are reported when
 *   reached. A clock that becomes overdue because of the change is reported by the next `dueTransitions`; a
 *   breached clock whose due moves into the future (priority lowered) can be warned and breached again against its
 *   new due, which is a new promise.
 *
 * Every function returns a new state object and never mutates its input; when nothing changes it returns the
 * input itself.
 */
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from "./calendar.js";

export type SlaClockName = "first_response" | "next_response" | "resolution";

/** Business minutes; null = no target. `warnAtPercent` e.g. 75. */
export type SlaTargets = {
  firstResponseMinutes: number | null;
  nextResponseMinutes: number | null;
  resolutionMinutes: number | null;
  warnAtPercent: number;
};

export type SlaState = {
  firstResponseDueAt: Date | null;
  nextResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  /** Set while the conversation is pending (waiting on the family) or resolved. */
  pausedAt: Date | null;
  /** Each clock is recorded at most once per run. */
  warned: SlaClockName[];
  breached: SlaClockName[];
};

export type SlaTransition = { clock: SlaClockName; kind: "warning" | "breach"; dueAt: Date };

export const SLA_CLOCKS: readonly SlaClockName[] = ["first_response", "next_response", "resolution"];

const DUE_FIELD = {
  first_response: "firstResponseDueAt",
  next_response: "nextResponseDueAt",
  resolution: "resolutionDueAt",
} as const satisfies Record<SlaClockName, keyof SlaState>;

const TARGET_FIELD = {
  first_response: "firstResponseMinutes",
  next_response: "nextResponseMinutes",
  resolution: "resolutionMinutes",
} as const satisfies Record<SlaClockName, keyof SlaTargets>;

function targetOf(targets: SlaTargets, clock: SlaClockName): number | null {
  const t = targets[TARGET_FIELD[clock]];
  if (t === null) return null;
  if (!Number.isFinite(t) || t < 0) throw new Error(`SLA target ${TARGET_FIELD[clock]} must be null or a non-negative number, got ${t}`);
  return t;
}

const dueOf = (state: SlaState, clock: SlaClockName): Date | null => state[DUE_FIELD[clock]];

const without = (list: readonly SlaClockName[], clock: SlaClockName): SlaClockName[] => list.filter((c) => c !== clock);
const including = (list: readonly SlaClockName[], clock: SlaClockName): SlaClockName[] => (list.includes(clock) ? [...list] : [...list, clock]);

const due = (cal: BusinessCalendar, start: Date, target: number | null): Date | null =>
  target === null ? null : addBusinessMinutes(cal, start, target);

/** A new conversation: first_response and resolution run from `openedAt`. */
export function startClocks(cal: BusinessCalendar, targets: SlaTargets, openedAt: Date): SlaState {
  return {
    firstResponseDueAt: due(cal, openedAt, targetOf(targets, "first_response")),
    nextResponseDueAt: null,
    resolutionDueAt: due(cal, openedAt, targetOf(targets, "resolution")),
    pausedAt: null,
    warned: [],
    breached: [],
  };
}

/** A staff reply to the family: first_response (if running) and next_response stop; their flags reset. */
export function onStaffReply(_cal: BusinessCalendar, _targets: SlaTargets, state: SlaState, _at: Date): SlaState {
  const flagged = (c: SlaClockName) => c === "first_response" || c === "next_response";
  if (
    state.firstResponseDueAt === null &&
    state.nextResponseDueAt === null &&
    !state.warned.some(flagged) &&
    !state.breached.some(flagged)
  ) {
    return state;
  }
  return {
    ...state,
    firstResponseDueAt: null,
    nextResponseDueAt: null,
    warned: state.warned.filter((c) => !flagged(c)),
    breached: state.breached.filter((c) => !flagged(c)),
  };
}

/**
 * The family writes. Starts next_response (due = at + nextResponseMinutes) when the first response already
 * happened and no next response is due; otherwise nothing changes. While paused the clock starts at the pause
 * instant (or at `at` if earlier), so resuming gives it its whole remaining target.
 */
export function onFamilyMessage(cal: BusinessCalendar, targets: SlaTargets, state: SlaState, at: Date): SlaState {
  if (state.firstResponseDueAt !== null || state.nextResponseDueAt !== null) return state;
  const target = targetOf(targets, "next_response");
  if (target === null) return state;
  const start = state.pausedAt !== null && state.pausedAt.getTime() < at.getTime() ? state.pausedAt : at;
  return {
    ...state,
    nextResponseDueAt: addBusinessMinutes(cal, start, target),
    warned: without(state.warned, "next_response"),
    breached: without(state.breached, "next_response"),
  };
}

/** Entering pending or resolved. Idempotent: an already paused state keeps its first pause instant. */
export function pauseClocks(state: SlaState, at: Date): SlaState {
  if (state.pausedAt !== null) return state;
  return { ...state, pausedAt: at };
}

/**
 * Leaving pending or resolved. Each due not yet passed at the pause keeps the business time it had left then;
 * dues already passed stay. A resume instant before the pause is treated as the pause instant.
 */
export function resumeClocks(cal: BusinessCalendar, state: SlaState, at: Date): SlaState {
  const pausedAt = state.pausedAt;
  if (pausedAt === null) return state;
  const resumedAt = at.getTime() < pausedAt.getTime() ? pausedAt : at;
  const push = (d: Date | null): Date | null =>
    d === null || d.getTime() <= pausedAt.getTime() ? d : addBusinessMinutes(cal, resumedAt, businessMinutesBetween(cal, pausedAt, d));
  return {
    ...state,
    firstResponseDueAt: push(state.firstResponseDueAt),
    nextResponseDueAt: push(state.nextResponseDueAt),
    resolutionDueAt: push(state.resolutionDueAt),
    pausedAt: null,
  };
}

/**
 * A different policy applies (e.g. the priority changed): see the top of this file for exactly what is
 * recomputed. `startedAt` is the conversation's opening instant (as given to `startClocks`); `now` the change.
 */
export function changeTargets(
  cal: BusinessCalendar,
  oldTargets: SlaTargets,
  newTargets: SlaTargets,
  state: SlaState,
  startedAt: Date,
  now: Date,
): SlaState {
  const ref = (state.pausedAt ?? now).getTime();
  let next: SlaState = state;
  for (const clock of SLA_CLOCKS) {
    const oldTarget = targetOf(oldTargets, clock);
    const newTarget = targetOf(newTargets, clock);
    const current = dueOf(state, clock);
    if (oldTarget === newTarget) continue;

    let nextDue: Date | null;
    if (newTarget === null) {
      nextDue = null;
    } else if (current !== null) {
      const origin =
        oldTarget !== null
          ? addBusinessMinutes(cal, current, -oldTarget)
          : clock === "next_response"
            ? new Date(ref)
            : startedAt;
      nextDue = addBusinessMinutes(cal, origin, newTarget);
    } else if (clock === "resolution" && oldTarget === null) {
      nextDue = addBusinessMinutes(cal, startedAt, newTarget);
    } else {
      nextDue = null;
    }

    let warned = without(next.warned, clock);
    let breached = without(next.breached, clock);
    if (nextDue !== null) {
      if (next.breached.includes(clock) && nextDue.getTime() <= ref) breached = including(breached, clock);
      if (next.warned.includes(clock) && warnAt(cal, newTargets, clock, nextDue).getTime() <= ref) warned = including(warned, clock);
    }
    next = { ...next, [DUE_FIELD[clock]]: nextDue, warned, breached };
  }
  return next;
}

/**
 * The warning instant of a clock due at `dueAt`: `dueAt` minus (100 − warnAtPercent)% of its target, in business
 * minutes. Returns `dueAt` itself when the clock has no warning (null or zero target, warnAtPercent not strictly
 * between 0 and 100).
 */
export function warnAt(cal: BusinessCalendar, targets: SlaTargets, clock: SlaClockName, dueAt: Date): Date {
  const target = targetOf(targets, clock);
  const percent = targets.warnAtPercent;
  if (target === null || target === 0 || !(percent > 0 && percent < 100)) return dueAt;
  return addBusinessMinutes(cal, dueAt, -(1 - percent / 100) * target);
}

/** The warnings and breaches reached at `now` that were not reported yet; nothing while paused. */
export function dueTransitions(
  cal: BusinessCalendar,
  targets: SlaTargets,
  state: SlaState,
  now: Date,
): { transitions: SlaTransition[]; state: SlaState } {
  if (state.pausedAt !== null) return { transitions: [], state };
  const transitions: SlaTransition[] = [];
  let warned = state.warned;
  let breached = state.breached;
  const t = now.getTime();
  for (const clock of SLA_CLOCKS) {
    const dueAt = dueOf(state, clock);
    if (dueAt === null || breached.includes(clock)) continue;
    if (dueAt.getTime() <= t) {
      transitions.push({ clock, kind: "breach", dueAt });
      breached = [...breached, clock];
    } else if (!warned.includes(clock) && warnAt(cal, targets, clock, dueAt).getTime() <= t) {
      transitions.push({ clock, kind: "warning", dueAt });
      warned = [...warned, clock];
    }
  }
  if (transitions.length === 0) return { transitions, state };
  return { transitions, state: { ...state, warned, breached } };
}
