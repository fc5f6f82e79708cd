import { providerMessageId } from "../channels/email/peek.js";
import { findChannelByAddress, storeInboundDelivery, type ChannelRow } from "../domain/channels/index.js";
import { buildCtx, type AppDeps } from "../http/context.js";

export type IngestDeps = Pick<AppDeps, "database" | "jobs" | "log" | "now" | "publicUrl" | "devOutbox">;

/** The email channels a message is addressed to (one per district address, plus-addresses included). */
export async function channelsForRecipients(deps: IngestDeps, recipients: string[]): Promise<ChannelRow[]> {
  const found = new Map<string, ChannelRow>();
  for (const r of recipients.slice(0, 100)) {
    const channel = await findChannelByAddress(deps.database.db, "email", r);
    if (channel) found.set(channel.id, channel);
  }
  return [...found.values()];
}

/**
 * Durably stores one raw email for each channel it reached, and queues its ingestion, in one
 * transaction. Resolves only after commit: the caller may then acknowledge the sender (SMTP 250, HTTP 2xx).
 */
export async function receiveRawEmail(
  deps: IngestDeps,
  input: { channels: ChannelRow[]; raw: Buffer; source: "smtp" | "webhook" | "imap" },
): Promise<{ stored: number; duplicates: number }> {
  const id = providerMessageId(input.raw);
  let stored = 0;
  let duplicates = 0;
  await deps.database.db.transaction(async (tx) => {
    for (const channel of input.channels) {
      const ctx = buildCtx(deps as AppDeps, tx, channel.districtId, { kind: "system", reason: `inbound-${input.source}` });
      const r = await storeInboundDelivery(ctx, channel, { providerMessageId: id, source: input.source, raw: input.raw });
      if (r.duplicate) duplicates++;
      else stored++;
    }
  });
  deps.log.info({ source: input.source, stored, duplicates, size: input.raw.length }, "inbound email stored");
  return { stored, duplicates };
}
