import { normalizeText, tokenize } from "./normalize.js";
import { stemEnglish } from "./stem-english.js";
import { stemSpanish } from "./stem-spanish.js";
import { ENGLISH_STOP_WORDS, GENERIC_WORDS, SPANISH_STOP_WORDS } from "./stop-words.js";

/**
 * Feature extraction. A text becomes a bag of hashed features in two blocks:
 * - words: stems without stop words (unigrams) and stem bigrams over the whole token sequence;
 * - chars: character n-grams (3–5) of each normalised, unstemmed word padded with spaces, which survive
 *   misspellings ("transportaion"), inflections and Spanish morphology.
 * Features are kept as 32-bit FNV-1a hashes: the stored model holds numbers, never words of a message.
 */

export type FeatureOptions = {
  /** 1 = unigrams, 2 = + bigrams, 3 = + trigrams */
  wordNgrams: 1 | 2 | 3;
  /** char n-grams inside each word ("word") or across the whole text, spaces included ("text") */
  charMode: "word" | "text";
  charMin: number;
  charMax: number;
  /** drop stop words from word unigrams (bigrams and char n-grams always see every word) */
  stopWords: boolean;
};

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  wordNgrams: 2,
  charMode: "word",
  charMin: 3,
  charMax: 5,
  stopWords: true,
};

/**
 * Block of a feature: words or characters, carried in the lowest bit of its hash. Each block is L2-normalised on
 * its own, then weighted.
 */
export const WORD_BLOCK = 0;
export const CHAR_BLOCK = 1;
export const blockOf = (hash: number): number => hash & 1;

/**
 * A raw bag of features: distinct hashes and their term frequencies, aligned; `topical` lists the unigram
 * hashes of the words that can name a topic (not stop words, not generic question words).
 */
export type FeatureBag = { hashes: number[]; counts: number[]; topical: number[] };

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv(seed: number, s: string, start = 0, end = s.length): number {
  let h = seed;
  for (let i = start; i < end; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

const wordHash = (h: number): number => (h & ~1) >>> 0;
const charHash = (h: number): number => (h | 1) >>> 0;

// one seed per namespace, so a unigram, a bigram and a char n-gram never share a hash by construction
const SEED_UNIGRAM = fnv(FNV_OFFSET, "w:");
const SEED_BIGRAM = fnv(FNV_OFFSET, "b:");
const SEED_TRIGRAM = fnv(FNV_OFFSET, "t:");
const SEED_CHAR = fnv(FNV_OFFSET, "c:");

/** Bounded memo: the same words come back in every message, and stemming is the costly step. */
class Memo<V> {
  private map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string, make: (key: string) => V): V {
    let v = this.map.get(key);
    if (v === undefined) {
      if (this.map.size >= this.limit) this.map.clear();
      v = make(key);
      this.map.set(key, v);
    }
    return v;
  }
}

/** Map a number to a shape, so "bus 42" and "bus 7" share "bus #". */
const shape = (stem: string): string => (/^\d+$/.test(stem) ? "#" : stem);
const englishStems = new Memo<string>(100_000);
const spanishStems = new Memo<string>(100_000);
const charGrams = new Map<string, Memo<number[]>>();

/** Language code → stemmer and stop words; anything but Spanish is treated as English. */
function languageTools(lang: string | undefined): { stem: (w: string) => string; stop: ReadonlySet<string> } {
  return lang === "es"
    ? { stem: (w) => spanishStems.get(w, (k) => shape(stemSpanish(k))), stop: SPANISH_STOP_WORDS }
    : { stem: (w) => englishStems.get(w, (k) => shape(stemEnglish(k))), stop: ENGLISH_STOP_WORDS };
}

function charNgrams(piece: string, min: number, max: number): number[] {
  const key = `${min}:${max}`;
  let memo = charGrams.get(key);
  if (!memo) {
    memo = new Memo<number[]>(100_000);
    charGrams.set(key, memo);
  }
  return memo.get(piece, (p) => {
    const padded = ` ${p} `;
    const out: number[] = [];
    for (let n = min; n <= max && n <= padded.length; n++) {
      for (let i = 0; i + n <= padded.length; i++) out.push(charHash(fnv(SEED_CHAR, padded, i, i + n)));
    }
    return out;
  });
}

export function extractFeatures(text: string, lang: string | undefined, opts: FeatureOptions): FeatureBag {
  const all: number[] = [];
  const topical: number[] = [];
  const tokens = tokenize(normalizeText(text));
  const { stem, stop } = languageTools(lang);
  const stems = tokens.map(stem);

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const unigram = wordHash(fnv(SEED_UNIGRAM, stems[i]!));
    if (!(opts.stopWords && stop.has(token))) all.push(unigram);
    if (!stop.has(token) && !GENERIC_WORDS.has(token)) topical.push(unigram);
    if (opts.wordNgrams >= 2 && i + 1 < tokens.length) {
      all.push(wordHash(fnv(fnv(SEED_BIGRAM, stems[i]!), " " + stems[i + 1]!)));
    }
    if (opts.wordNgrams >= 3 && i + 2 < tokens.length) {
      all.push(wordHash(fnv(SEED_TRIGRAM, `${stems[i]!} ${stems[i + 1]!} ${stems[i + 2]!}`)));
    }
  }
  if (opts.charMax > 0) {
    const pieces = opts.charMode === "text" ? [tokens.join(" ")] : tokens;
    for (const piece of pieces) for (const h of charNgrams(piece, opts.charMin, opts.charMax)) all.push(h);
  }
  all.sort((a, b) => a - b);
  const bag: FeatureBag = { hashes: [], counts: [], topical };
  for (let i = 0; i < all.length; i++) {
    if (i > 0 && all[i] === all[i - 1]) bag.counts[bag.counts.length - 1]!++;
    else {
      bag.hashes.push(all[i]!);
      bag.counts.push(1);
    }
  }
  return bag;
}
