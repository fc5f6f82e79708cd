import { z } from "zod";
import { classifyEmail } from "../../channels/email/classify.js";
import { parseEmail, type ParsedEmail } from "../../channels/email/parse.js";
import { extractReplyFromEmail } from "../../channels/email/reply-extract.js";
import { inDistrict, tenantDb } from "../../db/tenant.js";
import { findDelivery, finishDelivery, lockPendingDelivery } from "../../domain/channels/index.js";
import { recordInboundEmail, type InboundEmail } from "../../domain/conversations/index.js";
import { jobCtx } from "../context.js";
import { filterAttachments } from "../../lib/attachments.js";
import { storableBody } from "../../lib/text.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({ districtId: z.string().uuid(), deliveryId: z.string().uuid() });

/**
 * Turns a parsed MIME message into the channel-neutral input of recordInboundEmail, with every text storable
 * (a NUL in a subject or body made every retry fail, so an acknowledged email was never filed: issue 6 fuzzing).
 */
export function toInboundEmail(parsed: ParsedEmail): InboundEmail {
  return storableBody(inboundEmailOf(parsed));
}

function inboundEmailOf(parsed: ParsedEmail): InboundEmail {
  const cls = classifyEmail(parsed);
  const reply = extractReplyFromEmail(parsed);
  const files = parsed.attachments.filter((a) => !a.inline || !a.contentId);
  const { accepted, rejected } = filterAttachments(
    files.map((a) => ({ filename: a.filename ?? "attachment", contentType: a.contentType, data: a.content })),
  );
  const omitted = rejected.map((r) => `[attachment not kept: ${r.filename} (${r.reason})]`).join("\n");
  const folded = [reply.quoted, reply.signature].filter(Boolean).join("\n\n") || null;
  const automatic: InboundEmail["automatic"] =
    cls.kind === "message"
      ? null
      : cls.kind === "bounce"
        ? {
            kind: "bounce",
            originalMessageId: cls.bounce?.originalMessageId ?? null,
            recipients: cls.bounce?.recipients ?? [],
            permanent: cls.bounce?.permanent ?? true,
            status: cls.bounce?.status ?? null,
            reason: cls.bounce?.diagnostic ?? cls.reason,
          }
        : cls.kind === "feedback_report"
          ? { kind: "feedback_report", reason: cls.reason, recipients: cls.bounce?.recipients ?? [] }
          : { kind: "auto_reply", reason: cls.reason };
  return {
    messageId: parsed.messageId,
    inReplyTo: parsed.inReplyTo,
    references: parsed.references,
    from: parsed.from ?? { address: "", name: null },
    to: parsed.to.map((m) => m.address),
    cc: parsed.cc.map((m) => m.address),
    subject: parsed.subject,
    visibleText: [reply.visible.trim(), omitted].filter(Boolean).join("\n\n"),
    quotedText: folded,
    html: parsed.html,
    attachments: accepted,
    suppressAcknowledgement: cls.suppressAutoReply,
    automatic,
  };
}

/** Parses, classifies and files one stored inbound email; a message that cannot be parsed is kept as failed for inspection. */
export const ingestInboundEmailJob: JobDefinition<typeof Payload> = {
  id: "ingest-inbound-email",
  schema: Payload,
  retryLimit: 4,
  retryDelaySeconds: 15,
  async handler(deps, payload, job) {
    const ctx = jobCtx(deps, payload.districtId, tenantDb(deps.database, payload.districtId), job.log, "inbound-email");
    const delivery = await findDelivery(ctx, payload.deliveryId);
    if (!delivery || delivery.status !== "pending") return; // at-least-once delivery: already filed
    let input: InboundEmail;
    try {
      input = toInboundEmail(await parseEmail(delivery.raw));
    } catch (err) {
      await finishDelivery(ctx, delivery.id, { status: "failed", error: `unparseable: ${(err as Error).message}`.slice(0, 500) });
      job.log.warn({ deliveryId: delivery.id }, "inbound email could not be parsed");
      return;
    }
    const outcome = await inDistrict(deps.database.db, payload.districtId, async (tx) => {
      const txCtx = jobCtx(deps, payload.districtId, tx, job.log, "inbound-email");
      // The check above was outside this transaction: an overlapping run of this job may have filed it since.
      if (!(await lockPendingDelivery(txCtx, delivery.id))) return null;
      const result = await recordInboundEmail(txCtx, input);
      await finishDelivery(txCtx, delivery.id, { status: "processed", outcome: result });
      return result;
    });
    job.log.info({ deliveryId: delivery.id, outcome: outcome?.kind ?? "already_filed" }, "inbound email filed");
  },
};
