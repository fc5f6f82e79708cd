import { startSmtpReceiver, type SmtpReceiver } from "../channels/email/smtp-receiver.js";
import { channelsForRecipients, receiveRawEmail, type IngestDeps } from "./email.js";

export const INBOUND_MAX_BYTES = 40 * 1024 * 1024;

/** Starts the built-in SMTP receiver for every district's email channels. */
export function startInboundSmtp(deps: IngestDeps, opts: { host: string; port: number; maxSize?: number }): Promise<SmtpReceiver> {
  return startSmtpReceiver({
    host: opts.host,
    port: opts.port,
    maxSize: opts.maxSize ?? INBOUND_MAX_BYTES,
    acceptsRecipient: async (address) => (await channelsForRecipients(deps, [address])).length > 0,
    onMessage: async (email) => {
      const channels = await channelsForRecipients(deps, email.recipients);
      await receiveRawEmail(deps, { channels, raw: email.raw, source: "smtp" });
    },
    onError: (err) => deps.log.error({ err: { message: err.message } }, "smtp receiver error"),
  });
}
