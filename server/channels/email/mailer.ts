import nodemailer from "nodemailer";
import { WORK_CONCURRENCY } from "../../lib/work.js";

export type OutgoingEmail = {
  from: string;
  to: string;
  replyTo?: string | null;
  subject: string;
  text: string;
  html?: string | null;
  messageId: string;
  inReplyTo?: string | null;
  references?: string | null;
  /** Sign with the district's DKIM key when it configured one. */
  dkim?: DkimKey | null;
};

export type DkimKey = { domainName: string; keySelector: string; privateKey: string };

export type SendResult = { ok: true; response: string } | { ok: false; permanent: boolean; reason: string };

/**
 * Sends email through the district's SMTP server, or keeps it in the development sink (/dev/outbox). `close` ends
 * the open connections when the process stops.
 */
export type Mailer = { transport: "smtp" | "sink"; send(mail: OutgoingEmail): Promise<SendResult>; close(): void };

/**
 * SMTP connections a process keeps open to the relay, each reused for up to 100 messages: as many as a worker sends
 * at once (WORK_CONCURRENCY). A connection opened per message cost about 100 ms of SMTP dialogue on loopback; a
 * reused one 2–6 ms (bench/worker.ts).
 */
export const SMTP_CONNECTIONS = WORK_CONCURRENCY;

export function createMailer(smtpUrl: string | undefined): Mailer {
  if (!smtpUrl) {
    // The message row is already stored; the sink only marks it delivered so /dev/outbox shows it.
    return { transport: "sink", send: async () => ({ ok: true, response: "stored in the development outbox" }), close: () => undefined };
  }
  // Query parameters of SMTP_URL (?pool=false, ?maxConnections=…) still apply: nodemailer merges them over these keys.
  const transporter = nodemailer.createTransport({ url: smtpUrl, pool: true, maxConnections: SMTP_CONNECTIONS, maxMessages: 100 });
  return {
    transport: "smtp",
    close: () => transporter.close(),
    async send(mail) {
      try {
        const info = await transporter.sendMail({
          from: mail.from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          messageId: mail.messageId,
          ...(mail.html ? { html: mail.html } : {}),
          ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
          ...(mail.inReplyTo ? { inReplyTo: mail.inReplyTo } : {}),
          ...(mail.references ? { references: mail.references } : {}),
          ...(mail.dkim ? { dkim: mail.dkim } : {}),
        });
        return { ok: true, response: String(info.response ?? "sent") };
      } catch (err) {
        const e = err as { responseCode?: number; message?: string };
        const permanent = typeof e.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600;
        return { ok: false, permanent, reason: (e.message ?? "send failed").slice(0, 500) };
      }
    },
  };
}
