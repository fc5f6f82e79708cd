/**
 * English stemmer: the Snowball "English" (Porter2) algorithm, written for normalised text
 * (lower-case, no apostrophes). Reference: https://snowballstem.org/algorithms/english/stemmer.html
 */

const EXCEPTIONS: Record<string, string> = {
  skis: "ski",
  skies: "sky",
  dying: "die",
  lying: "lie",
  tying: "tie",
  idly: "idl",
  gently: "gentl",
  ugly: "ugli",
  early: "earli",
  only: "onli",
  singly: "singl",
  sky: "sky",
  news: "news",
  howe: "howe",
  atlas: "atlas",
  cosmos: "cosmos",
  bias: "bias",
  andes: "andes",
};
const INVARIANT_AFTER_1A = new Set(["inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed"]);

const isVowel = (ch: string | undefined): boolean =>
  ch === "a" || ch === "e" || ch === "i" || ch === "o" || ch === "u" || ch === "y";
const DOUBLES = new Set(["bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
function longestFirst(list: Array<[string, string]>): Array<[string, string]> {
  return [...list].sort((a, b) => b[0].length - a[0].length);
}
const STEP2: Array<[string, string]> = longestFirst([
  ["ational", "ate"], ["tional", "tion"], ["enci", "ence"], ["anci", "ance"], ["abli", "able"], ["entli", "ent"],
  ["ization", "ize"], ["izer", "ize"], ["ation", "ate"], ["ator", "ate"], ["alism", "al"], ["aliti", "al"],
  ["alli", "al"], ["fulness", "ful"], ["ousli", "ous"], ["ousness", "ous"], ["iveness", "ive"], ["iviti", "ive"],
  ["biliti", "ble"], ["bli", "ble"], ["fulli", "ful"], ["lessli", "less"], ["ogi", "og"], ["li", ""],
]);
const STEP3: Array<[string, string]> = longestFirst([
  ["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["iciti", "ic"], ["ical", "ic"],
  ["ful", ""], ["ness", ""], ["ative", ""],
]);
const LI_ENDING = new Set(["c", "d", "e", "g", "h", "k", "m", "n", "r", "t"]);

/** Start of the region after the first non-vowel that follows a vowel, from `from`. */
function regionAfter(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) {
    if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  }
  return w.length;
}

function shortSyllableAtEnd(w: string): boolean {
  const n = w.length;
  if (n === 2) return isVowel(w[0]) && !isVowel(w[1]);
  if (n < 3) return false;
  const c = w[n - 1]!;
  return !isVowel(w[n - 3]) && isVowel(w[n - 2]) && !isVowel(c) && c !== "w" && c !== "x" && c !== "Y";
}

export function stemEnglish(input: string): string {
  if (input.length <= 2) return input;
  const exception = EXCEPTIONS[input];
  if (exception) return exception;
  // mark consonant-y
  let w = input.replace(/^y/, "Y").replace(/([aeiouy])y/g, "$1Y");

  const special = /^(gener|commun|arsen)/.exec(w);
  const r1 = special ? special[0].length : regionAfter(w, 0);
  const r2 = regionAfter(w, r1);
  const inR1 = (suffix: string) => w.length - suffix.length >= r1;
  const inR2 = (suffix: string) => w.length - suffix.length >= r2;
  const hasVowelBefore = (end: number) => /[aeiouy]/.test(w.slice(0, end));
  const isShort = () => r1 >= w.length && shortSyllableAtEnd(w);

  // Step 1a
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ied") || w.endsWith("ies")) w = w.length > 4 ? w.slice(0, -2) : w.slice(0, -1);
  else if (w.endsWith("us") || w.endsWith("ss")) {
    /* unchanged */
  } else if (w.endsWith("s") && /[aeiouy]/.test(w.slice(0, -2))) w = w.slice(0, -1);

  if (INVARIANT_AFTER_1A.has(w)) return w;

  // Step 1b
  const eed = /(eedly|eed)$/.exec(w);
  const ed = /(ingly|edly|ing|ed)$/.exec(w);
  if (eed) {
    if (inR1(eed[1]!)) w = w.slice(0, -eed[1]!.length) + "ee";
  } else if (ed && hasVowelBefore(w.length - ed[1]!.length)) {
    w = w.slice(0, -ed[1]!.length);
    if (/(at|bl|iz)$/.test(w)) w += "e";
    else if (DOUBLES.has(w.slice(-2))) w = w.slice(0, -1);
    else if (isShort()) w += "e";
  }

  // Step 1c
  if (w.length > 2 && /[yY]$/.test(w) && !isVowel(w[w.length - 2])) w = w.slice(0, -1) + "i";

  // Step 2
  for (const [suffix, repl] of STEP2) {
    if (!w.endsWith(suffix)) continue;
    if (inR1(suffix)) {
      if (suffix === "ogi") {
        if (w[w.length - 4] === "l") w = w.slice(0, -3) + repl;
      } else if (suffix === "li") {
        if (LI_ENDING.has(w[w.length - 3] ?? "")) w = w.slice(0, -2);
      } else w = w.slice(0, -suffix.length) + repl;
    }
    break;
  }

  // Step 3
  for (const [suffix, repl] of STEP3) {
    if (!w.endsWith(suffix)) continue;
    if (inR1(suffix) && (suffix !== "ative" || inR2(suffix))) w = w.slice(0, -suffix.length) + repl;
    break;
  }

  // Step 4
  const step4 = [
    "ement", "ance", "ence", "able", "ible", "ment", "ant", "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion",
    "al", "er", "ic",
  ];
  for (const suffix of step4) {
    if (!w.endsWith(suffix)) continue;
    if (inR2(suffix)) {
      if (suffix === "ion") {
        const before = w[w.length - 4];
        if (before === "s" || before === "t") w = w.slice(0, -3);
      } else w = w.slice(0, -suffix.length);
    }
    break;
  }

  // Step 5
  if (w.endsWith("e")) {
    const stem = w.slice(0, -1);
    if (inR2("e") || (inR1("e") && !shortSyllableAtEnd(stem))) w = stem;
  } else if (w.endsWith("l") && inR2("l") && w[w.length - 2] === "l") w = w.slice(0, -1);

  return w.replace(/Y/g, "y");
}

