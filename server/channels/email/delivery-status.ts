// Reading delivery reports: RFC 3464 delivery-status fields, and what non-standard bounces
// (qmail, Exim, Exchange, Gmail…) say in prose about who failed and why.

export type RecipientStatus = { recipient: string; action: string | null; status: string | null; diagnostic: string | null };

const ADDRESS = /[A-Za-z0-9._%+'=-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const DAEMON_LOCAL = /^(?:mailer[-_.]?daemon|maildaemon|mail[-_.]daemon|postmaster|post_master|mail\.delivery\.system|mdaemon|bounces?|no-?reply|noreply|root)$/i;

/** Unfolded "Name: value" fields of one block of a delivery-status part. */
function fields(block: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (m && !out.has(m[1]!.toLowerCase())) out.set(m[1]!.toLowerCase(), m[2]!.trim());
  }
  return out;
}

const address = (value: string | undefined): string | null => {
  if (!value) return null;
  const m = /^(?:[\w-]+\s*;\s*)?<?([^<>\s;]+@[^<>\s;]+?)>?\s*$/.exec(value.trim());
  return m ? m[1]!.toLowerCase() : (value.match(ADDRESS)?.[0]?.toLowerCase() ?? null);
};

/** Per-recipient results of a message/delivery-status part (RFC 3464 section 2.3). */
export function parseDeliveryStatus(text: string): RecipientStatus[] {
  // The per-message block (Reporting-MTA…) names no recipient and no action, so it is skipped below.
  const blocks = text.split(/\r?\n\s*\r?\n/);
  const out: RecipientStatus[] = [];
  for (const block of blocks) {
    const f = fields(block);
    const recipient = address(f.get("final-recipient")) ?? address(f.get("original-recipient"));
    if (!recipient && !f.has("action")) continue;
    out.push({
      recipient: recipient ?? "",
      action: f.get("action")?.toLowerCase().split(/\s/)[0] ?? null,
      status: /\b([245]\.\d{1,3}\.\d{1,3})\b/.exec(f.get("status") ?? "")?.[1] ?? null,
      diagnostic: f.get("diagnostic-code")?.slice(0, 300) ?? null,
    });
  }
  return out;
}

/** The Message-ID of the returned message, from its header section or from the copy inlined in the text. */
export function returnedMessageId(returnedHeaders: string | null, text: string | null, ownId: string | null): string | null {
  for (const source of [returnedHeaders, text?.slice(0, 200_000)]) {
    if (!source) continue;
    for (const m of source.matchAll(/^[ \t>]*Message-I[dD]\s*:\s*(<[^<>\s]+>)/gm)) if (m[1] !== ownId) return m[1]!;
  }
  return null;
}

// Where a bounce's prose ends and its copy of the returned message starts.
const COPY_MARKER =
  /^[ \t]*(?:-{2,}.*(?:original message|copy of the message|returned message|undelivered message|message headers|below this line)|(?:original message|returned message|original message headers|undelivered message)\s*(?:follows|headers)?\s*:?\s*$|Return-Path:|Received:\s|DKIM-Signature:|Content-Type: message\/rfc822)/im;

/** The human-readable part of a non-standard bounce (before its copy of the returned message). */
export function bounceProse(text: string): string {
  const head = text.slice(0, 16_000);
  const m = COPY_MARKER.exec(head);
  return m ? head.slice(0, m.index) : head;
}

/** Recipients a prose bounce names, without the bounce's own parties (us, the daemon, the original sender). */
export function proseRecipients(prose: string, exclude: Set<string>): string[] {
  const found = new Set<string>();
  for (const raw of prose.match(ADDRESS) ?? []) {
    const a = raw.toLowerCase().replace(/\.+$/, "");
    const local = a.split("@")[0]!;
    if (exclude.has(a) || DAEMON_LOCAL.test(local)) continue;
    found.add(a);
    if (found.size >= 20) break;
  }
  return [...found];
}

/** The enhanced status code (RFC 3463) a prose bounce quotes, else one derived from its SMTP reply code. */
export function proseStatus(prose: string): string | null {
  const enhanced = /(?:^|[\s(#<'"])([245])\.(\d{1,3})\.(\d{1,3})(?=$|[\s).,;:>'"])/m.exec(prose);
  if (enhanced) return `${enhanced[1]}.${enhanced[2]}.${enhanced[3]}`;
  const reply = /(?:^|[\s:(])([45])[0-5]\d(?:[\s-])/m.exec(prose);
  return reply ? `${reply[1]}.0.0` : null;
}

export const isDaemonLocalPart = (local: string): boolean => DAEMON_LOCAL.test(local);
