/**
 * Scoring of the detector against labelled messages (`{"text","label","lang"}` lines), shared by
 * `frontoffice eval alerts` and the tests. A labelled message is caught when any raised alert maps to its label
 * (EVAL_LABEL: weapons and abuse count as violence); a `none` message with any alert is a false alarm. Only a few
 * missed examples are printed, cut to 80 characters.
 */
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { detectAlerts, EVAL_LABEL, type BuiltInAlertCategory } from "../detector.js";

const LABELS = ["self_harm", "violence", "harassment"] as const;
type Label = (typeof LABELS)[number] | "none";

const RowSchema = z.object({
  text: z.string(),
  label: z.enum(["self_harm", "violence", "harassment", "none"]),
  lang: z.enum(["en", "es"]).optional(),
});
export type EvalRow = z.infer<typeof RowSchema>;

export type EvalReport = {
  n: number;
  recall: Record<(typeof LABELS)[number], number | null>;
  false_alarm_rate: number | null;
};

/** Where the report goes: the CLI prints, tests collect lines. */
export type Io = { out: (line: string) => void; err: (line: string) => void };

/** Parses a JSONL file of labelled messages; throws with the line number on the first bad line. */
export function parseAlertRows(content: string): EvalRow[] {
  const rows: EvalRow[] = [];
  content.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new Error(`line ${i + 1}: not JSON`);
    }
    const parsed = RowSchema.safeParse(json);
    if (!parsed.success) throw new Error(`line ${i + 1}: ${parsed.error.issues[0]?.message ?? "invalid row"}`);
    rows.push(parsed.data);
  });
  return rows;
}

/** The eval labels a detection maps to, most severe first (the first one is the "predicted" label). */
export function predictedLabels(text: string, lang?: "en" | "es"): Label[] {
  const labels = detectAlerts(text, { lang }).alerts.map((a) => EVAL_LABEL[a.category as BuiltInAlertCategory]).filter((l) => l !== undefined);
  return [...new Set(labels)];
}

const clip = (s: string) => {
  const flat = s.replace(/\s+/g, " ").trim();
  return flat.length > 80 ? `${flat.slice(0, 77)}...` : flat;
};
const pct = (x: number | null) => (x === null ? "n/a" : x.toFixed(3));

type Tally = { total: Map<Label, number>; caught: Map<Label, number>; missed: Map<Label, string[]>; confusion: Map<Label, Map<Label, number>>; ms: number };

const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);

function tally(rows: EvalRow[]): Tally {
  const t: Tally = { total: new Map(), caught: new Map(), missed: new Map(), confusion: new Map(), ms: 0 };
  const started = performance.now();
  for (const row of rows) {
    const predicted = predictedLabels(row.text, row.lang);
    const line = t.confusion.get(row.label) ?? new Map<Label, number>();
    bump(line, predicted[0] ?? "none");
    t.confusion.set(row.label, line);
    bump(t.total, row.label);
    const ok = row.label === "none" ? predicted.length === 0 : predicted.includes(row.label);
    if (ok) bump(t.caught, row.label);
    else t.missed.set(row.label, [...(t.missed.get(row.label) ?? []), row.text]);
  }
  t.ms = (performance.now() - started) / Math.max(1, rows.length);
  return t;
}

function print(t: Tally, report: EvalReport, io: Io, examples: number): void {
  const cols: Label[] = [...LABELS, "none"];
  const row = (cells: string[]) => cells.map((c) => c.padStart(11)).join("");
  io.out(`confusion (rows: label, columns: label of the first alert)\n${row(["label", ...cols])}`);
  for (const label of cols) {
    const line = t.confusion.get(label);
    if (line) io.out(row([label, ...cols.map((c) => String(line.get(c) ?? 0))]));
  }
  for (const label of LABELS) {
    if (t.total.get(label)) io.out(`recall ${label}: ${pct(report.recall[label])} (${t.caught.get(label) ?? 0}/${t.total.get(label)})`);
  }
  const none = t.total.get("none") ?? 0;
  if (none) io.out(`false alarms: ${pct(report.false_alarm_rate)} (${t.missed.get("none")?.length ?? 0}/${none} none messages raised an alert)`);
  io.out(`ms per message: ${t.ms.toFixed(3)}`);
  for (const label of cols) {
    const list = t.missed.get(label) ?? [];
    if (list.length === 0 || examples === 0) continue;
    io.out(label === "none" ? "some false alarms:" : `some missed ${label}:`);
    for (const text of list.slice(0, examples)) io.out(`  - ${clip(text)}`);
  }
}

/** Scores every row and prints the report, the summary JSON line last; returns that summary. */
export function evaluateAlerts(rows: EvalRow[], io: Io, examples = 3): EvalReport {
  const t = tally(rows);
  const rate = (label: Label) => {
    const n = t.total.get(label);
    return n ? (label === "none" ? (t.missed.get("none")?.length ?? 0) : (t.caught.get(label) ?? 0)) / n : null;
  };
  const report: EvalReport = {
    n: rows.length,
    recall: { self_harm: rate("self_harm"), violence: rate("violence"), harassment: rate("harassment") },
    false_alarm_rate: rate("none"),
  };
  print(t, report, io, examples);
  io.out(JSON.stringify(report));
  return report;
}
