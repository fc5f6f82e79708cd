import { simpleParser, type AddressObject, type Attachment, type HeaderLines, type ParsedMail } from "mailparser";
import { sanitizeEmailHtml } from "./html-sanitize.js";
import { htmlToText } from "./html-text.js";

export type Mailbox = { address: string; name: string | null };
export type ParsedAttachment = {
  filename: string | null;
  contentType: string;
  size: number;
  /** Content-ID without angle brackets: what a `cid:` reference in the HTML names. */
  contentId: string | null;
  content: Buffer;
  /** Shown in the body (an embedded image) rather than offered as a download. */
  inline: boolean;
};
/** A calendar invitation (text/calendar) carried by the message, noted for staff. */
export type CalendarInvite = { method: string | null; summary: string | null; start: string | null; uid: string | null };
/** The machine-readable parts of a multipart/report (bounces, abuse reports), as text. */
export type ReportParts = {
  /** message/delivery-status (RFC 3464), or message/global-delivery-status (RFC 6533). */
  deliveryStatus: string | null;
  /** message/feedback-report (RFC 5965, ARF). */
  feedbackReport: string | null;
  /** Header section of the returned message (text/rfc822-headers, or the top of message/rfc822). */
  returnedHeaders: string | null;
};

/** An inbound email, channel-neutral: what threading, classification and storage need. */
export type ParsedEmail = {
  /** Message-ID with its angle brackets, as stored for outbound mail. */
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  from: Mailbox | null;
  to: Mailbox[];
  cc: Mailbox[];
  replyTo: Mailbox | null;
  subject: string;
  date: Date | null;
  /** The plain-text body; rendered from the HTML part when the message has no text part, or read
   * from the raw body when its MIME structure is too broken to parse (`textSource`). */
  text: string | null;
  textSource: "plain" | "html" | "raw" | "none";
  /** The HTML body, sanitized: safe to store and to show. Cut at MAX_HTML_CHARS (`htmlTruncated`). */
  html: string | null;
  htmlTruncated: boolean;
  /** The HTML body exactly as sent. Never render or store it: it is here for quote detection only. */
  unsafeHtml: string | null;
  attachments: ParsedAttachment[];
  calendar: CalendarInvite[];
  /** Top-level content type ("multipart/report") and its report-type parameter, lower case. */
  contentType: string;
  reportType: string | null;
  report: ReportParts;
  /** Every header, lower-case name → unfolded values in order (Auto-Submitted, Precedence, X-Failed-Recipients…). */
  headers: Record<string, string[]>;
  size: number;
  /** Set when the MIME structure could not be parsed (too many parts, a header block past 1 MB…):
   * the headers and the raw body text were still read, attachments were not. */
  parseError: string | null;
};

const REPORT_TYPES = new Set([
  "message/delivery-status",
  "message/global-delivery-status",
  "message/feedback-report",
  "text/rfc822-headers",
  "message/rfc822-headers",
  "message/rfc822",
  "message/global",
  "message/global-headers",
]);
const RETURNED_HEADERS_MAX = 64 * 1024;
// Sanitizing runs at about a megabyte a second; bodies past this are quoted history and markup
// bloat, and the text part (or the rendered text) still carries the whole message.
export const MAX_HTML_CHARS = 2 * 1024 * 1024;

function mailboxes(value: AddressObject | AddressObject[] | undefined): Mailbox[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const out: Mailbox[] = [];
  for (const o of objects) {
    for (const a of o.value) {
      for (const m of a.group ?? [a]) {
        if (m.address) out.push({ address: m.address.trim().toLowerCase(), name: m.name?.trim() || null });
      }
    }
  }
  return out;
}

function headerRecord(lines: HeaderLines): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { key, line } of lines) {
    const colon = line.indexOf(":");
    const value = (colon >= 0 ? line.slice(colon + 1) : "").replace(/\r?\n[ \t]+/g, " ").trim();
    (out[key] ??= []).push(value);
  }
  return out;
}

/** The header section of a returned message: everything up to its first blank line. */
function headerSection(content: Buffer): string {
  const head = content.subarray(0, RETURNED_HEADERS_MAX).toString("utf8");
  const end = head.search(/\r?\n\r?\n/);
  return end >= 0 ? head.slice(0, end) : head;
}

function calendarInvite(content: Buffer): CalendarInvite {
  const ics = content.subarray(0, 256 * 1024).toString("utf8").replace(/\r?\n[ \t]/g, "");
  const field = (name: string) => new RegExp(`^${name}(?:;[^:\\r\\n]*)?:(.*)$`, "mi").exec(ics)?.[1]?.trim() || null;
  return { method: field("METHOD"), summary: field("SUMMARY"), start: field("DTSTART"), uid: field("UID") };
}

function reportParts(attachments: Attachment[]): ReportParts {
  const text = (types: string[]) => {
    const a = attachments.find((x) => types.includes(x.contentType.toLowerCase()));
    return a ? a.content.subarray(0, RETURNED_HEADERS_MAX).toString("utf8") : null;
  };
  const returned = attachments.find((x) =>
    ["text/rfc822-headers", "message/rfc822-headers", "message/global-headers", "message/rfc822", "message/global"].includes(
      x.contentType.toLowerCase(),
    ),
  );
  return {
    deliveryStatus: text(["message/delivery-status", "message/global-delivery-status"]),
    feedbackReport: text(["message/feedback-report"]),
    returnedHeaders: returned ? headerSection(returned.content) : null,
  };
}

/** Readable text of a body whose MIME structure failed to parse (a boundary lost to bad folding). */
function rawBodyText(raw: Buffer): string | null {
  const head = raw.subarray(0, 256 * 1024).toString("latin1");
  const start = head.search(/\r?\n\r?\n/);
  if (start < 0) return null;
  const boundaries = new Set([...head.matchAll(/boundary\s*=\s*"?([^";\r\n]+)"?/gi)].flatMap((m) => [`--${m[1]}`, `--${m[1]}--`]));
  const text = head
    .slice(start)
    .split(/\r?\n/)
    .filter((l) => !boundaries.has(l.trim()) && !/^(?:content-[\w-]+|mime-version|boundary)\s*[:=]/i.test(l))
    .join("\n")
    .trim();
  return text || null;
}

function contentTypeOf(headers: Record<string, string[]>): { contentType: string; reportType: string | null } {
  const raw = headers["content-type"]?.[0] ?? "text/plain";
  const contentType = (raw.split(";")[0] ?? "text/plain").trim().toLowerCase();
  const reportType = /report-type\s*=\s*"?([\w.-]+)/i.exec(raw)?.[1]?.toLowerCase() ?? null;
  return { contentType, reportType };
}

/**
 * Parses a raw RFC 5322 message (any charset, RFC 2047 headers, malformed parts tolerated) into a
 * ParsedEmail. The HTML is sanitized; `cid:` images stay references to their attachments.
 */
const PARSER_OPTIONS = {
  skipHtmlToText: true,
  skipTextToHtml: true,
  skipImageLinks: true,
  keepCidLinks: true,
  keepDeliveryStatus: true,
  ignoreEmbedded: true,
  checksumAlgo: false,
} as const;

/** The header section alone, long lines cut, so a message mailparser refuses still yields its headers. */
function headerOnly(raw: Buffer): Buffer {
  const head = raw.subarray(0, 512 * 1024).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  const section = (end >= 0 ? head.slice(0, end) : head).split(/\r?\n/).map((l) => l.slice(0, 16 * 1024));
  return Buffer.from(`${section.join("\r\n")}\r\n\r\n`, "latin1");
}

async function parseMime(raw: Buffer): Promise<{ mail: ParsedMail; parseError: string | null }> {
  try {
    return { mail: await simpleParser(raw, PARSER_OPTIONS), parseError: null };
  } catch (err) {
    const mail = await simpleParser(headerOnly(raw), PARSER_OPTIONS);
    return { mail, parseError: err instanceof Error ? err.message : String(err) };
  }
}

export async function parseEmail(raw: Buffer): Promise<ParsedEmail> {
  const { mail, parseError } = await parseMime(raw);
  const headers = headerRecord(mail.headerLines);
  const { contentType, reportType } = contentTypeOf(headers);
  const unsafeHtml = typeof mail.html === "string" && mail.html.trim() ? mail.html : null;
  const plain = mail.text?.trim() ? mail.text : null;
  const fromHtml = plain ? null : unsafeHtml ? htmlToText(unsafeHtml) || null : null;
  const fromRaw = plain || fromHtml || mail.attachments.length > 0 ? null : rawBodyText(raw);
  const text = plain ?? fromHtml ?? fromRaw;
  const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
  // A report's machine parts live in `report`; anything else attached (a forwarded .eml) stays an attachment.
  const attachments =
    contentType === "multipart/report" ? mail.attachments.filter((a) => !REPORT_TYPES.has(a.contentType.toLowerCase())) : mail.attachments;
  const dateHeader = headers.date?.[0];
  return {
    messageId: mail.messageId?.trim() || null,
    inReplyTo: mail.inReplyTo?.trim().split(/\s+/)[0] || null,
    references: references.flatMap((r) => r.split(/\s+/)).filter((r) => r.length > 0),
    from: mailboxes(mail.from)[0] ?? null,
    to: mailboxes(mail.to),
    cc: mailboxes(mail.cc),
    replyTo: mailboxes(mail.replyTo)[0] ?? null,
    subject: (mail.subject ?? "").trim(),
    date: dateHeader && !Number.isNaN(Date.parse(dateHeader)) && mail.date ? mail.date : null,
    text,
    textSource: plain ? "plain" : fromHtml ? "html" : fromRaw ? "raw" : "none",
    html: unsafeHtml ? sanitizeEmailHtml(unsafeHtml.length > MAX_HTML_CHARS ? unsafeHtml.slice(0, MAX_HTML_CHARS) : unsafeHtml) : null,
    htmlTruncated: unsafeHtml !== null && unsafeHtml.length > MAX_HTML_CHARS,
    unsafeHtml,
    attachments: attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType.toLowerCase(),
      size: a.size,
      contentId: a.cid ?? null,
      content: a.content,
      inline: a.contentDisposition === "inline" || (a.related === true && Boolean(a.cid)),
    })),
    calendar: mail.attachments.filter((a) => a.contentType.toLowerCase() === "text/calendar").map((a) => calendarInvite(a.content)),
    contentType,
    reportType,
    report: reportParts(mail.attachments),
    headers,
    size: raw.length,
    parseError,
  };
}
