/**
 * Runs the English and Spanish lexicons over a message: phrase hits per cue group, with context guards applied
 * ("photo shoot", "killing it", "pistola de agua") and negation marked ("please don't kill yourself").
 * Both languages always run: channel language tags are unreliable and families switch languages mid-message.
 */
import { en } from "./en.js";
import { es } from "./es.js";
import { classWords, compilePhrase, findHits, indexPhrases, type Hit, type PhraseIndex, type WordClasses } from "./phrases.js";
import { tokenize, type Token } from "./tokens.js";
import type { LexiconSource } from "./types.js";

export type MarkedHit = Hit & { negated: boolean };

export type Analysis = {
  text: string;
  tokens: Token[];
  groups: Map<string, MarkedHit[]>;
  /** 1 where the token is a first-person word ("I", "my", "yo", "estoy") */
  firstPersonAt: Uint8Array;
  /** counts of single-token cues: first person, second person */
  firstPerson: number;
  secondPerson: number;
  mentions: number;
};

// Strong phrases whose meaning flips when a negation comes just before them.
const NEGATABLE = new Set([
  "self_harm.explicit", "self_harm.desire", "self_harm.you", "violence.threat", "violence.verb", "violence.harm", "abuse.explicit", "harassment.explicit", "harassment.toldToDie", "weapon.weapon",
]);
const NEGATION_WINDOW = 3;
// Weak cues that only feed the learned scores; they count in the message's own language only.
const LANGUAGE_SPECIFIC = new Set([
  "self_harm.distress", "self_harm.method", "self_harm.death", "harassment.identity", "harassment.insult", "harassment.targeted", "harassment.dehuman", "harassment.slurWeak", "profanity",
]);

type Compiled = { index: PhraseIndex; neg: Set<string>; fp: Set<string>; you: Set<string> };

function mergeClasses(sources: LexiconSource[]): WordClasses {
  const out: Record<string, string[]> = {};
  for (const s of sources) for (const [k, v] of Object.entries(s.classes)) out[k] = [...(out[k] ?? []), ...v];
  return out;
}

let compiled: Compiled | undefined;

function lexicon(): Compiled {
  if (compiled) return compiled;
  const sources = { en, es };
  const classes = mergeClasses(Object.values(sources));
  const phrases = Object.entries(sources).flatMap(([lang, s]) =>
    Object.entries(s.groups).flatMap(([group, list]) => list.map((src) => compilePhrase(group, src, classes, lang))),
  );
  compiled = {
    index: indexPhrases(phrases),
    neg: classWords(["@neg"], classes),
    fp: classWords(["@fp"], classes),
    you: classWords(["@you"], classes),
  };
  return compiled;
}

function isNegated(tokens: Token[], hit: Hit, neg: Set<string>): boolean {
  const sent = (tokens[hit.from] as Token).sent;
  for (let i = hit.from - 1; i >= Math.max(0, hit.from - NEGATION_WINDOW); i--) {
    const t = tokens[i] as Token;
    // a comma ends the negation's scope: "ya no aguanto, me quiero morir"
    if (t.sent !== sent || t.pause) break;
    if (neg.has(t.norm)) return true;
  }
  return false;
}

/**
 * Tokenises a message and finds every lexicon cue in it. With `lang`, the weak cues of the other language are
 * dropped (Spanish "solo" is not English "solo"); strong phrases and context cues of both languages always count.
 */
export function analyze(text: string, lang?: string): Analysis {
  const lex = lexicon();
  const tokens = tokenize(text);
  const hits = findHits(tokens, lex.index);
  const guarded = new Uint8Array(tokens.length);
  for (const h of hits) if (h.group === "guard") guarded.fill(1, h.from, h.to + 1);
  const groups = new Map<string, MarkedHit[]>();
  const seen = new Set<string>();
  for (const h of hits) {
    if (h.group === "guard" || h.tokens.some((i) => guarded[i] === 1)) continue;
    // the same words found by two phrases of a group (or by both languages) count once
    const key = `${h.group}:${h.from}:${h.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (lang && h.tag !== lang && LANGUAGE_SPECIFIC.has(h.group)) continue;
    const marked: MarkedHit = { ...h, negated: NEGATABLE.has(h.group) && isNegated(tokens, h, lex.neg) };
    const list = groups.get(h.group);
    if (list) list.push(marked);
    else groups.set(h.group, [marked]);
  }
  const firstPersonAt = new Uint8Array(tokens.length);
  let secondPerson = 0;
  let mentions = 0;
  tokens.forEach((t, i) => {
    if (t.mention) mentions++;
    else if (lex.fp.has(t.norm)) firstPersonAt[i] = 1;
    else if (lex.you.has(t.norm)) secondPerson++;
  });
  const firstPerson = firstPersonAt.reduce((n, v) => n + v, 0);
  return { text, tokens, groups, firstPersonAt, firstPerson, secondPerson, mentions };
}

/** Hits of a group that are not negated. */
export function positive(a: Analysis, group: string): MarkedHit[] {
  return (a.groups.get(group) ?? []).filter((h) => !h.negated);
}

export function all(a: Analysis, group: string): MarkedHit[] {
  return a.groups.get(group) ?? [];
}
