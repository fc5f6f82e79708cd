/**
 * Spanish stemmer: the Snowball "Spanish" algorithm, adapted to normalised text (accents already removed, so
 * the suffix lists below are written without accents). Reference:
 * https://snowballstem.org/algorithms/spanish/stemmer.html
 */

const isVowel = (ch: string | undefined): boolean =>
  ch === "a" || ch === "e" || ch === "i" || ch === "o" || ch === "u";

const byLength = (list: string[]): string[] => [...list].sort((a, b) => b.length - a.length);

const PRONOUNS = byLength(["me", "se", "sela", "selo", "selas", "selos", "la", "le", "lo", "las", "les", "los", "nos"]);
const STEP1: Array<{ suffixes: string[]; apply: (w: string, s: string, r: Regions) => string | undefined }> = [];
const STEP2A = byLength(["ya", "ye", "yan", "yen", "yeron", "yendo", "yo", "yas", "yes", "yais", "yamos"]);
const STEP2B_GU = byLength(["en", "es", "eis", "emos"]);
const STEP2B = byLength([
  "arian", "arias", "aran", "aras", "ariais", "aria", "areis", "ariamos", "aremos", "ara", "are",
  "erian", "erias", "eran", "eras", "eriais", "eria", "ereis", "eriamos", "eremos", "era", "ere",
  "irian", "irias", "iran", "iras", "iriais", "iria", "ireis", "iriamos", "iremos", "ira", "ire",
  "aba", "ada", "ida", "ia", "ara", "iera", "ad", "ed", "id", "ase", "iese", "aste", "iste", "an", "aban", "ian",
  "aran", "ieran", "asen", "iesen", "aron", "ieron", "ado", "ido", "ando", "iendo", "io", "ar", "er", "ir", "as",
  "abas", "adas", "idas", "ias", "aras", "ieras", "ases", "ieses", "is", "ais", "abais", "iais", "arais", "ierais",
  "aseis", "ieseis", "asteis", "isteis", "ados", "idos", "amos", "abamos", "iamos", "imos", "aramos", "ieramos",
  "iesemos", "asemos",
]);

type Regions = { rv: number; r1: number; r2: number };

function regionAfter(w: string, from: number): number {
  for (let i = from + 1; i < w.length; i++) {
    if (!isVowel(w[i]) && isVowel(w[i - 1])) return i + 1;
  }
  return w.length;
}

function regions(w: string): Regions {
  let rv = w.length;
  if (w.length >= 2) {
    if (!isVowel(w[1])) {
      for (let i = 2; i < w.length; i++) {
        if (isVowel(w[i])) {
          rv = i + 1;
          break;
        }
      }
    } else if (isVowel(w[0])) {
      for (let i = 2; i < w.length; i++) {
        if (!isVowel(w[i])) {
          rv = i + 1;
          break;
        }
      }
    } else rv = Math.min(3, w.length);
  }
  const r1 = regionAfter(w, 0);
  return { rv, r1, r2: regionAfter(w, r1) };
}

const inRegion = (w: string, suffix: string, start: number): boolean => w.length - suffix.length >= start;
const cut = (w: string, suffix: string): string => w.slice(0, w.length - suffix.length);

function rule(suffixes: string[], apply: (w: string, s: string, r: Regions) => string | undefined): void {
  STEP1.push({ suffixes, apply });
}
// Each rule returns the new word, or undefined when its condition fails (the word is then left alone).
rule(
  ["anza", "anzas", "ico", "ica", "icos", "icas", "ismo", "ismos", "able", "ables", "ible", "ibles", "ista", "istas",
    "oso", "osa", "osos", "osas", "amiento", "amientos", "imiento", "imientos"],
  (w, s, r) => (inRegion(w, s, r.r2) ? cut(w, s) : undefined),
);
rule(["adora", "ador", "acion", "adoras", "adores", "aciones", "ante", "antes", "ancia", "ancias"], (w, s, r) => {
  if (!inRegion(w, s, r.r2)) return undefined;
  const v = cut(w, s);
  return v.endsWith("ic") && inRegion(v, "ic", r.r2) ? cut(v, "ic") : v;
});
rule(["logia", "logias"], (w, s, r) => (inRegion(w, s, r.r2) ? cut(w, s) + "log" : undefined));
rule(["ucion", "uciones"], (w, s, r) => (inRegion(w, s, r.r2) ? cut(w, s) + "u" : undefined));
rule(["encia", "encias"], (w, s, r) => (inRegion(w, s, r.r2) ? cut(w, s) + "ente" : undefined));
rule(["amente"], (w, s, r) => {
  if (!inRegion(w, s, r.r1)) return undefined;
  let v = cut(w, s);
  if (v.endsWith("iv") && inRegion(v, "iv", r.r2)) {
    v = cut(v, "iv");
    if (v.endsWith("at") && inRegion(v, "at", r.r2)) v = cut(v, "at");
  } else {
    for (const p of ["os", "ic", "ad"]) if (v.endsWith(p) && inRegion(v, p, r.r2)) return cut(v, p);
  }
  return v;
});
rule(["mente"], (w, s, r) => {
  if (!inRegion(w, s, r.r2)) return undefined;
  const v = cut(w, s);
  for (const p of ["ante", "able", "ible"]) if (v.endsWith(p) && inRegion(v, p, r.r2)) return cut(v, p);
  return v;
});
rule(["idad", "idades"], (w, s, r) => {
  if (!inRegion(w, s, r.r2)) return undefined;
  const v = cut(w, s);
  for (const p of ["abil", "ic", "iv"]) if (v.endsWith(p) && inRegion(v, p, r.r2)) return cut(v, p);
  return v;
});
rule(["iva", "ivo", "ivas", "ivos"], (w, s, r) => {
  if (!inRegion(w, s, r.r2)) return undefined;
  const v = cut(w, s);
  return v.endsWith("at") && inRegion(v, "at", r.r2) ? cut(v, "at") : v;
});
const STEP1_SUFFIXES = byLength(STEP1.flatMap((x) => x.suffixes));
const STEP1_RULE = new Map(STEP1.flatMap((x) => x.suffixes.map((s) => [s, x.apply] as const)));

function longestSuffix(w: string, list: string[]): string | undefined {
  for (const s of list) if (w.endsWith(s)) return s;
  return undefined;
}

export function stemSpanish(input: string): string {
  if (input.length <= 2) return input;
  let w = input;
  const r = regions(w);

  // Step 0: attached pronoun after a gerund or infinitive ("darselo", "haciendolo")
  const pronoun = longestSuffix(w, PRONOUNS);
  if (pronoun && inRegion(w, pronoun, r.rv)) {
    const v = cut(w, pronoun);
    if (/(iendo|ando|ar|er|ir)$/.test(v) || /uyendo$/.test(v)) w = v;
  }

  // Step 1: standard suffixes
  let changed = false;
  const s1 = longestSuffix(w, STEP1_SUFFIXES);
  if (s1) {
    const next = STEP1_RULE.get(s1)?.(w, s1, r);
    if (next !== undefined) {
      w = next;
      changed = true;
    }
  }

  if (!changed) {
    // Step 2a: verb suffixes beginning with y, after u
    const s2a = longestSuffix(w, STEP2A);
    if (s2a && inRegion(w, s2a, r.rv) && cut(w, s2a).endsWith("u")) {
      w = cut(w, s2a);
    } else {
      // Step 2b: other verb suffixes
      const gu = longestSuffix(w, STEP2B_GU);
      const other = longestSuffix(w, STEP2B);
      const best = gu && (!other || gu.length >= other.length) ? gu : other;
      if (best && inRegion(w, best, r.rv)) {
        w = cut(w, best);
        if (best === gu && w.endsWith("gu") && inRegion(w, "u", r.rv)) w = w.slice(0, -1);
      }
    }
  }

  // Step 3: residual suffix
  const s3 = longestSuffix(w, ["os", "a", "o", "i", "e"]);
  if (s3 && inRegion(w, s3, r.rv)) {
    w = cut(w, s3);
    if (s3 === "e" && w.endsWith("gu") && inRegion(w, "u", r.rv)) w = w.slice(0, -1);
  }
  return w;
}
