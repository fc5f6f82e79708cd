import { z } from "zod";
import { providerMessageId } from "../../channels/email/peek.js";
import { ImapConfigSchema, ImapCursorSchema, pollImapMailbox } from "../../channels/email/imap-poller.js";
import { inDistrict, tenantDb } from "../../db/tenant.js";
import { listChannels, saveChannelCursor, storeInboundDelivery } from "../../domain/channels/index.js";
import { jobCtx } from "../context.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({}).passthrough();

/** Every minute: each email channel with an IMAP mailbox is polled; messages are stored with the advanced cursor in one transaction. */
export const pollImapMailboxesJob: JobDefinition<typeof Payload> = {
  id: "poll-imap-mailboxes",
  schema: Payload,
  retryLimit: 0,
  cron: "* * * * *",
  async handler(deps, _payload, job) {
    // The scan for mailboxes spans districts (owner); each mailbox's messages and cursor are its district's.
    const channels = await listChannels(deps.database.db, "email");
    for (const channel of channels) {
      const config = ImapConfigSchema.safeParse((channel.config as { imap?: unknown }).imap);
      if (!config.success) continue;
      const cursor = ImapCursorSchema.safeParse(channel.cursor);
      try {
        const result = await pollImapMailbox(config.data, cursor.success ? cursor.data : null, (raw, next) =>
          inDistrict(deps.database.db, channel.districtId, async (tx) => {
            const ctx = jobCtx(deps, channel.districtId, tx, job.log, "inbound-imap");
            await storeInboundDelivery(ctx, channel, { providerMessageId: providerMessageId(raw), source: "imap", raw });
            await saveChannelCursor(tx, channel, next);
          }),
        );
        if (result.cursor && result.fetched === 0) await saveChannelCursor(tenantDb(deps.database, channel.districtId), channel, result.cursor);
        job.log.info({ channelId: channel.id, fetched: result.fetched }, "imap mailbox polled");
      } catch (err) {
        // One unreachable mailbox must not stop the others; the next minute tries again.
        job.log.warn({ channelId: channel.id, err: { message: (err as Error).message } }, "imap poll failed");
      }
    }
  },
};
