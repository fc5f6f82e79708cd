/**
 * Fits the learned part of the alert scorer (score.ts FEATURES) on the development corpora and writes weights.ts.
 * The corpora are read at training time only; nothing of their text is written to the repository, only one
 * weight per feature.
 *
 *   npx tsx server/domain/alerts/lexicon/train.ts [--corpus ../shared/corpora/alerts] [--write]
 *
 * Rows are split by a hash of their text: one in five is held out and only used for the report. Each category gets
 * an L2-regularised logistic regression (Newton's method), then a decision threshold chosen on the training split
 * (self-harm: the highest that keeps training recall at --self-harm-recall; harassment: the lowest whose false
 * alarms on `none` rows stay under --harassment-far), folded into the bias so that 0.5 is the threshold.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { analyze, type Analysis } from "./analysis.js";
import { EVAL_LABEL } from "../detector.js";
import { FEATURES, harassmentTriggers, scoreAll, selfHarmTriggers, type BuiltInAlertCategory } from "./score.js";
import type { LearnedCategory, Weights } from "./weights.js";

type Row = { text: string; label: string; lang?: "en" | "es" };
type Sample = { a: Analysis; label: string; heldOut: boolean };

// messages the category raises whatever the learned score
const TRIGGERED: Record<LearnedCategory, (a: Analysis) => boolean> = {
  self_harm: (a) => selfHarmTriggers(a).hits.length > 0,
  harassment: (a) => harassmentTriggers(a).length > 0,
};
const L2 = 1;

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function solve(m: number[][], v: number[]): number[] {
  const n = v.length;
  const a = m.map((row, i) => [...row, v[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((a[r] as number[])[c] as number) > Math.abs((a[p] as number[])[c] as number)) p = r;
    [a[c], a[p]] = [a[p] as number[], a[c] as number[]];
    const pivot = (a[c] as number[])[c] as number;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = ((a[r] as number[])[c] as number) / pivot;
      for (let k = c; k <= n; k++) (a[r] as number[])[k] = ((a[r] as number[])[k] as number) - f * ((a[c] as number[])[k] as number);
    }
  }
  return a.map((row, i) => (row[n] as number) / (row[i] as number));
}

/** Logistic regression by Newton's method; returns [bias, ...weights]. */
function fitLogistic(xs: number[][], ys: number[]): number[] {
  const d = (xs[0]?.length ?? 0) + 1;
  let w: number[] = new Array<number>(d).fill(0);
  for (let iter = 0; iter < 30; iter++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    xs.forEach((x0, i) => {
      const x = [1, ...x0];
      const p = 1 / (1 + Math.exp(-x.reduce((s, v, k) => s + v * (w[k] as number), 0)));
      const err = p - (ys[i] as number);
      const s = Math.max(p * (1 - p), 1e-9);
      for (let j = 0; j < d; j++) {
        grad[j] = (grad[j] as number) + err * (x[j] as number);
        for (let k = 0; k < d; k++) (hess[j] as number[])[k] = ((hess[j] as number[])[k] as number) + s * (x[j] as number) * (x[k] as number);
      }
    });
    for (let j = 1; j < d; j++) {
      grad[j] = (grad[j] as number) + L2 * (w[j] as number);
      (hess[j] as number[])[j] = ((hess[j] as number[])[j] as number) + L2;
    }
    const step = solve(hess, grad);
    w = w.map((v, j) => v - (step[j] as number));
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return w;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

function chooseThreshold(category: LearnedCategory, train: Sample[], z: number[], opts: { recall: number; far: number }): number {
  const fires = (t: number) => train.map((s, i) => TRIGGERED[category](s.a) || sigmoid(z[i] as number) >= t);
  const candidates = [...new Set(z.filter(Number.isFinite).map((v) => Math.round(sigmoid(v) * 1000) / 1000))].sort((x, y) => x - y);
  if (category === "self_harm") {
    const pos = train.filter((s) => s.label === "self_harm").length;
    let best = candidates[0] ?? 0.5;
    for (const t of candidates) {
      const f = fires(t);
      if (train.filter((s, i) => s.label === "self_harm" && f[i]).length / pos >= opts.recall) best = t;
    }
    return best;
  }
  const none = train.filter((s) => s.label === "none").length;
  for (const t of candidates) {
    const f = fires(t);
    if (train.filter((s, i) => s.label === "none" && f[i]).length / none <= opts.far) return t;
  }
  return 0.999;
}

function report(title: string, samples: Sample[], w: Weights): void {
  const labels = ["self_harm", "violence", "harassment"];
  const caught = new Map<string, number>();
  let falseAlarms = 0;
  for (const s of samples) {
    const raised = Object.entries(scoreAll(s.a, w))
      .filter(([, v]) => v.score >= 0.5)
      .map(([c]) => EVAL_LABEL[c as BuiltInAlertCategory]);
    if (s.label === "none" && raised.length > 0) falseAlarms++;
    if ((raised as string[]).includes(s.label)) caught.set(s.label, (caught.get(s.label) ?? 0) + 1);
  }
  const parts = labels.map((l) => {
    const n = samples.filter((s) => s.label === l).length;
    return `${l} ${n ? ((caught.get(l) ?? 0) / n).toFixed(3) : "n/a"} (${caught.get(l) ?? 0}/${n})`;
  });
  const none = samples.filter((s) => s.label === "none").length;
  console.log(`${title}: n=${samples.length} recall ${parts.join(", ")}; false alarms ${(falseAlarms / none).toFixed(3)} (${falseAlarms}/${none})`);
}

function option(argv: string[], name: string, fallback: string): string {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] ? (argv[i + 1] as string) : fallback;
}

function main(argv: string[]): void {
  const root = fileURLToPath(new URL("../../../../", import.meta.url));
  const corpus = option(argv, "--corpus", `${root}../shared/corpora/alerts`);
  const opts = { recall: Number(option(argv, "--self-harm-recall", "0.97")), far: Number(option(argv, "--harassment-far", "0.012")) };
  const rows: Row[] = ["dev", "school-dev"].flatMap((set) =>
    readFileSync(`${corpus}/${set}/test.jsonl`, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Row),
  );
  const samples: Sample[] = rows.map((r) => ({ a: analyze(r.text, r.lang), label: r.label, heldOut: fnv1a(r.text) % 5 === 0 }));
  const train = samples.filter((s) => !s.heldOut);
  const weights = {} as Weights;
  for (const category of ["self_harm", "harassment"] as const) {
    const { names, extract, gate } = FEATURES[category];
    const gated = train.filter((s) => gate(s.a));
    const xs = gated.map((s) => extract(s.a));
    const fitted = fitLogistic(xs, gated.map((s) => (s.label === category ? 1 : 0)));
    const z = train.map((s) => (gate(s.a) ? extract(s.a).reduce((acc, v, k) => acc + v * (fitted[k + 1] as number), fitted[0] as number) : -Infinity));
    const t = chooseThreshold(category, train, z, opts);
    const round = (v: number) => Math.round(v * 10000) / 10000;
    weights[category] = { features: names, bias: round((fitted[0] as number) - logit(t)), weights: fitted.slice(1).map(round) };
    console.log(`${category}: threshold ${t} on the learned score`);
    names.forEach((n, k) => console.log(`  ${n.padEnd(18)} ${(fitted[k + 1] as number).toFixed(3)}`));
  }
  report("training split", train, weights);
  report("held-out split", samples.filter((s) => s.heldOut), weights);
  if (!argv.includes("--write")) return console.log("dry run: pass --write to update weights.ts");
  const file = fileURLToPath(new URL("./weights.ts", import.meta.url));
  const body = `// Generated by server/domain/alerts/lexicon/train.ts from ../shared/corpora/alerts (training split). Do not edit by hand.
export type LearnedCategory = "self_harm" | "harassment";
export type Weights = Record<LearnedCategory, { features: string[]; bias: number; weights: number[] }>;

export const WEIGHTS: Weights = {
${Object.entries(weights)
  .map(([c, w]) => `  ${c}: {\n    features: ${JSON.stringify(w.features).replace(/,/g, ", ")},\n    bias: ${w.bias},\n    weights: ${JSON.stringify(w.weights).replace(/,/g, ", ")},\n  },`)
  .join("\n")}
};
`;
  writeFileSync(file, body);
  console.log(`wrote ${file}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
