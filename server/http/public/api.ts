import type { FastifyInstance, FastifySchemaValidationError } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CreateInquiryBodySchema, CreateInquiryResponseSchema, type CreateInquiryResponse } from "../../../common/contract/inquiries.js";
import { activeTopicBySlug, createInquiry, intakeConfig } from "../../domain/conversations/index.js";
import { requestFingerprint } from "../../domain/idempotency/index.js";
import { AppError } from "../../lib/errors.js";
import type { AppDeps } from "../context.js";
import { idempotencyKeyOf, storeOnce } from "./idempotency.js";
import { loadDistrict, PUBLIC, readCtx } from "./request.js";
import { rule } from "../plugins/limits.js";
import { publicWriteLimit } from "./request.js";
import { checkSubmission, submissionProblem } from "./submission.js";

/** Schema errors named like the form's fields (`message`, `fields.bus_number`), without a `body.` prefix. */
function schemaProblem(validation: FastifySchemaValidationError[]): AppError {
  return new AppError("validation_failed", "Your submission has invalid fields", {
    invalidParams: validation.map((v) => ({
      name: String(v.instancePath ?? "").split("/").filter(Boolean).join(".") || "body",
      reason: v.message ?? "is invalid",
    })),
  });
}

/**
 * `POST /api/public/:district/inquiries`: the JSON twin of the HTML form, with the same validation. With an
 * `Idempotency-Key` header a retry stores nothing twice and gets the first 201 back (see `storeOnce`).
 */
export function publicApiRoutes(deps: AppDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.post(
      "/api/public/:district/inquiries",
      {
        schema: { params: z.object({ district: z.string() }), body: CreateInquiryBodySchema, response: { 201: CreateInquiryResponseSchema } },
        attachValidation: true,
        ...PUBLIC,
        preValidation: publicWriteLimit(deps, (req, limits) => {
          const topic = (req.body as { topic?: unknown } | undefined)?.topic;
          const p = req.params as { district: string };
          return [rule("form", limits.form, `${typeof topic === "string" ? topic.slice(0, 100) : ""}\u0000${req.ip}`, p.district)];
        }),
      },
      async (req, reply) => {
        const key = idempotencyKeyOf(req);
        if (req.validationError) throw schemaProblem(req.validationError.validation);
        const district = await loadDistrict(deps, req, req.params.district);
        const config = await intakeConfig(readCtx(deps, district, req.log), district);
        const topic = activeTopicBySlug(config, req.body.topic);
        if (!topic) throw new AppError("not_found", "No such topic", { invalidParams: [{ name: "topic", reason: "unknown" }] });
        const { topic: _slug, anonymous, ...rest } = req.body;
        const checked = checkSubmission(topic, config.schoolIds, { ...rest, anonymous: anonymous ?? false });
        if (!checked.ok) throw submissionProblem(checked.errors);
        const idempotency = key ? { key, fingerprint: requestFingerprint({ api: "inquiries", body: req.body }) } : undefined;
        let conversationId: string | undefined;
        const stored = await storeOnce(deps, req, district, { status: 201, idempotency }, async (ctx) => {
          const created = await createInquiry(ctx, { topic, ...checked.value, channel: "web_form" }, { district, config });
          conversationId = created.conversation.id;
          return { reference: created.reference, statusUrl: created.statusUrl };
        });
        req.log.info({ conversationId, topicId: topic.id, replayed: stored.replayed }, "inquiry received (api)");
        if (key) reply.header("Idempotent-Replayed", String(stored.replayed));
        return reply.status(201).send(stored.body as CreateInquiryResponse);
      },
    );
  };
}
