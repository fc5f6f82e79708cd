/**
 * `frontoffice eval replies --dir DIR [--signatures auto|fold|keep] [--quiet]`
 *
 * Measures visible-reply extraction. DIR holds `.eml` files (full messages: parsed with the email
 * channel's parser, the reply taken from the text part, or from the HTML part when there is none),
 * `.txt` files (bare plain-text bodies) and `expected.json` (file name → expected visible reply).
 * Every file is parsed (crash and timing check); files with an expected entry are scored.
 *
 * Comparison is whitespace-normalised (runs of whitespace collapsed to one space, trimmed). Reference
 * corpora disagree on one convention: whether a signature ("-- …", "Sent from my iPhone") is part of
 * the visible reply (talon keeps it; GitHub's and Crisp's parsers hide it). The extractor returns the
 * signature separately, so each set is scored both ways and as a whole, never per file:
 * - exact_match_fold: expected == visible;
 * - exact_match_keep: expected == visible + signature (the text above the quoted history);
 * - exact_match: with --signatures auto (default) the better of the two for the whole set, with
 *   `convention` naming it; with fold or keep, that one.
 *
 * Prints one line per miss (file, expected, got), then LAST one JSON line:
 *   {"n", "exact_match", "exact_match_fold", "exact_match_keep", "convention", "files", "crashed", "max_ms"}
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { z } from "zod";
import { parseEmail } from "../../channels/email/parse.js";
import { extractReplyFromEmail, extractVisibleReply, type VisibleReply } from "../../channels/email/reply-extract.js";

type Args = { dir: string; signatures: "auto" | "fold" | "keep"; quiet: boolean };
type Outcome = { file: string; reply: VisibleReply | null; ms: number; error?: string };

const normalise = (s: string): string => s.replace(/\s+/g, " ").trim();
const r4 = (x: number): number => Math.round(x * 10000) / 10000;

function parseArgs(argv: string[]): Args | string {
  let dir: string | undefined;
  let signatures: Args["signatures"] = "auto";
  let quiet = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--dir") dir = argv[++i];
    else if (a === "--signatures") {
      const v = argv[++i];
      if (v !== "auto" && v !== "fold" && v !== "keep") return "--signatures must be auto, fold or keep";
      signatures = v;
    } else if (a === "--quiet") quiet = true;
    else return `unknown argument ${a}`;
  }
  if (!dir) return "usage: frontoffice eval replies --dir DIR [--signatures auto|fold|keep] [--quiet]";
  return { dir, signatures, quiet };
}

async function extractFile(dir: string, file: string): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const raw = fs.readFileSync(path.join(dir, file));
    const reply = file.endsWith(".eml") ? extractReplyFromEmail(await parseEmail(raw)) : extractVisibleReply(raw.toString("utf8"));
    return { file, reply, ms: performance.now() - t0 };
  } catch (err) {
    return { file, reply: null, ms: performance.now() - t0, error: err instanceof Error ? err.message : String(err) };
  }
}

const withSignature = (r: VisibleReply): string => (r.signature ? `${r.visible}\n\n${r.signature}` : r.visible);

/** A short view of where two normalised texts part. */
function diff(expected: string, got: string): string {
  let i = 0;
  while (i < expected.length && i < got.length && expected[i] === got[i]) i++;
  const from = Math.max(0, i - 30);
  const cut = (s: string) => JSON.stringify((from > 0 ? "…" : "") + s.slice(from, i + 90) + (s.length > i + 90 ? "…" : ""));
  return `at ${i}: expected ${cut(expected)} got ${cut(got)}`;
}

export async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (typeof args === "string") {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const expectedPath = path.join(args.dir, "expected.json");
  const expected = fs.existsSync(expectedPath)
    ? z.record(z.string(), z.string()).parse(JSON.parse(fs.readFileSync(expectedPath, "utf8")))
    : {};
  const files = fs
    .readdirSync(args.dir)
    .filter((f) => f.endsWith(".eml") || f.endsWith(".txt"))
    .sort();
  const outcomes: Outcome[] = [];
  for (const file of files) outcomes.push(await extractFile(args.dir, file));

  const scored = outcomes.filter((o) => expected[o.file] !== undefined);
  const match = (o: Outcome, keep: boolean) =>
    o.reply !== null && normalise(keep ? withSignature(o.reply) : o.reply.visible) === normalise(expected[o.file]!);
  const fold = scored.filter((o) => match(o, false)).length;
  const keep = scored.filter((o) => match(o, true)).length;
  const convention = args.signatures === "auto" ? (keep > fold ? "keep" : "fold") : args.signatures;
  const useKeep = convention === "keep";

  for (const o of outcomes) {
    if (o.error) out(`CRASH ${o.file}: ${o.error}`);
    else if (!args.quiet && expected[o.file] !== undefined && !match(o, useKeep)) {
      const got = o.reply ? (useKeep ? withSignature(o.reply) : o.reply.visible) : "";
      out(`MISS ${o.file} ${diff(normalise(expected[o.file]!), normalise(got))}`);
    }
  }
  const n = scored.length;
  out(
    JSON.stringify({
      n,
      exact_match: n ? r4((useKeep ? keep : fold) / n) : null,
      exact_match_fold: n ? r4(fold / n) : null,
      exact_match_keep: n ? r4(keep / n) : null,
      convention,
      files: outcomes.length,
      crashed: outcomes.filter((o) => o.error).length,
      max_ms: Math.round(Math.max(0, ...outcomes.map((o) => o.ms)) * 10) / 10,
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
