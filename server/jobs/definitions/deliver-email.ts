import { z } from "zod";
import type { DkimKey } from "../../channels/email/mailer.js";
import { withPreparedStatements } from "../../db/prepared-statements.js";
import { inDistrict } from "../../db/tenant.js";
import { findChannelByAddress } from "../../domain/channels/index.js";
import { findEmail, recordDelivery } from "../../domain/mail/index.js";
import type { Ctx } from "../../domain/shared/ctx.js";
import { jobCtx } from "../context.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({ districtId: z.string().uuid(), emailId: z.string().uuid() });
const MAX_ATTEMPTS = 6;
const DkimSchema = z.object({ domainName: z.string().min(1), keySelector: z.string().min(1), privateKey: z.string().min(1) });

/** The DKIM key of the channel the email is sent from (its `config.dkim`), if the district set one. */
async function dkimFor(db: Ctx["db"], districtId: string, from: string): Promise<DkimKey | null> {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  const channel = await findChannelByAddress(db, "email", address);
  if (!channel || channel.districtId !== districtId) return null;
  const parsed = DkimSchema.safeParse((channel.config as { dkim?: unknown }).dkim);
  return parsed.success ? parsed.data : null;
}

/** Sends one stored email; a temporary failure is retried with backoff, a permanent one marks the message failed. */
export const deliverEmailJob: JobDefinition<typeof Payload> = {
  id: "deliver-email",
  schema: Payload,
  retryLimit: MAX_ATTEMPTS - 1,
  retryDelaySeconds: 30,
  // one per email (every submission's acknowledgement): its statements, by key, prepared by name (db/prepared-statements.ts)
  handler: (deps, payload, job) => withPreparedStatements(() => deliver(deps, payload, job)),
};

/** One delivery attempt of one stored email. */
async function deliver(...[deps, payload, job]: Parameters<JobDefinition<typeof Payload>["handler"]>): Promise<void> {
  const base = (db: Ctx["db"]): Ctx => jobCtx(deps, payload.districtId, db, job.log, "deliver-email");
  // the email and its sender's DKIM key in one read transaction; none is held while SMTP answers
  const found = await inDistrict(deps.database.db, payload.districtId, async (tx) => {
    const email = await findEmail(base(tx), payload.emailId);
    if (!email || email.status !== "queued") return null; // already handled: delivery is at-least-once
    return { email, dkim: await dkimFor(tx, payload.districtId, email.fromAddress) };
  });
  if (!found) return;
  const { email, dkim } = found;
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
    dkim,
  });
  const final = !result.ok && (result.permanent || email.attempts + 1 >= MAX_ATTEMPTS);
  await inDistrict(deps.database.db, payload.districtId, (tx) =>
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
}
