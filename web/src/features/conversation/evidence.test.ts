import { describe, expect, it } from "vitest";
import { evidenceRanges, splitByRanges } from "./evidence.js";

describe("alert evidence in a message", () => {
  const body = "My son said he wants to kill himself. Please call me.";
  const start = body.indexOf("wants to kill himself");
  const end = start + "wants to kill himself".length;

  it("uses the detector's offsets when they point at the phrase", () => {
    expect(evidenceRanges(body, [{ phrase: "wants to kill himself", start, end }])).toEqual([{ start, end }]);
  });

  it("shifts offsets taken on 'subject\\nbody' (a first message is checked with its subject)", () => {
    const subject = "Worried about my son";
    const shift = subject.length + 1;
    expect(evidenceRanges(body, [{ phrase: "wants to kill himself", start: start + shift, end: end + shift }], subject)).toEqual([{ start, end }]);
  });

  it("finds the phrase by its words, ignoring case and accents, when the offsets are off", () => {
    const es = "Mi hijo dijo que se quiere MATAR. Ayúdenme.";
    const ranges = evidenceRanges(es, [{ phrase: "quiere matar", start: 0, end: 3 }]);
    expect(ranges).toHaveLength(1);
    expect(es.slice(ranges[0]!.start, ranges[0]!.end)).toBe("quiere MATAR");
    expect(evidenceRanges("Ayudenme", [{ phrase: "ayúdenme", start: 99, end: 107 }])).toEqual([{ start: 0, end: 8 }]);
  });

  it("leaves out phrases that are not in the message and merges overlaps", () => {
    expect(evidenceRanges(body, [{ phrase: "a gun", start: 0, end: 5 }])).toEqual([]);
    const a = { phrase: "wants to kill", start, end: start + 13 };
    const b = { phrase: "kill himself", start: start + 9, end };
    expect(evidenceRanges(body, [b, a])).toEqual([{ start, end }]);
  });

  it("cuts the body into plain and marked pieces that join back to the body", () => {
    const pieces = splitByRanges(body, [{ start, end }]);
    expect(pieces.map((p) => p.text).join("")).toBe(body);
    expect(pieces.filter((p) => p.marked).map((p) => p.text)).toEqual(["wants to kill himself"]);
  });
});
