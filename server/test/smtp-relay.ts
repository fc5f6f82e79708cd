import { SMTPServer } from "smtp-server";

/** An SMTP relay on loopback that accepts every message (no TLS, no authentication), for the mailer's tests and bench/worker.ts. */
export type CountingRelay = {
  port: number;
  /** Connections opened so far, those still open, and messages received. */
  counts(): { opened: number; open: number; messages: number };
  close(): Promise<void>;
};

export async function startCountingRelay(): Promise<CountingRelay> {
  const n = { opened: 0, open: 0, messages: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    disableReverseLookup: true,
    logger: false,
    onConnect(_session, callback) {
      n.opened++;
      n.open++;
      callback();
    },
    onClose() {
      n.open--;
    },
    onData(stream, _session, callback) {
      stream.on("data", () => undefined);
      stream.on("end", () => {
        n.messages++;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.server.address() as { port: number }).port,
    counts: () => ({ ...n }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
