/**
 * Critical-alert detector (issue 4): finds self-harm, violence and threats, weapons, abuse or neglect, and bullying
 * in an inbound message, in English and Spanish, on any channel. Pure code, no database; it runs on every inbound
 * message, so it is cheap (a token pass plus a lookup per token) and compiles its lexicons once.
 *
 * How it decides: lexicon/analysis.ts finds phrase cues (with obfuscations folded and context guards applied),
 * lexicon/score.ts combines them into a 0..1 score per category. A category is raised at 0.5 and is critical at 0.8
 * (harassment is at most high). District-defined keyword categories (media inquiry, legal) are matched on the same
 * normalised tokens and raised on any match with the district's severity.
 */
import { analyze } from "./lexicon/analysis.js";
import { compilePhrase, findHits, indexPhrases, type Hit, type PhraseIndex } from "./lexicon/phrases.js";
import { scoreAll, type BuiltInAlertCategory } from "./lexicon/score.js";
import { tokenize, type Token } from "./lexicon/tokens.js";

export type { BuiltInAlertCategory };
export type AlertSeverity = "critical" | "high";
export type AlertEvidence = { phrase: string; start: number; end: number };
export type Alert = {
  /** a built-in category, or the key of a district-defined one */
  category: BuiltInAlertCategory | (string & {});
  score: number;
  severity: AlertSeverity;
  /** the words of the message that raised the alert, with their offsets in the original text */
  evidence: AlertEvidence[];
};
export type AlertDetection = { alerts: Alert[] };

/** A district's own keyword category: any of its phrases raises it (e.g. `{ category: "media", phrases: ["reporter", "news story"], severity: "high" }`). */
export type DistrictAlertCategory = { category: string; phrases: string[]; severity: AlertSeverity };

export type DetectOptions = {
  /** language of the message when known; both lexicons run either way, this only scopes weak cues */
  lang?: "en" | "es";
  districtCategories?: readonly DistrictAlertCategory[];
};

export const ALERT_THRESHOLD = 0.5;
export const CRITICAL_THRESHOLD = 0.8;

const CAN_BE_CRITICAL: ReadonlySet<string> = new Set(["self_harm", "violence", "weapons", "abuse"]);

// One span per stretch of the message: overlapping cues ("he would", "would kill") are merged.
function evidenceOf(text: string, tokens: Token[], hits: Pick<Hit, "from" | "to">[]): AlertEvidence[] {
  const spans = hits.map((h) => ({ start: (tokens[h.from] as Token).start, end: (tokens[h.to] as Token).end })).sort((x, y) => x.start - y.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged.map(({ start, end }) => ({ phrase: text.slice(start, end), start, end }));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** Detects critical alerts in a message; `alerts` is empty for an ordinary message, most severe first. */
export function detectAlerts(text: string, opts: DetectOptions = {}): AlertDetection {
  const a = analyze(text, opts.lang);
  const alerts: Alert[] = [];
  for (const [category, { score, evidence }] of Object.entries(scoreAll(a))) {
    if (score < ALERT_THRESHOLD) continue;
    const severity: AlertSeverity = CAN_BE_CRITICAL.has(category) && score >= CRITICAL_THRESHOLD ? "critical" : "high";
    alerts.push({ category, score: round(score), severity, evidence: evidenceOf(text, a.tokens, evidence) });
  }
  if (opts.districtCategories?.length) alerts.push(...matchDistrictCategories(text, a.tokens, opts.districtCategories));
  alerts.sort((x, y) => (x.severity === y.severity ? y.score - x.score : x.severity === "critical" ? -1 : 1));
  return { alerts };
}

type CompiledDistrict = { index: PhraseIndex; severity: Map<string, AlertSeverity> };
const districtCache = new WeakMap<readonly DistrictAlertCategory[], CompiledDistrict>();

// An admin's phrase is tokenised exactly like a message, so "Abogado", "abogado" and "ABOGADOS*" behave alike;
// a trailing * makes the last word a prefix.
function districtPhraseSource(phrase: string): string | null {
  const words = tokenize(phrase).map((t) => t.norm.replace(/\*/g, ""));
  if (words.length === 0 || words.some((w) => w.length === 0)) return null;
  const last = words[words.length - 1] as string;
  if (phrase.trim().endsWith("*") && last.length >= 3) words[words.length - 1] = `${last}*`;
  return words.join(" ");
}

/** Compiles district keyword categories; cached per array, so pass the same array for every message. */
export function compileDistrictCategories(defs: readonly DistrictAlertCategory[]): CompiledDistrict {
  const cached = districtCache.get(defs);
  if (cached) return cached;
  const severity = new Map(defs.map((d) => [d.category, d.severity]));
  const phrases = defs.flatMap((d) => d.phrases.map(districtPhraseSource).flatMap((src) => (src ? [compilePhrase(d.category, src, {})] : [])));
  const compiled = { index: indexPhrases(phrases), severity };
  districtCache.set(defs, compiled);
  return compiled;
}

function matchDistrictCategories(text: string, tokens: Token[], defs: readonly DistrictAlertCategory[]): Alert[] {
  const { index, severity } = compileDistrictCategories(defs);
  const byCategory = new Map<string, Hit[]>();
  for (const h of findHits(tokens, index)) byCategory.set(h.group, [...(byCategory.get(h.group) ?? []), h]);
  return [...byCategory].map(([category, hits]) => ({
    category,
    score: 1,
    severity: severity.get(category) ?? "high",
    evidence: evidenceOf(text, tokens, hits),
  }));
}

/** How alert categories are counted against the evaluation labels (self_harm | violence | harassment). */
export const EVAL_LABEL: Record<BuiltInAlertCategory, "self_harm" | "violence" | "harassment"> = {
  self_harm: "self_harm",
  violence: "violence",
  weapons: "violence",
  // a child-safety disclosure; the school corpus labels abuse as violence
  abuse: "violence",
  harassment: "harassment",
};
