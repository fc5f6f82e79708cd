/**
 * Tokeniser for the alert detector: folds case, accents, leetspeak (`k1ll`, `sh00t`, `$uicide`), apostrophes and
 * spaced-out letters (`k i l l`, `s.u.i.c.i.d.e`) while every token keeps its offsets in the original text, so the
 * evidence shown to staff is the family's own words.
 */
export type Token = {
  /** lower case, no accents, no apostrophes, leetspeak digits mapped to letters; `*` kept as a wildcard */
  norm: string;
  /** `norm` with runs of a repeated letter collapsed (`killll` and `kill` both give `kil`) */
  sq: string;
  /** a letter repeated three times or more (`killll`, `diiie`): then words are compared squeezed */
  emphatic: boolean;
  start: number;
  end: number;
  /** index of the sentence the token belongs to */
  sent: number;
  /** the token is followed by a comma, dash or exclamation mark before the next word */
  pause: boolean;
  /** first word of its sentence */
  first: boolean;
  mention: boolean;
};

const WORD = /[\p{L}\p{M}\p{N}'’*@$]+/gu;
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g", "@": "a", $: "s" };
const SENTENCE_BREAK = /[.!?;:\n\r•|]/;
const SPACED_GAP = /^[ .\-_*]$/;

const PLAIN = /^[a-z0-9]*$/;

/** Lower case without accents or apostrophes. */
export function fold(s: string): string {
  const lower = s.toLowerCase();
  if (PLAIN.test(lower)) return lower;
  return lower.normalize("NFD").replace(/\p{M}+/gu, "").replace(/['’]/g, "");
}

/** Collapses runs of the same letter: the key literal phrases are compared on. */
export function squeeze(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) if (s[i] !== s[i - 1]) out += s[i];
  return out;
}

function hasTripleLetter(s: string): boolean {
  for (let i = 2; i < s.length; i++) if (s[i] === s[i - 1] && s[i] === s[i - 2] && isLetter(s[i])) return true;
  return false;
}

const isLetter = (ch: string | undefined) => ch !== undefined && ch >= "a" && ch <= "z";

// Digits and @/$ become letters only inside a word ("sh00t", "h@te"), never in "3rd", "bus14" or "9mm".
function unleet(w: string): string {
  if (!/[0-9@$]/.test(w)) return w;
  const chars = [...w];
  let out = "";
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] as string;
    const map = LEET[ch];
    if (map === undefined) {
      out += ch;
      continue;
    }
    let j = i;
    while (j < chars.length && LEET[chars[j] as string] !== undefined) j++;
    const before = chars[i - 1];
    const after = chars[j];
    const leading$ = i === 0 && ch === "$" && isLetter(after);
    const run = chars.slice(i, j).join("");
    out += (isLetter(before) && isLetter(after)) || leading$ ? [...run].map((c) => LEET[c]).join("") : run;
    i = j - 1;
  }
  return out;
}

type Raw = { text: string; start: number; end: number };

function rawWords(text: string): Raw[] {
  const out: Raw[] = [];
  for (const m of text.matchAll(WORD)) {
    let word = m[0];
    let start = m.index;
    // trim quote marks and symbols that are punctuation here, not part of the word
    while (word.length > 0 && /['’*]/.test(word[0] as string)) {
      word = word.slice(1);
      start++;
    }
    while (word.length > 0 && /['’*@$]/.test(word[word.length - 1] as string)) word = word.slice(0, -1);
    if (word.length > 0) out.push({ text: word, start, end: start + word.length });
  }
  return out;
}

// "k i l l", "k.i.l.l", "s-u-i-c-i-d-e": three or more single letters with one separator between them become one word.
function joinSpacedLetters(text: string, words: Raw[]): Raw[] {
  const out: Raw[] = [];
  let i = 0;
  while (i < words.length) {
    let j = i;
    while (
      j + 1 < words.length &&
      (words[j] as Raw).text.length === 1 &&
      (words[j + 1] as Raw).text.length === 1 &&
      SPACED_GAP.test(text.slice((words[j] as Raw).end, (words[j + 1] as Raw).start))
    )
      j++;
    if (j - i >= 2) {
      const first = words[i] as Raw;
      const last = words[j] as Raw;
      out.push({ text: words.slice(i, j + 1).map((w) => w.text).join(""), start: first.start, end: last.end });
      i = j + 1;
    } else {
      out.push(words[i] as Raw);
      i++;
    }
  }
  return out;
}

/** Splits a message into normalised tokens with sentence numbers and original offsets. */
export function tokenize(text: string): Token[] {
  const words = joinSpacedLetters(text, rawWords(text));
  const tokens: Token[] = [];
  let sent = 0;
  let prevEnd = 0;
  for (let k = 0; k < words.length; k++) {
    const w = words[k] as Raw;
    const gapBefore = text.slice(prevEnd, w.start);
    const newSentence = k > 0 && SENTENCE_BREAK.test(gapBefore) && !/^\.\d/.test(text.slice(w.start - 1, w.start + 1));
    if (newSentence) sent++;
    const next = words[k + 1];
    const gapAfter = text.slice(w.end, next ? next.start : text.length);
    const mention = w.text.startsWith("@");
    const norm = mention ? fold(w.text) : unleet(fold(w.text));
    tokens.push({
      norm,
      sq: squeeze(norm),
      emphatic: hasTripleLetter(norm),
      start: w.start,
      end: w.end,
      sent,
      pause: /[,!—–]|\s-\s/.test(gapAfter),
      first: k === 0 || newSentence,
      mention,
    });
    prevEnd = w.end;
  }
  return tokens;
}
