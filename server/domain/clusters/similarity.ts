/**
 * Incident detection, pure: when many families report the same thing (bus 42 late this morning), their messages
 * share a topic or department, a distinctive value (the bus number, a school, a road) and content words. Two reports
 * are "about the same thing" when they share a topic and a short form answer (not free text), or when their
 * content words overlap strongly with at least one shared number or name-like token.
 */
const STOP = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have he her his i if in into is it its me my " +
    "no not of on or our she so than that the their them then there they this to too was we were what when where which who " +
    "why will with would you your yes please thanks thank hello hi today morning again still just very also about any " +
    "el la los las un una unos unas y o de del al en con por para que es son fue mi mis su sus se lo le les me nos no si " +
    "muy hoy esta este esto ya pero como cuando donde porque hola gracias favor otra vez todavia"
  ).split(" "),
);

export type ReportFeatures = { tokens: Set<string>; numbers: Set<string>; fieldValues: Map<string, string> };

const fold = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** Light stemming so "buses"/"bus", "late"/"lateness" meet; enough for overlap, not for linguistics. */
function stem(w: string): string {
  if (w.length > 5 && w.endsWith("ing")) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith("es")) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith("s")) return w.slice(0, -1);
  return w;
}

export function featuresOf(text: string, fields: Record<string, unknown> = {}, fieldKeys: readonly string[] = []): ReportFeatures {
  const words = fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const tokens = new Set<string>();
  const numbers = new Set<string>();
  for (const w of words) {
    if (/^\d{1,6}$/.test(w)) numbers.add(String(Number(w)));
    else if (w.length > 2 && !STOP.has(w)) tokens.add(stem(w));
  }
  const fieldValues = new Map<string, string>();
  for (const key of fieldKeys) {
    const v = fields[key];
    if (typeof v === "string" && v.trim() && v.length <= 60) {
      const norm = fold(v.trim());
      fieldValues.set(key, /^\d+$/.test(norm) ? String(Number(norm)) : norm);
    }
  }
  return { tokens, numbers, fieldValues };
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

export type SameThing = { same: boolean; key: string | null; reason: "field" | "text" | null };

/** Whether two reports (already known to share a topic or department) are about the same incident, and on what key. */
export function sameIncident(a: ReportFeatures, b: ReportFeatures, sameTopic: boolean): SameThing {
  // the same answer (bus 42) and at least one shared content word ("late", "bus"): the same thing happening
  const sharedWord = [...a.tokens].some((t) => b.tokens.has(t));
  if (sameTopic && sharedWord) {
    for (const [k, v] of a.fieldValues) if (b.fieldValues.get(k) === v) return { same: true, key: `field:${k}=${v}`, reason: "field" };
  }
  const shared = [...a.numbers].filter((n) => b.numbers.has(n));
  const j = jaccard(a.tokens, b.tokens);
  if (shared.length > 0 && j >= 0.2) return { same: true, key: `number:${shared[0]}`, reason: "text" };
  if (j >= 0.5 && Math.min(a.tokens.size, b.tokens.size) >= 3) return { same: true, key: `words:${[...a.tokens].filter((t) => b.tokens.has(t)).sort().slice(0, 3).join("+")}`, reason: "text" };
  return { same: false, key: null, reason: null };
}

/** The stored form of a report's features (`conversations.incident_terms`): `w:` words, `n:` numbers, `f:key=value` answers. */
export function termsOf(f: ReportFeatures): string[] {
  return [...[...f.tokens].map((t) => `w:${t}`), ...[...f.numbers].map((n) => `n:${n}`), ...[...f.fieldValues].map(([k, v]) => `f:${k}=${v}`)];
}

export function featuresFromTerms(terms: readonly string[]): ReportFeatures {
  const f: ReportFeatures = { tokens: new Set(), numbers: new Set(), fieldValues: new Map() };
  for (const t of terms) {
    if (t.startsWith("w:")) f.tokens.add(t.slice(2));
    else if (t.startsWith("n:")) f.numbers.add(t.slice(2));
    else if (t.startsWith("f:")) {
      const eq = t.indexOf("=");
      if (eq > 2) f.fieldValues.set(t.slice(2, eq), t.slice(eq + 1));
    }
  }
  return f;
}
