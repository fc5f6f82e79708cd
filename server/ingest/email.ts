import { providerMessageId } from "../channels/email/peek.js";
import { findChannelByAddress, storeInboundDelivery, type ChannelRow } from "../domain/channels/index.js";
import { inTransaction, type AppDeps } from "../http/context.js";

export type IngestDeps = Pick<AppDeps, "database" | "jobs" | "log" | "now" | "publicUrl" | "devOutbox">;

/**
 * The email channels a message is addressed to (one per district address, plus-addresses included), looked up as
 * the owner: the address is what names the district.
 */
export async function channelsForRecipients(deps: IngestDeps, recipients: string[]): Promise<ChannelRow[]> {
  const found = new Map<string, ChannelRow>();
  for (const r of recipients.slice(0, 100)) {
    const channel = await findChannelByAddress(deps.database.db, "email", r);
    if (channel) found.set(channel.id, channel);
  }
  return [...found.values()];
}

/**
 * Durably stores one raw email for each channel it reached, and queues its ingestion, in one tenant transaction per
 * district reached (row-level security: a transaction is one district's). Resolves only after every commit: the
 * caller may then acknowledge the sender (SMTP 250, HTTP 2xx); a retry after a partial failure stores the rest only,
 * as deliveries are unique per channel and Message-ID.
 */
export async function receiveRawEmail(
  deps: IngestDeps,
  input: { channels: ChannelRow[]; raw: Buffer; source: "smtp" | "webhook" | "imap" },
): Promise<{ stored: number; duplicates: number }> {
  const id = providerMessageId(input.raw);
  let stored = 0;
  let duplicates = 0;
  for (const districtId of new Set(input.channels.map((c) => c.districtId))) {
    await inTransaction(deps as AppDeps, districtId, { kind: "system", reason: `inbound-${input.source}` }, deps.log, async (ctx) => {
      for (const channel of input.channels.filter((c) => c.districtId === districtId)) {
        const r = await storeInboundDelivery(ctx, channel, { providerMessageId: id, source: input.source, raw: input.raw });
        if (r.duplicate) duplicates++;
        else stored++;
      }
    });
  }
  deps.log.info({ source: input.source, stored, duplicates, size: input.raw.length }, "inbound email stored");
  return { stored, duplicates };
}
