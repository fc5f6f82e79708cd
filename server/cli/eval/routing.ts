/**
 * `frontoffice eval routing --train TRAIN.jsonl --test TEST.jsonl [--threshold 0.4]`
 *
 * Measures learned routing. Lines are `{"text", "label", "lang"}`; `label: null` means the message belongs to
 * no department (out of scope). The classifier is trained exactly as production learns from a district's
 * routed history (`RoutingClassifier.train`, the same code path, same defaults, threshold fitted on a held-out
 * slice of TRAIN only), then every test line is predicted.
 *
 * Prints detail lines (trade-off, training time, model size), then LAST one JSON line:
 *   {"n", "accuracy", "macro_f1", "out_of_scope_recall", "ms_per_message"}
 * where
 * - n: number of test lines (in scope + out of scope);
 * - accuracy: in-scope messages routed to their correct label / in-scope n
 *   (an in-scope message sent to triage counts as not correct);
 * - macro_f1: the mean over the in-scope labels of the test set of F1 = 2TP / (2TP + FP + FN), where TP = routed
 *   to the label and gold is that label, FP = routed to the label but gold is another label or out of scope,
 *   FN = gold is the label but the message was routed elsewhere or sent to triage;
 * - out_of_scope_recall: out-of-scope messages sent to triage / out-of-scope n (null when the test set has none);
 * - ms_per_message: wall-clock prediction time per test message (feature extraction included, training
 *   excluded), in milliseconds.
 */
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { RoutingClassifier, type RoutingPrediction } from "../../domain/routing/classifier/index.js";

const LineSchema = z.object({
  text: z.string(),
  label: z.string().min(1).nullable(),
  lang: z.string().optional(),
});
export type EvalLine = z.infer<typeof LineSchema>;

export type RoutingScores = {
  n: number;
  accuracy: number;
  macro_f1: number;
  out_of_scope_recall: number | null;
  accuracy_if_forced: number;
  triage_rate_in_scope: number;
  triage_rate: number;
};

export function readJsonl(file: string): EvalLine[] {
  const lines = fs.readFileSync(file, "utf8").split("\n");
  const out: EvalLine[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    const parsed = LineSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message ?? "invalid line"}`);
    out.push(parsed.data);
  });
  return out;
}

/** Score predictions against gold labels (null = out of scope); see the file comment for the definitions. */
export function scoreRouting(gold: Array<string | null>, predictions: RoutingPrediction[]): RoutingScores {
  let inScope = 0;
  let correct = 0;
  let forced = 0;
  let triagedIn = 0;
  let triaged = 0;
  let oos = 0;
  let oosTriaged = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  gold.forEach((g, i) => {
    const p = predictions[i]!;
    const routed = "label" in p.decision ? p.decision.label : null;
    if (routed === null) triaged++;
    if (g === null) {
      oos++;
      if (routed === null) oosTriaged++;
      else inc(fp, routed);
      return;
    }
    inScope++;
    if (!fn.has(g)) fn.set(g, 0);
    if (p.top[0]?.label === g) forced++;
    if (routed === null) {
      triagedIn++;
      inc(fn, g);
    } else if (routed === g) {
      correct++;
      inc(tp, g);
    } else {
      inc(fn, g);
      inc(fp, routed);
    }
  });
  const labels = [...fn.keys()];
  const f1 = labels.map((l) => {
    const t = tp.get(l) ?? 0;
    const denom = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    return denom === 0 ? 0 : (2 * t) / denom;
  });
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    n: gold.length,
    accuracy: ratio(correct, inScope),
    macro_f1: f1.length === 0 ? 0 : f1.reduce((a, b) => a + b, 0) / f1.length,
    out_of_scope_recall: oos === 0 ? null : oosTriaged / oos,
    accuracy_if_forced: ratio(forced, inScope),
    triage_rate_in_scope: ratio(triagedIn, inScope),
    triage_rate: ratio(triaged, gold.length),
  };
}

const r4 = (x: number | null) => (x === null ? null : Math.round(x * 10_000) / 10_000);

type Args = { train: string; test: string; threshold: number | undefined; quiet: boolean };

function parseArgs(argv: string[]): Args | string {
  let train: string | undefined;
  let test: string | undefined;
  let threshold: number | undefined;
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = () => argv[++i];
    if (a === "--train") train = value();
    else if (a === "--test") test = value();
    else if (a === "--threshold") threshold = Number(value());
    else if (a === "--quiet") quiet = true;
    else if (a.startsWith("--train=")) train = a.slice(8);
    else if (a.startsWith("--test=")) test = a.slice(7);
    else if (a.startsWith("--threshold=")) threshold = Number(a.slice(12));
    else return `unknown argument ${a}`;
  }
  if (!train || !test) return "usage: frontoffice eval routing --train TRAIN.jsonl --test TEST.jsonl [--threshold 0..1] [--quiet]";
  if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) return "--threshold must be between 0 and 1";
  return { train, test, threshold, quiet };
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const trainLines = readJsonl(args.train);
  const testLines = readJsonl(args.test);
  // routed history only: a history line without a department teaches nothing
  const history = trainLines.flatMap((l) => (l.label === null ? [] : [{ text: l.text, label: l.label, lang: l.lang }]));

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const classifier = RoutingClassifier.train(history);
  const cpu = process.cpuUsage(cpu0);
  const trainSeconds = (performance.now() - t0) / 1000;
  const stats = classifier.stats();

  const threshold = args.threshold;
  const predictions: RoutingPrediction[] = [];
  const t1 = performance.now();
  for (const line of testLines) predictions.push(classifier.predict(line.text, line.lang, { threshold }));
  const msPerMessage = testLines.length === 0 ? 0 : (performance.now() - t1) / testLines.length;

  const gold = testLines.map((l) => l.label);
  const scores = scoreRouting(gold, predictions);
  if (!args.quiet) {
    out(
      JSON.stringify({
        train_n: history.length,
        labels: stats.labels,
        features: stats.features,
        train_seconds: Math.round(trainSeconds * 100) / 100,
        train_cpu_seconds: Math.round((cpu.user + cpu.system) / 10_000) / 100,
        model_bytes: stats.sizeBytes,
        temperature: stats.temperature,
        threshold: threshold ?? stats.threshold,
      }),
    );
    // the trade-off: the same model with other district thresholds
    for (const t of [0.1, 0.3, 0.5, 0.7, 0.9]) {
      const s = scoreRouting(gold, testLines.map((l) => classifier.predict(l.text, l.lang, { threshold: t })));
      out(
        `threshold ${t.toFixed(2)}: accuracy ${r4(s.accuracy)} triage_in_scope ${r4(s.triage_rate_in_scope)} ` +
          `out_of_scope_recall ${r4(s.out_of_scope_recall)}`,
      );
    }
    out(
      JSON.stringify({
        accuracy_if_forced: r4(scores.accuracy_if_forced),
        triage_rate_in_scope: r4(scores.triage_rate_in_scope),
        triage_rate: r4(scores.triage_rate),
        triaged_for_no_known_words: predictions.filter((p) => "triage" in p.decision && p.decision.reason === "no_known_words").length,
      }),
    );
  }
  out(
    JSON.stringify({
      n: scores.n,
      accuracy: r4(scores.accuracy),
      macro_f1: r4(scores.macro_f1),
      out_of_scope_recall: r4(scores.out_of_scope_recall),
      ms_per_message: Math.round(msPerMessage * 1000) / 1000,
    }),
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
