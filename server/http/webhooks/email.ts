import type { FastifyInstance } from "fastify";
import { findChannelByWebhookSecret } from "../../domain/channels/index.js";
import { receiveRawEmail } from "../../ingest/email.js";
import { INBOUND_MAX_BYTES } from "../../ingest/smtp.js";
import { AppError } from "../../lib/errors.js";
import type { AppDeps } from "../context.js";
import { limitHook, rule } from "../plugins/limits.js";

const RAW_TYPES = ["message/rfc822", "application/octet-stream", "text/plain"];

/**
 * Audience "provider": `POST /webhooks/email/raw` takes one raw MIME message from an inbound-mail
 * provider, authenticated by the channel's secret (`Authorization: Bearer whsec_…`), and answers 202
 * only after the message is durably stored. A re-delivery of the same message is accepted and ignored.
 */
export function emailWebhookRoutes(deps: AppDeps) {
  return async function plugin(app: FastifyInstance): Promise<void> {
    app.addContentTypeParser(RAW_TYPES, { parseAs: "buffer", bodyLimit: INBOUND_MAX_BYTES }, (_req, body, done) => done(null, body));
    const preValidation = limitHook(deps, (req, limits) => [rule("webhook-ip", limits.webhookIp, req.ip)]);
    app.post("/webhooks/email/raw", { bodyLimit: INBOUND_MAX_BYTES, config: { audience: "provider" }, preValidation }, async (req, reply) => {
      const auth = req.headers.authorization ?? "";
      const secret = auth.startsWith("Bearer ") ? auth.slice(7).trim() : "";
      const channel = secret ? await findChannelByWebhookSecret(deps.database.db, secret) : undefined;
      if (!channel || channel.type !== "email") {
        req.log.warn({ hasAuth: Boolean(secret) }, "email webhook rejected");
        throw new AppError("invalid_signature", "Unknown or missing channel secret");
      }
      const raw = req.body;
      if (!Buffer.isBuffer(raw) || raw.length === 0) {
        throw new AppError("validation_failed", "Send one raw MIME message as message/rfc822");
      }
      const r = await receiveRawEmail(deps, { channels: [channel], raw, source: "webhook" });
      return reply.status(202).send({ status: "accepted", duplicate: r.duplicates > 0 });
    });
  };
}
