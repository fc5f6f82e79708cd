import { htmlToLines } from "./html-text.js";
import type { ParsedEmail } from "./parse.js";
import {
  attributionStrength,
  fieldOf,
  isDatedLabelLine,
  isForwardLine,
  isMobileSignature,
  isOriginalMessageLine,
  isRuleLine,
  isSignatureDelimiter,
  splitLeadingText,
  startsLikeAttribution,
  type FieldKind,
} from "./quote-patterns.js";

/** What staff see of an email: the new text, and the folded parts behind "show quoted text". */
export type VisibleReply = { visible: string; quoted: string | null; signature: string | null };
export type ExtractOptions = {
  /** Lines examined for quote headers; later lines are only told apart by ">" (bounded work on huge bodies). */
  maxHeaderLines?: number;
};

type Line = { text: string; depth: number; quoteStart: boolean; cite?: boolean };

// Markers, one per line: e empty, t text, m quoted (">" or blockquote), s quote header / splitter,
// w weak header ("Ana wrote:"), f forward marker, g signature.
const MAX_HEADER_LINES = 4000;
const MAX_SIGNATURE_LINES = 15;

function textLines(text: string): Line[] {
  const raw = text.replace(/\r\n?/g, "\n").split("\n");
  const lines: Line[] = [];
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!;
    // A link's closing ">" wrapped onto the next line is not a quote marker.
    const prev = raw[i - 1];
    const linkTail = prev !== undefined && prev.lastIndexOf("<") > prev.lastIndexOf(">") && /<(?:https?:|mailto:|www\.)/i.test(prev);
    const quoted = !linkTail && /^ ?>/.test(line);
    if (!quoted && i < MAX_HEADER_LINES) {
      const split = splitLeadingText(line);
      const wraps = (k: number) => attributionStrength([split![1], ...raw.slice(i + 1, i + 1 + k)].join(" ")) === "strong";
      if (split && (wraps(0) || wraps(1) || wraps(2))) {
        lines.push({ text: split[0], depth: 0, quoteStart: false }, { text: split[1], depth: 0, quoteStart: false });
        continue;
      }
    }
    lines.push({ text: line, depth: quoted ? 1 : 0, quoteStart: false });
  }
  return lines;
}

/** Lines (from i) forming a quoted header block ("From: … Sent: … To: … Subject: …"), or 0. */
function fieldBlockLength(lines: Line[], i: number): number {
  const first = fieldOf(lines[i]!.text);
  if (!first) return 0;
  const kinds = new Set<FieldKind>([first.kind]);
  let last = i;
  let loose = 0;
  for (let j = i + 1; j < Math.min(lines.length, i + 9); j++) {
    const line = lines[j]!;
    if (!line.text.trim() || line.depth > 0) break;
    const f = fieldOf(line.text);
    if (f) {
      kinds.add(f.kind);
      last = j;
      loose = 0;
    } else if (++loose > 2) break;
  }
  const opener = first.kind === "from" || first.kind === "date";
  if ((kinds.has("from") || kinds.has("date")) && kinds.size >= (opener ? 2 : 3)) return last - i + 1;
  if (first.kind === "from" && /@|\[mailto:/i.test(first.value)) return 1;
  return 0;
}

// An attribution may wrap over three lines; only a single line may be a weak one ("Ana wrote:").
function attributionLength(lines: Line[], i: number): { length: number; strength: "strong" | "weak" } | null {
  const parts: string[] = [];
  let weak = false;
  for (let k = 0; k < 3 && i + k < lines.length; k++) {
    const line = lines[i + k]!;
    if (!line.text.trim() || line.depth > 0 || line.text.length > 400 || (k > 0 && line.quoteStart)) break;
    if (k === 1 && !startsLikeAttribution(parts[0]!)) break;
    parts.push(line.text);
    const strength = attributionStrength(parts.join(" "));
    if (strength === "strong") return { length: k + 1, strength };
    if (k === 0 && strength === "weak") weak = true;
  }
  return weak ? { length: 1, strength: "weak" } : null;
}

function markLines(lines: Line[], maxHeaderLines: number): string[] {
  const marks: string[] = new Array<string>(lines.length).fill("e");
  for (let i = 0; i < lines.length; i++) {
    const { text, depth, quoteStart } = lines[i]!;
    if (!text.trim()) continue;
    if (depth > 0) {
      marks[i] = "m";
      continue;
    }
    marks[i] = "t";
    if (i >= maxHeaderLines) continue;
    if (isForwardLine(text)) marks[i] = "f";
    else if (quoteStart || isOriginalMessageLine(text)) marks[i] = "s";
    else {
      const block = fieldBlockLength(lines, i);
      const attribution = block ? null : attributionLength(lines, i);
      const length = block || attribution?.length || 0;
      if (!length) continue;
      const mark = attribution?.strength === "weak" ? "w" : "s";
      for (let k = 0; k < length; k++) marks[i + k] = mark;
      if (mark === "s") extendBackwards(lines, marks, i);
      i += length - 1;
    }
  }
  return marks;
}

// A header often sits under a rule ("________") or a dated label ("Message du : …"): both belong to it.
function extendBackwards(lines: Line[], marks: string[], start: number): void {
  let j = start - 1;
  if (j >= 0 && marks[j] === "t" && isDatedLabelLine(lines[j]!.text)) marks[j--] = "s";
  while (j >= 0 && marks[j] === "e") j--;
  if (j >= 0 && marks[j] === "t" && (isRuleLine(lines[j]!.text) || isOriginalMessageLine(lines[j]!.text))) marks[j] = "s";
}

/** First line of a signature block between from and to: "-- " or a mobile footer near the end. */
function signatureStart(lines: Line[], marks: string[], from: number, to: number): number {
  for (let i = from; i < to; i++) {
    if (marks[i] !== "t") continue;
    let after = 0;
    for (let j = i + 1; j < to; j++) if (marks[j] !== "e") after++;
    const text = lines[i]!.text;
    if (isSignatureDelimiter(text) && after <= MAX_SIGNATURE_LINES) return i;
    if (isMobileSignature(text) && after <= 2) return i;
  }
  return -1;
}

function resolveWeakHeaders(marks: string[]): void {
  for (let i = 0; i < marks.length; i++) {
    if (marks[i] !== "w") continue;
    let j = i;
    while (marks[j] === "w") j++;
    let k = j;
    while (marks[k] === "e") k++;
    const rest = marks.slice(k).join("");
    const trailingQuote = marks[k] === "m" && /^[meg]*$/.test(rest);
    for (let x = i; x < j; x++) marks[x] = trailingQuote ? "s" : "t";
    i = j - 1;
  }
}

/** The [start, end] (inclusive) of the quote to fold in marks[from, to), or null. */
function quoteRange(lines: Line[], marks: string[], from: number, to: number): { start: number; end: number; inline: boolean } | null {
  const region = marks.slice(from, to).join("");
  // Text between two quoted blocks is an inline reply: keep it all, fold only the trailing quote.
  for (const m of region.matchAll(/(?<=m)e*((?:t+e*)+)m/g)) {
    const first = from + m.index + m[0].indexOf("t");
    const linkTail = /\(https?:\/\/[^)]*$/.test(lines[first - 1]?.text ?? "") || /^\s*\(https?:\/\//.test(lines[first]!.text);
    if (!linkTail) {
      const lastText = from + region.lastIndexOf("t");
      return lastText + 1 < to ? { start: lastText + 1, end: to - 1, inline: true } : null;
    }
  }
  const sIndex = region.indexOf("s");
  const mRun = /m(?:e*m)+/.exec(region);
  // A lone HTML blockquote quotes only when no attribution marks the history (it may be a quote
  // the writer chose to show, above their own reply to the thread).
  let cite = -1;
  for (let i = from; i < to && cite < 0 && sIndex < 0; i++) if (marks[i] === "m" && lines[i]!.cite) cite = i - from;
  const starts = [sIndex, mRun ? mRun.index : -1, cite].filter((x) => x >= 0);
  if (starts.length === 0) return null;
  const start = Math.min(...starts);
  const end = Math.max(region.lastIndexOf("m"), region.lastIndexOf("s"));
  return { start: from + start, end: from + end, inline: false };
}

const join = (lines: Line[], from: number, to: number, keep?: (i: number) => boolean): string => {
  const out: string[] = [];
  for (let i = from; i < to; i++) if (!keep || keep(i)) out.push(lines[i]!.text.trimEnd());
  let first = 0;
  let last = out.length;
  while (first < last && !out[first]) first++;
  while (last > first && !out[last - 1]) last--;
  return out.slice(first, last).join("\n").replace(/\n{3,}/g, "\n\n");
};
const orNull = (s: string): string | null => (s.trim() ? s : null);

function extractFromLines(lines: Line[], opts: ExtractOptions = {}): VisibleReply {
  const all = () => ({ visible: join(lines, 0, lines.length), quoted: null, signature: null });
  const marks = markLines(lines, opts.maxHeaderLines ?? MAX_HEADER_LINES);
  const n = lines.length;
  let lastQuote = -1;
  for (let i = 0; i < n; i++) if ("msfw".includes(marks[i]!)) lastQuote = i;
  const tailSig = signatureStart(lines, marks, lastQuote + 1, n);
  if (tailSig >= 0) for (let i = tailSig; i < n; i++) if (marks[i] === "t") marks[i] = "g";
  resolveWeakHeaders(marks);
  // Without any header, one or two ">" lines are text (">>> see link <<<"), not a quote; an HTML
  // blockquote always quotes.
  // A ">"-quoted attribution ("> On … wrote:", as iOS Mail quotes) is a header too.
  const loose = (i: number) => marks[i] === "m" && !lines[i]!.cite;
  const quotedHeader = () =>
    lines.some((l, i) => loose(i) && l.text.length <= 400 && attributionStrength(l.text.replace(/^[\s>]+/, "")) === "strong");
  if (!marks.includes("s") && marks.filter((_, i) => loose(i)).length < 3 && !quotedHeader()) {
    for (let i = 0; i < n; i++) if (loose(i)) marks[i] = "t";
  }
  if (/^[teg]*f/.test(marks.join(""))) return all();

  // Everything after an unmarked header (Outlook, top-posting without ">") is the quoted message.
  const unmarked = /s[se]*(?=[tfg])/.exec(marks.join(""));
  const cut = unmarked ? unmarked.index : n;
  const bodyEnd = tailSig >= 0 && tailSig < cut ? tailSig : cut;
  const range = quoteRange(lines, marks, 0, bodyEnd);
  const folded = (i: number) => i >= cut || (range !== null && i >= range.start && i <= range.end);
  const kept = (i: number) => !folded(i) && marks[i] !== "g";

  let visibleLines: number[] = [];
  for (let i = 0; i < n; i++) if (kept(i)) visibleLines.push(i);
  let signature = tailSig >= 0 && tailSig < cut ? join(lines, tailSig, cut) : "";
  if (!signature) {
    const textLines = visibleLines.filter((i) => marks[i] !== "e");
    const end = textLines.length ? textLines[textLines.length - 1]! + 1 : 0;
    const from = range && !range.inline && range.end < end ? range.end + 1 : 0;
    const sig = signatureStart(lines, marks.map((m, i) => (kept(i) ? m : "e")), from, end);
    if (sig >= 0 && visibleLines.some((i) => i < sig && marks[i] === "t")) {
      signature = join(lines, sig, end, kept);
      visibleLines = visibleLines.filter((i) => i < sig);
    }
  }
  const visible = visibleLines.length ? join(lines, visibleLines[0]!, visibleLines[visibleLines.length - 1]! + 1, kept) : "";
  if (!visible.trim()) return all();
  // A signature inside the folded quote is the quoted sender's: it stays with the quote.
  const quoted = join(lines, 0, n, (i) => folded(i) && (marks[i] !== "g" || i >= cut));
  return { visible, quoted: orNull(quoted), signature: orNull(signature) };
}

/**
 * The new text of a plain-text email body, with quoted history (any language's "On … wrote:",
 * Outlook header blocks, ">" quotes) and the signature folded out. Inline replies keep the quotes
 * they answer; a forwarded message is kept whole.
 */
export function extractVisibleReply(text: string, opts?: ExtractOptions): VisibleReply {
  return extractFromLines(textLines(text), opts);
}

/** The same from an HTML body, for mail without a text part: blockquotes and client quote containers count as quotes. */
export function extractVisibleReplyFromHtml(html: string, opts?: ExtractOptions): VisibleReply {
  return extractFromLines(htmlToLines(html), opts);
}

/** The visible reply of a parsed email: from its text part (or the raw text of a broken one), else from its HTML part. */
export function extractReplyFromEmail(email: Pick<ParsedEmail, "text" | "textSource" | "unsafeHtml">, opts?: ExtractOptions): VisibleReply {
  if (email.textSource !== "html" && email.text) return extractVisibleReply(email.text, opts);
  if (email.unsafeHtml) return extractVisibleReplyFromHtml(email.unsafeHtml, opts);
  return { visible: "", quoted: null, signature: null };
}
