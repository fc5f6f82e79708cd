import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from "smtp-server";

export type ReceivedEmail = { mailFrom: string | null; recipients: string[]; raw: Buffer; remoteAddress: string };

export type SmtpReceiverOptions = {
  host: string;
  port: number;
  /** Largest message accepted, in bytes (advertised with SIZE and enforced while streaming). */
  maxSize: number;
  /** Whether a recipient address is one of ours (checked at RCPT TO; others get 550). */
  acceptsRecipient(address: string): Promise<boolean>;
  /** Must durably store the message before resolving: only then does the client get 250. */
  onMessage(email: ReceivedEmail): Promise<void>;
  onError?(err: Error): void;
};

export type SmtpReceiver = { port: number; close(): Promise<void> };

function smtpError(message: string, code: number): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The built-in SMTP receiver: accepts mail for the district addresses, streams the message with a size
 * cap, and answers 250 only after `onMessage` stored it (451 when storage fails, so the sender retries).
 */
export async function startSmtpReceiver(opts: SmtpReceiverOptions): Promise<SmtpReceiver> {
  const server = new SMTPServer({
    name: "frontoffice",
    banner: "Front Office inbound mail",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    // No reverse DNS of the client: it adds seconds per connection where DNS is slow or absent.
    disableReverseLookup: true,
    size: opts.maxSize,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) {
      opts
        .acceptsRecipient(address.address)
        .then((ok) => callback(ok ? null : smtpError("5.1.1 No such recipient here", 550)))
        .catch(() => callback(smtpError("4.3.0 Temporary lookup failure", 451)));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size <= opts.maxSize) chunks.push(chunk);
      });
      stream.on("end", () => {
        if ((stream as unknown as { sizeExceeded?: boolean }).sizeExceeded || size > opts.maxSize) {
          callback(smtpError("5.3.4 Message too big", 552));
          return;
        }
        const email: ReceivedEmail = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          recipients: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          remoteAddress: session.remoteAddress,
        };
        opts
          .onMessage(email)
          .then(() => callback(null))
          .catch((err: Error) => {
            opts.onError?.(err);
            callback(smtpError("4.3.0 Could not store the message, try again later", 451));
          });
      });
    },
  });
  server.on("error", (err: Error) => opts.onError?.(err));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : opts.port;
  return { port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
