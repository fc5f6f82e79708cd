import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { classifyEmail, type EmailKind } from "./classify.js";
import { parseEmail } from "./parse.js";

const KINDS = ["message", "bounce", "auto_reply", "feedback_report"] as const;
const EntrySchema = z.object({
  file: z.string(),
  kind: z.enum(KINDS),
  expected: z
    .object({
      subject: z.string().optional(),
      from: z.string().optional(),
      text_contains: z.string().optional(),
      attachments: z.array(z.string()).optional(),
    })
    .default({}),
});
export type CorpusEntry = z.infer<typeof EntrySchema>;

/** What a pipeline made of one message; the default is parse + classify, `eval mail` passes its ingestion path. */
export type ProcessedEmail = { kind: EmailKind; subject: string | null; from: string | null; text: string | null; attachments: string[] };
export type EmailProcessor = (raw: Buffer, file: string) => Promise<ProcessedEmail>;

export type CorpusFileResult = {
  file: string;
  expectedKind: EmailKind;
  kind: EmailKind | null;
  ms: number;
  error?: string;
  /** Names of the `expected` fields the result did not meet. */
  mismatches: string[];
};
export type CorpusScores = {
  n: number;
  crashed: number;
  kind_accuracy: number;
  /** Automatic mail (bounce, auto-reply, feedback report) that came out as a family's message. */
  false_inquiries: number;
  field_mismatches: number;
  max_ms: number;
  /** expected kind → produced kind → count ("crash" when processing threw). */
  confusion: Record<string, Record<string, number>>;
  results: CorpusFileResult[];
};

/** Parses and classifies one raw message (the channel's own pipeline, no database). */
export async function parseAndClassify(raw: Buffer): Promise<ProcessedEmail> {
  const parsed = await parseEmail(raw);
  return {
    kind: classifyEmail(parsed).kind,
    subject: parsed.subject,
    from: parsed.from?.address ?? null,
    text: parsed.text,
    attachments: parsed.attachments.flatMap((a) => (a.filename ? [a.filename] : [])),
  };
}

const squash = (s: string) => s.replace(/\s+/g, " ").trim();

function mismatches(expected: CorpusEntry["expected"], got: ProcessedEmail): string[] {
  const out: string[] = [];
  if (expected.subject !== undefined && squash(got.subject ?? "") !== squash(expected.subject)) out.push("subject");
  if (expected.from !== undefined && (got.from ?? "").toLowerCase() !== expected.from.toLowerCase()) out.push("from");
  if (expected.text_contains !== undefined && !squash(got.text ?? "").includes(squash(expected.text_contains))) out.push("text_contains");
  if (expected.attachments !== undefined && [...got.attachments].sort().join("\n") !== [...expected.attachments].sort().join("\n")) {
    out.push("attachments");
  }
  return out;
}

/** Reads `manifest.jsonl` of a corpus folder (one `{file, kind, expected}` per line). */
export function readManifest(dir: string): CorpusEntry[] {
  return fs
    .readFileSync(path.join(dir, "manifest.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => EntrySchema.parse(JSON.parse(l)));
}

/**
 * Runs every message of a corpus folder through `processor` and scores it against the manifest:
 * crashes, kind accuracy, automatic mail mistaken for a family's message, expected-field misses and
 * the slowest message.
 */
export async function evaluateEmailCorpus(dir: string, processor: EmailProcessor = parseAndClassify): Promise<CorpusScores> {
  const entries = readManifest(dir);
  const results: CorpusFileResult[] = [];
  for (const entry of entries) {
    const t0 = performance.now();
    try {
      const got = await processor(fs.readFileSync(path.join(dir, entry.file)), entry.file);
      results.push({ file: entry.file, expectedKind: entry.kind, kind: got.kind, ms: performance.now() - t0, mismatches: mismatches(entry.expected, got) });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      results.push({ file: entry.file, expectedKind: entry.kind, kind: null, ms: performance.now() - t0, error, mismatches: [] });
    }
  }
  const confusion: Record<string, Record<string, number>> = {};
  for (const r of results) {
    const row = (confusion[r.expectedKind] ??= {});
    const got = r.kind ?? "crash";
    row[got] = (row[got] ?? 0) + 1;
  }
  const n = results.length;
  return {
    n,
    crashed: results.filter((r) => r.error !== undefined).length,
    kind_accuracy: n ? results.filter((r) => r.kind === r.expectedKind).length / n : 0,
    false_inquiries: results.filter((r) => r.expectedKind !== "message" && r.kind === "message").length,
    field_mismatches: results.reduce((sum, r) => sum + r.mismatches.length, 0),
    max_ms: Math.max(0, ...results.map((r) => r.ms)),
    confusion,
    results,
  };
}
