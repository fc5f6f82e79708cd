import { createHash } from "node:crypto";

/** The header block of a raw message (up to the first empty line, at most 256 KB), unfolded. */
function headerBlock(raw: Buffer): string {
  const head = raw.subarray(0, 262_144).toString("latin1");
  const end = head.search(/\r?\n\r?\n/);
  return (end >= 0 ? head.slice(0, end) : head).replace(/\r?\n[ \t]+/g, " ");
}

/**
 * A stable id for a raw email without parsing it: its Message-ID header, or a hash of the bytes.
 * Used to make a re-delivery of the same message a no-op before the acknowledgement.
 */
export function providerMessageId(raw: Buffer): string {
  const m = /^message-id:\s*(<[^>\s]{1,900}>)/im.exec(headerBlock(raw));
  return m ? m[1]! : `sha256:${createHash("sha256").update(raw).digest("hex")}`;
}
