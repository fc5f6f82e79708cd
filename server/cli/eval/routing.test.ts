import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { RoutingPrediction } from "../../domain/routing/classifier/index.js";
import { readJsonl, run, scoreRouting } from "./routing.js";

// the development corpora live beside the repository (../shared/corpora/routing); they are read, never copied
const CORPORA = path.resolve(fileURLToPath(new URL(".", import.meta.url)), "../../../../shared/corpora/routing");
const haveCorpora = fs.existsSync(path.join(CORPORA, "clinc150/train.jsonl"));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "eval-routing-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function runEval(argv: string[]): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split("\n").filter((l) => l !== ""));
    return true;
  });
  try {
    return { code: await run(argv), lines };
  } finally {
    write.mockRestore();
  }
}

const writeJsonl = (name: string, rows: unknown[]): string => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  return file;
};

describe("eval routing metrics", () => {
  const routed = (label: string, top: string[]): RoutingPrediction => ({
    top: top.map((l, i) => ({ label: l, confidence: 0.9 - i * 0.1 })),
    decision: { label, confidence: 0.9 },
  });
  const triaged = (top: string[]): RoutingPrediction => ({
    top: top.map((l, i) => ({ label: l, confidence: 0.3 - i * 0.1 })),
    decision: { triage: true, reason: "low_confidence" },
  });

  it("counts a triaged in-scope message as not correct, and a triaged out-of-scope one as recalled", () => {
    const gold = ["bus", "bus", "lunch", null, null];
    const predictions = [
      routed("bus", ["bus", "lunch"]),
      triaged(["bus", "lunch"]),
      routed("bus", ["bus", "lunch"]),
      triaged(["lunch", "bus"]),
      routed("lunch", ["lunch", "bus"]),
    ];
    const s = scoreRouting(gold, predictions);
    expect(s.n).toBe(5);
    expect(s.accuracy).toBeCloseTo(1 / 3);
    expect(s.accuracy_if_forced).toBeCloseTo(2 / 3);
    expect(s.out_of_scope_recall).toBeCloseTo(1 / 2);
    // bus: TP 1, FP 1 (lunch routed to bus), FN 1 (triaged) → 0.5; lunch: TP 0 → 0
    expect(s.macro_f1).toBeCloseTo(0.25);
    expect(s.triage_rate_in_scope).toBeCloseTo(1 / 3);
    expect(s.triage_rate).toBeCloseTo(2 / 5);
  });

  it("reports no out-of-scope recall when the test set has no out-of-scope line", () => {
    expect(scoreRouting(["bus"], [routed("bus", ["bus"])]).out_of_scope_recall).toBeNull();
  });

  it("rejects malformed lines with their line number", () => {
    const file = writeJsonl("bad.jsonl", [{ text: "ok", label: "bus", lang: "en" }, { text: 3, label: "bus" }]);
    expect(() => readJsonl(file)).toThrow(/bad\.jsonl:2/);
  });

  it("answers a usage error with exit code 2", async () => {
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      expect((await runEval(["--train", "x.jsonl"])).code).toBe(2);
    } finally {
      stderr.mockRestore();
    }
  });
});

describe.skipIf(!haveCorpora)("eval routing on a slice of CLINC150", () => {
  it("trains on routed history, predicts every test line and prints the metrics last", async () => {
    type Line = { text: string; label: string | null; lang: string };
    const read = (name: string) => readJsonl(path.join(CORPORA, "clinc150", name)) as Line[];
    const labels = [...new Set(read("train.jsonl").map((l) => l.label))].slice(0, 12);
    const keep = new Set(labels);
    const train = writeJsonl("train.jsonl", read("train.jsonl").filter((l) => keep.has(l.label)));
    const testLines = read("test.jsonl");
    const test = writeJsonl("test.jsonl", [
      ...testLines.filter((l) => l.label !== null && keep.has(l.label)),
      ...testLines.filter((l) => l.label === null).slice(0, 60),
    ]);
    const n = fs.readFileSync(test, "utf8").trim().split("\n").length;

    const { code, lines } = await runEval(["--train", train, "--test", test]);
    expect(code).toBe(0);
    const last = JSON.parse(lines.at(-1)!) as Record<string, number | null>;
    expect(Object.keys(last)).toEqual(["n", "accuracy", "macro_f1", "out_of_scope_recall", "ms_per_message"]);
    expect(last.n).toBe(n);
    expect(last.accuracy).toBeGreaterThan(0.85);
    expect(last.macro_f1).toBeGreaterThan(0.8);
    expect(last.out_of_scope_recall).toBeGreaterThan(0.5);
    expect(last.ms_per_message).toBeGreaterThan(0);
    // the trade-off is printed before: accuracy if forced, and how much goes to triage
    const tradeOff = JSON.parse(lines.at(-2)!) as Record<string, number>;
    expect(tradeOff.accuracy_if_forced).toBeGreaterThanOrEqual(last.accuracy!);
    expect(tradeOff.triage_rate_in_scope).toBeGreaterThan(0);
  });
});
