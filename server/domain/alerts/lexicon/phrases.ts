/**
 * A small phrase language for the alert lexicons, matched token by token (see tokens.ts).
 *
 *   kill{,s,ed,ing}     brace expansion: kill, kills, killed, killing
 *   suicid*             prefix (at least three letters)
 *   gun|rifle|@weapon   alternatives; `@name` is a word class (a list of single-word patterns)
 *   the?                optional word
 *   ~3                  up to three words of anything (never across a sentence)
 *   ^shoot,             `^` first word of a sentence; trailing `,` followed by a comma, dash or `!`
 *
 * Words are compared exactly after folding (tokens.ts); a word with a letter repeated three times or more
 * (`killll`, `gunnn`, `diiie`) is compared with repeated letters squeezed, and a `*` inside a written word (`k*ll`)
 * stands for any one letter. Plain words are never squeezed: "noose" is not "nose", "rapping" is not "raping".
 */
import { fold, squeeze, type Token } from "./tokens.js";

type TokenPattern = {
  lits: Set<string>;
  sqLits: Set<string>;
  prefixes: string[];
  optional: boolean;
  gap: number;
  sentenceStart: boolean;
  pause: boolean;
};

export type Phrase = { group: string; source: string; tag: string; pats: TokenPattern[] };

export type Hit = {
  group: string;
  source: string;
  /** the tag given at compile time (the lexicon's language) */
  tag: string;
  /** first and last matched token (inclusive), gaps excluded from `tokens` */
  from: number;
  to: number;
  tokens: number[];
};

export type WordClasses = Record<string, readonly string[]>;

function expandBraces(word: string): string[] {
  const m = /\{([^{}]*)\}/.exec(word);
  if (!m) return [word];
  const head = word.slice(0, m.index);
  const tail = word.slice(m.index + m[0].length);
  return (m[1] as string).split(",").flatMap((alt) => expandBraces(head + alt + tail));
}

function addAlternative(alt: string, pat: TokenPattern, classes: WordClasses, seen: Set<string>): void {
  if (alt.startsWith("@")) {
    const name = alt.slice(1);
    const words = classes[name];
    if (!words) throw new Error(`unknown word class @${name}`);
    if (seen.has(name)) return;
    seen.add(name);
    for (const w of words) for (const a of w.split("|")) addAlternative(a, pat, classes, seen);
    return;
  }
  for (const w of expandBraces(alt).map(fold)) {
    if (w.endsWith("*")) {
      const stem = w.slice(0, -1);
      if (stem.length < 3) throw new Error(`prefix too short: ${w}`);
      pat.prefixes.push(stem);
    } else if (w.length > 0) {
      pat.lits.add(w);
      pat.sqLits.add(squeeze(w));
    }
  }
}

function compileToken(src: string, classes: WordClasses): TokenPattern {
  const gap = /^~(\d)$/.exec(src);
  const pat: TokenPattern = { lits: new Set(), sqLits: new Set(), prefixes: [], optional: false, gap: 0, sentenceStart: false, pause: false };
  if (gap) return { ...pat, gap: Number(gap[1]) };
  let s = src;
  if (s.startsWith("^")) [pat.sentenceStart, s] = [true, s.slice(1)];
  if (s.endsWith("?")) [pat.optional, s] = [true, s.slice(0, -1)];
  if (s.endsWith(",")) [pat.pause, s] = [true, s.slice(0, -1)];
  for (const alt of s.split("|")) addAlternative(alt, pat, classes, new Set());
  return pat;
}

/** Compiles one phrase of the lexicon language for a group (e.g. "self_harm.explicit"). */
export function compilePhrase(group: string, source: string, classes: WordClasses, tag = ""): Phrase {
  const pats = source.trim().split(/\s+/).map((t) => compileToken(t, classes));
  const head = pats[0];
  if (!head || head.gap > 0 || head.optional) throw new Error(`phrase must start with a word: ${source}`);
  return { group, source, tag, pats };
}

function wildcardEquals(token: string, lit: string): boolean {
  if (token.length !== lit.length) return false;
  for (let i = 0; i < token.length; i++) if (token[i] !== "*" && token[i] !== lit[i]) return false;
  return true;
}

function tokenMatches(pat: TokenPattern, tok: Token): boolean {
  if (tok.mention) return false;
  if (pat.sentenceStart && !tok.first) return false;
  if (pat.pause && !tok.pause) return false;
  if (tok.emphatic) {
    if (pat.sqLits.has(tok.sq)) return true;
    for (const p of pat.prefixes) if (tok.sq.startsWith(squeeze(p))) return true;
  } else {
    if (pat.lits.has(tok.norm)) return true;
    for (const p of pat.prefixes) if (tok.norm.startsWith(p)) return true;
  }
  if (tok.norm.includes("*") && tok.norm.length > 2) for (const lit of pat.lits) if (wildcardEquals(tok.norm, lit)) return true;
  return false;
}

// Pushes the matched token indices (gaps excluded) onto `acc` and returns true; the first way that matches wins.
function matchFrom(tokens: Token[], pats: TokenPattern[], k: number, i: number, sent: number, acc: number[]): boolean {
  const pat = pats[k];
  if (!pat) return true;
  if (pat.gap > 0) {
    for (let skip = 0; skip <= pat.gap; skip++) {
      const tok = tokens[i + skip - 1];
      if (skip > 0 && (!tok || tok.sent !== sent)) break;
      if (matchFrom(tokens, pats, k + 1, i + skip, sent, acc)) return true;
    }
    return false;
  }
  const tok = tokens[i];
  if (tok && tok.sent === sent && tokenMatches(pat, tok)) {
    acc.push(i);
    if (matchFrom(tokens, pats, k + 1, i + 1, sent, acc)) return true;
    acc.pop();
  }
  return pat.optional ? matchFrom(tokens, pats, k + 1, i, sent, acc) : false;
}

/** Phrases indexed by their first word, so matching costs a lookup per token rather than a scan of the lexicon. */
export type PhraseIndex = { byWord: Map<string, Phrase[]>; bySqueezed: Map<string, Phrase[]>; all: Phrase[] };

// Keys: each literal word, its squeezed form, and the first three letters of each prefix (exact and squeezed).
export function indexPhrases(phrases: Phrase[]): PhraseIndex {
  const byWord = new Map<string, Phrase[]>();
  const bySqueezed = new Map<string, Phrase[]>();
  const push = (m: Map<string, Phrase[]>, k: string, p: Phrase) => {
    const list = m.get(k);
    if (!list) m.set(k, [p]);
    else if (!list.includes(p)) list.push(p);
  };
  for (const p of phrases) {
    const head = p.pats[0] as TokenPattern;
    for (const lit of head.lits) push(byWord, lit, p);
    for (const lit of head.sqLits) push(bySqueezed, lit, p);
    for (const pre of head.prefixes) {
      push(byWord, `${pre.slice(0, 3)}*`, p);
      push(bySqueezed, `${squeeze(pre).slice(0, 3)}*`, p);
    }
  }
  return { byWord, bySqueezed, all: phrases };
}

/** Every match of every phrase, at most one per phrase and start token. */
export function findHits(tokens: Token[], index: PhraseIndex): Hit[] {
  const hits: Hit[] = [];
  const tryPhrase = (p: Phrase, i: number, sent: number) => {
    const matched: number[] = [];
    if (matchFrom(tokens, p.pats, 0, i, sent, matched) && matched.length > 0) {
      hits.push({ group: p.group, source: p.source, tag: p.tag, from: i, to: matched[matched.length - 1] as number, tokens: matched });
    }
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    if (tok.mention) continue;
    if (tok.norm.includes("*")) {
      for (const p of index.all) tryPhrase(p, i, tok.sent);
      continue;
    }
    const map = tok.emphatic ? index.bySqueezed : index.byWord;
    const key = tok.emphatic ? tok.sq : tok.norm;
    const exact = map.get(key);
    const prefixed = map.get(`${key.slice(0, 3)}*`);
    if (exact) for (const p of exact) tryPhrase(p, i, tok.sent);
    if (prefixed) for (const p of prefixed) if (!exact?.includes(p)) tryPhrase(p, i, tok.sent);
  }
  return hits;
}

/** The literal words of a word class (classes used for single-token cues hold no prefixes). */
export function classWords(words: readonly string[], classes: WordClasses): Set<string> {
  return compileToken(words.join("|"), classes).lits;
}
