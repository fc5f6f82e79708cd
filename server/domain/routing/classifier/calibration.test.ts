import { describe, expect, it } from "vitest";
import { strictestCutMeeting, wilsonLowerBound } from "./calibration.js";
import { SoftmaxModel } from "./softmax-model.js";

describe("held-out accuracy bounds", () => {
  it("is the plain proportion at z = 0 and lower, but less so with more messages, above it", () => {
    expect(wilsonLowerBound(90, 100, 0)).toBeCloseTo(0.9);
    expect(wilsonLowerBound(90, 100, 1)).toBeLessThan(0.9);
    expect(wilsonLowerBound(900, 1000, 1)).toBeGreaterThan(wilsonLowerBound(90, 100, 1));
    expect(wilsonLowerBound(0, 0, 1)).toBe(0);
  });

  it("finds the strictest cut that still meets the accuracy target, triaged messages counting as not correct", () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5];
    const correct = [true, true, true, false, true];
    // routing the top 1, 2, 3 messages: accuracy 0.2, 0.4, 0.6 of all five
    expect(strictestCutMeeting(scores, correct, 0.6, 0)).toBe(0.7);
    expect(strictestCutMeeting(scores, correct, 0.4, 0)).toBe(0.8);
    expect(strictestCutMeeting(scores, correct, 0.8, 0)).toBe(0.5);
    // the target judged lower down its uncertainty needs a more lenient cut
    expect(strictestCutMeeting(scores, correct, 0.4, 1)).toBeLessThan(0.8);
    // even routing everything misses it
    expect(strictestCutMeeting(scores, correct, 0.9, 0)).toBeNull();
    expect(strictestCutMeeting([], [], 0.5, 0)).toBeNull();
  });

  it("never cuts between equal scores", () => {
    // routing only the first 0.8 would reach 0.5, but both 0.8s go together
    expect(strictestCutMeeting([0.9, 0.8, 0.8, 0.1], [true, true, false, false], 0.5, 0)).toBe(0.8);
    expect(strictestCutMeeting([0.9, 0.8, 0.8, 0.1], [true, false, true, false], 0.75, 0)).toBeNull();
  });
});

describe("softmax with a virtual \"none of these\" label", () => {
  it("is the plain softmax without it", () => {
    const a = Float64Array.from([2, 1, 0]);
    const b = Float64Array.from([2, 1, 0]);
    SoftmaxModel.softmax(a, 0.5);
    expect(SoftmaxModel.softmaxWithNone(b, 0.5, null)).toBe(0);
    expect(Array.from(b)).toEqual(Array.from(a));
  });

  it("leaves the rest of the probability to \"none\", and more of it the further the scores are below its level", () => {
    const high = Float64Array.from([12, 6, 5]);
    const low = Float64Array.from([7, 1, 0]);
    const noneHigh = SoftmaxModel.softmaxWithNone(high, 1, 9);
    const noneLow = SoftmaxModel.softmaxWithNone(low, 1, 9);
    expect(noneHigh + high.reduce((s, p) => s + p, 0)).toBeCloseTo(1);
    expect(noneLow + low.reduce((s, p) => s + p, 0)).toBeCloseTo(1);
    // the same gaps between labels, but one message scores far below "none": low confidence everywhere
    expect(high[0]).toBeGreaterThan(0.9);
    expect(low[0]).toBeLessThan(0.15);
    expect(noneLow).toBeGreaterThan(0.85);
    expect(low[0]! / low[1]!).toBeCloseTo(high[0]! / high[1]!);
  });
});
