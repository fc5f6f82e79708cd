/**
 * `frontoffice eval alerts --test TEST.jsonl`: measures the critical-alert detector on labelled messages
 * (lines `{"text","label":"self_harm"|"violence"|"harassment"|"none","lang"}`). Prints per-label recall, a confusion
 * table, a few missed examples (cut to 80 characters) and, last, one JSON line:
 * `{"n":…,"recall":{"self_harm":…,"violence":…,"harassment":…},"false_alarm_rate":…}`.
 * Runnable directly: `npx tsx server/cli/eval/alerts.ts --test FILE`.
 */
import { readFile } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { evaluateAlerts, parseAlertRows, type EvalRow, type Io } from "../../domain/alerts/index.js";

const defaultIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) };

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
    rows = parseAlertRows(await readFile(test, "utf8"));
  } catch (e) {
    io.err(`cannot read ${test}: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
  evaluateAlerts(rows, io, examples);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await run(process.argv.slice(2));
}
