import { z } from "zod";
import { findEmail, recordDelivery } from "../../domain/mail/index.js";
import type { Ctx } from "../../domain/shared/ctx.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({ districtId: z.string().uuid(), emailId: z.string().uuid() });
const MAX_ATTEMPTS = 6;

/** Sends one stored email; a temporary failure is retried with backoff, a permanent one marks the message failed. */
export const deliverEmailJob: JobDefinition<typeof Payload> = {
  id: "deliver-email",
  schema: Payload,
  retryLimit: MAX_ATTEMPTS - 1,
  retryDelaySeconds: 30,
  async handler(deps, payload, job) {
    const base = (db: Ctx["db"]): Ctx => ({
      db,
      districtId: payload.districtId,
      actor: { kind: "system", reason: "deliver-email" },
      now: deps.now ?? (() => new Date()),
      log: job.log,
      enqueue: deps.enqueue,
      app: { publicUrl: deps.publicUrl },
    });
    const email = await findEmail(base(deps.database.db), payload.emailId);
    if (!email || email.status !== "queued") return; // already handled: delivery is at-least-once
    const result = await deps.mailer.send({
      from: email.fromAddress,
      to: email.toAddress,
      replyTo: email.replyTo,
      subject: email.subject,
      text: email.textBody,
      html: email.htmlBody,
      messageId: email.headerMessageId,
      inReplyTo: email.inReplyTo,
      references: email.references,
    });
    const final = !result.ok && (result.permanent || email.attempts + 1 >= MAX_ATTEMPTS);
    await deps.database.db.transaction((tx) =>
      recordDelivery(
        base(tx),
        email,
        result.ok
          ? { ok: true, transport: deps.mailer.transport }
          : { ok: false, transport: deps.mailer.transport, reason: result.reason, final },
      ),
    );
    job.log.info({ emailId: email.id, ok: result.ok }, "email delivery attempt");
    if (!result.ok && !final) throw new Error(`temporary delivery failure for email ${email.id}`);
  },
};
