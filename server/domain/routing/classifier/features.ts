import { normalizeText, tokenize } from "./normalize.js";
import { stemEnglish } from "./stem-english.js";
import { stemSpanish } from "./stem-spanish.js";
import { ENGLISH_STOP_WORDS, SPANISH_STOP_WORDS } from "./stop-words.js";

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

/** Block of a feature: words or characters. Each block is L2-normalised on its own, then weighted. */
export const WORD_BLOCK = 0;
export const CHAR_BLOCK = 1;

/** A raw bag of features: hash → term frequency, with the block of each hash. */
export type FeatureBag = { counts: Map<number, number>; blocks: Map<number, number> };

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

// one seed per namespace, so "w:bus" and "c:bus" never share a hash by construction
const SEED_UNIGRAM = fnv(FNV_OFFSET, "w:");
const SEED_BIGRAM = fnv(FNV_OFFSET, "b:");
const SEED_TRIGRAM = fnv(FNV_OFFSET, "t:");
const SEED_CHAR = fnv(FNV_OFFSET, "c:");

/** Language code → stemmer and stop words; anything but Spanish is treated as English. */
function languageTools(lang: string | undefined): { stem: (w: string) => string; stop: ReadonlySet<string> } {
  return lang === "es"
    ? { stem: stemSpanish, stop: SPANISH_STOP_WORDS }
    : { stem: stemEnglish, stop: ENGLISH_STOP_WORDS };
}

const bump = (bag: FeatureBag, hash: number, block: number) => {
  bag.counts.set(hash, (bag.counts.get(hash) ?? 0) + 1);
  bag.blocks.set(hash, block);
};

/** Map a stem that is a number to a shape, so "bus 42" and "bus 7" share "bus #". */
const shape = (token: string): string => (/^\d+$/.test(token) ? "#" : token);

export function extractFeatures(text: string, lang: string | undefined, opts: FeatureOptions): FeatureBag {
  const bag: FeatureBag = { counts: new Map(), blocks: new Map() };
  const normalized = normalizeText(text);
  const tokens = tokenize(normalized);
  const { stem, stop } = languageTools(lang);
  const stems = tokens.map((t) => shape(stem(t)));

  for (let i = 0; i < tokens.length; i++) {
    if (!(opts.stopWords && stop.has(tokens[i]!))) bump(bag, fnv(SEED_UNIGRAM, stems[i]!), WORD_BLOCK);
    if (opts.wordNgrams >= 2 && i + 1 < tokens.length) {
      bump(bag, fnv(fnv(SEED_BIGRAM, stems[i]!), " " + stems[i + 1]!), WORD_BLOCK);
    }
    if (opts.wordNgrams >= 3 && i + 2 < tokens.length) {
      bump(bag, fnv(SEED_TRIGRAM, `${stems[i]!} ${stems[i + 1]!} ${stems[i + 2]!}`), WORD_BLOCK);
    }
  }
  if (opts.charMax > 0) {
    const pieces = opts.charMode === "text" ? [tokens.join(" ")] : tokens;
    for (const piece of pieces) {
      const padded = ` ${piece} `;
      for (let n = opts.charMin; n <= opts.charMax; n++) {
        if (padded.length < n) break;
        for (let i = 0; i + n <= padded.length; i++) bump(bag, fnv(SEED_CHAR, padded, i, i + n), CHAR_BLOCK);
      }
    }
  }
  return bag;
}
