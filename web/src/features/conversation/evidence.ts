/** Where an alert's evidence phrases are in a message body, for highlighting. */
export type Range = { start: number; end: number };
export type Evidence = { phrase: string; start: number; end: number };

// One character folded to lower case without accents, keeping positions (one character in, one out).
const foldChar = (c: string): string => (c.length > 1 ? c : ((c.normalize("NFD")[0] ?? c).toLowerCase()[0] ?? c));
const fold = (s: string): string => Array.from(s, foldChar).join("");

/**
 * The ranges of `evidence` in `body`. The detector's offsets are used when they point at the phrase (in the body,
 * or in "subject\nbody" as a first message is checked); otherwise the phrase is looked for in the body, ignoring
 * case and accents. Phrases not found are left out. Overlapping ranges are merged; the result is sorted.
 */
export function evidenceRanges(body: string, evidence: readonly Evidence[], subject = ""): Range[] {
  const found: Range[] = [];
  const bodyFolded = fold(body);
  const at = (start: number, end: number, phrase: string) =>
    start >= 0 && end <= body.length && end > start && fold(body.slice(start, end)) === fold(phrase);
  for (const e of evidence) {
    if (!e.phrase) continue;
    if (at(e.start, e.end, e.phrase)) {
      found.push({ start: e.start, end: e.end });
      continue;
    }
    const shift = subject.length + 1;
    if (subject && at(e.start - shift, e.end - shift, e.phrase)) {
      found.push({ start: e.start - shift, end: e.end - shift });
      continue;
    }
    const i = bodyFolded.indexOf(fold(e.phrase));
    if (i >= 0) found.push({ start: i, end: i + e.phrase.length });
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Range[] = [];
  for (const r of found) {
    const last = merged.at(-1);
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/** The body cut into plain and highlighted pieces. */
export function splitByRanges(body: string, ranges: readonly Range[]): { text: string; marked: boolean }[] {
  const out: { text: string; marked: boolean }[] = [];
  let pos = 0;
  for (const r of ranges) {
    if (r.start > pos) out.push({ text: body.slice(pos, r.start), marked: false });
    out.push({ text: body.slice(r.start, r.end), marked: true });
    pos = r.end;
  }
  if (pos < body.length) out.push({ text: body.slice(pos), marked: false });
  return out;
}
