import { ImapFlow } from "imapflow";
import { z } from "zod";

/** A district mailbox polled over IMAP (Google Workspace or Microsoft 365 through IMAP, or any server). */
export const ImapConfigSchema = z.object({
  host: z.string().min(1),
  port: z.number().int().min(1).max(65535).default(993),
  secure: z.boolean().default(true),
  user: z.string().min(1),
  password: z.string().min(1),
  mailbox: z.string().default("INBOX"),
});
export type ImapConfig = z.infer<typeof ImapConfigSchema>;

/** Where the poller stopped: a UID is only meaningful within one UIDVALIDITY of the mailbox. */
export const ImapCursorSchema = z.object({ uidValidity: z.string(), lastUid: z.number().int().min(0) });
export type ImapCursor = z.infer<typeof ImapCursorSchema>;

export type PollResult = { fetched: number; cursor: ImapCursor | null };

/**
 * Fetches messages newer than the cursor, oldest first, and hands each to `store` with the cursor that
 * includes it. `store` must persist the message and that cursor atomically, so a crash at any point
 * re-fetches at most the message in flight (its Message-ID then makes it a no-op).
 * A changed UIDVALIDITY restarts from the beginning of the mailbox for the same reason.
 */
export async function pollImapMailbox(
  config: ImapConfig,
  cursor: ImapCursor | null,
  store: (raw: Buffer, next: ImapCursor) => Promise<void>,
  opts: { maxMessages?: number } = {},
): Promise<PollResult> {
  const client = new ImapFlow({
    host: config.host,
    port: config.port,
    secure: config.secure,
    auth: { user: config.user, pass: config.password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  let fetched = 0;
  let last: ImapCursor | null = cursor;
  try {
    const lock = await client.getMailboxLock(config.mailbox);
    try {
      const mailbox = client.mailbox;
      if (!mailbox) return { fetched, cursor: last };
      const uidValidity = String(mailbox.uidValidity);
      const from = cursor && cursor.uidValidity === uidValidity ? cursor.lastUid + 1 : 1;
      if (mailbox.exists === 0) return { fetched, cursor: { uidValidity, lastUid: from - 1 } };
      const max = opts.maxMessages ?? 200;
      // Collect UIDs first: a FETCH stream must not be interleaved with other commands.
      const uids: number[] = [];
      for await (const m of client.fetch(`${from}:*`, { uid: true }, { uid: true })) {
        if (m.uid >= from) uids.push(m.uid);
      }
      uids.sort((a, b) => a - b);
      for (const uid of uids.slice(0, max)) {
        const msg = await client.fetchOne(String(uid), { source: true, uid: true }, { uid: true });
        if (!msg || !msg.source) continue;
        const next = { uidValidity, lastUid: uid };
        await store(Buffer.from(msg.source), next);
        last = next;
        fetched++;
      }
      if (!last || last.uidValidity !== uidValidity) last = { uidValidity, lastUid: from - 1 };
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return { fetched, cursor: last };
}
