import { describe, expect, it } from "vitest";
import { compactDuration, dueChip, nextDue, type Sla } from "./sla.js";

const NOW = new Date("2025-03-10T15:00:00Z");
const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000).toISOString();
const sla = (over: Partial<Sla> = {}): Sla => ({ firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null, paused: false, breached: [], ...over });

describe("due chips", () => {
  it("shows the earliest running clock: due soon within 4 hours, due later otherwise", () => {
    expect(dueChip(sla({ firstResponseDueAt: at(180), resolutionDueAt: at(3000) }), "new", NOW)).toEqual({
      kind: "due",
      clock: "first_response",
      at: at(180),
      in: { unit: "h", count: 3 },
      soon: true,
    });
    expect(dueChip(sla({ resolutionDueAt: at(2 * 24 * 60 + 30) }), "open", NOW)).toMatchObject({ kind: "due", in: { unit: "d", count: 2 }, soon: false });
    expect(dueChip(sla({ firstResponseDueAt: at(4 * 60 + 1) }), "open", NOW)).toMatchObject({ kind: "due", soon: false });
  });

  it("says how long ago a target passed", () => {
    expect(dueChip(sla({ nextResponseDueAt: at(-2 * 24 * 60 - 5), resolutionDueAt: at(600) }), "open", NOW)).toEqual({
      kind: "overdue",
      clock: "next_response",
      at: at(-2 * 24 * 60 - 5),
      by: { unit: "d", count: 2 },
    });
  });

  it("is Paused while waiting on the family, and absent when resolved or without clocks", () => {
    expect(dueChip(sla({ firstResponseDueAt: at(-10), paused: true }), "pending", NOW)).toEqual({ kind: "paused" });
    expect(dueChip(sla({ firstResponseDueAt: at(-10) }), "resolved", NOW)).toBeNull();
    expect(dueChip(sla(), "open", NOW)).toBeNull();
  });

  it("rounds durations to minutes, hours or days, never to zero", () => {
    expect(compactDuration(10_000)).toEqual({ unit: "m", count: 1 });
    expect(compactDuration(59 * 60_000)).toEqual({ unit: "m", count: 59 });
    expect(compactDuration(-(22 * 60 + 20) * 60_000)).toEqual({ unit: "h", count: 22 });
    expect(compactDuration((23 * 60 + 59) * 60_000)).toEqual({ unit: "d", count: 1 });
    expect(compactDuration(60 * 3_600_000)).toEqual({ unit: "d", count: 3 });
  });

  it("ignores unparseable instants when choosing the next clock", () => {
    expect(nextDue(sla({ firstResponseDueAt: "soon", resolutionDueAt: at(5) }))).toEqual({ clock: "resolution", at: at(5) });
  });
});
