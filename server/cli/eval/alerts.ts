/**
 * `frontoffice eval alerts --test TEST.jsonl`: measures the critical-alert detector on labelled messages
 * (lines `{"text","label":"self_harm"|"violence"|"harassment"|"none","lang"}`). Prints per-label recall, a confusion
 * table, a few missed examples (cut to 80 characters) and, last, one JSON line:
 * `{"n":…,"recall":{"self_harm":…,"violence":…,"harassment":…},"false_alarm_rate":…}`.
 *
 * Counting: a labelled message is caught when any raised alert maps to its label (weapons and abuse count as
 * violence, see EVAL_LABEL); a `none` message with any alert is a false alarm.
 * Runnable directly: `npx tsx server/cli/eval/alerts.ts --test FILE`.
 */
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { detectAlerts, EVAL_LABEL, type BuiltInAlertCategory } from "../../domain/alerts/index.js";

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

type Io = { out: (line: string) => void; err: (line: string) => void };
const defaultIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

/** Parses a JSONL file of labelled messages; throws with the line number on the first bad line. */
export function parseRows(content: string): EvalRow[] {
  const rows: EvalRow[] = [];
  content.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const parsed = RowSchema.safeParse(JSON.parse(line));
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

/** Scores every row and prints the report; returns the summary that the last line carries. */
export function evaluate(rows: EvalRow[], io: Io = defaultIo, examples = 3): EvalReport {
  const confusion = new Map<Label, Map<Label, number>>();
  const caught = new Map<Label, number>();
  const total = new Map<Label, number>();
  const missed = new Map<Label, string[]>();
  const started = performance.now();
  for (const row of rows) {
    const predicted = predictedLabels(row.text, row.lang);
    const first = predicted[0] ?? "none";
    const line = confusion.get(row.label) ?? new Map<Label, number>();
    line.set(first, (line.get(first) ?? 0) + 1);
    confusion.set(row.label, line);
    total.set(row.label, (total.get(row.label) ?? 0) + 1);
    const ok = row.label === "none" ? predicted.length === 0 : predicted.includes(row.label);
    if (ok) caught.set(row.label, (caught.get(row.label) ?? 0) + 1);
    else missed.set(row.label, [...(missed.get(row.label) ?? []), row.text]);
  }
  const ms = (performance.now() - started) / Math.max(1, rows.length);
  const rate = (label: Label) => (total.get(label) ? (caught.get(label) ?? 0) / (total.get(label) as number) : null);
  const none = total.get("none") ?? 0;
  const report: EvalReport = {
    n: rows.length,
    recall: { self_harm: rate("self_harm"), violence: rate("violence"), harassment: rate("harassment") },
    false_alarm_rate: none ? (missed.get("none")?.length ?? 0) / none : null,
  };
  const cols: Label[] = [...LABELS, "none"];
  io.out(`confusion (rows: label, columns: first alert's label)\n${["label", ...cols].map((c) => c.padStart(11)).join("")}`);
  for (const label of cols) {
    const line = confusion.get(label);
    if (line) io.out([label, ...cols.map((c) => String(line.get(c) ?? 0))].map((c) => c.padStart(11)).join(""));
  }
  for (const label of LABELS) if (total.get(label)) io.out(`recall ${label}: ${pct(rate(label))} (${caught.get(label) ?? 0}/${total.get(label)})`);
  if (none) io.out(`false alarms: ${pct(report.false_alarm_rate)} (${missed.get("none")?.length ?? 0}/${none} none messages raised an alert)`);
  io.out(`ms per message: ${ms.toFixed(3)}`);
  for (const label of cols) {
    const list = missed.get(label) ?? [];
    if (list.length === 0 || examples === 0) continue;
    io.out(label === "none" ? "some false alarms:" : `some missed ${label}:`);
    for (const text of list.slice(0, examples)) io.out(`  - ${clip(text)}`);
  }
  io.out(JSON.stringify(report));
  return report;
}

const USAGE = "usage: frontoffice eval alerts --test TEST.jsonl [--examples N]";

function option(argv: string[], name: string): string | undefined {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  const arg = argv[i] as string;
  return arg.includes("=") ? arg.slice(arg.indexOf("=") + 1) : argv[i + 1];
}

/** CLI entry: returns the process exit code (0 ok, 2 bad usage or unreadable file). */
export async function run(argv: string[], io: Io = defaultIo): Promise<number> {
  const test = option(argv, "--test");
  const examples = Number(option(argv, "--examples") ?? 3);
  if (!test || !Number.isInteger(examples) || examples < 0) {
    io.err(USAGE);
    return 2;
  }
  let rows: EvalRow[];
  try {
    rows = parseRows(await readFile(test, "utf8"));
  } catch (e) {
    io.err(`cannot read ${test}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  evaluate(rows, io, examples);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2));
}
