import type { FastifyInstance, FastifySchemaValidationError } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { CreateInquiryBodySchema, CreateInquiryResponseSchema } from "../../../common/contract/inquiries.js";
import { createInquiry } from "../../domain/conversations/index.js";
import { findTopicBySlug, listSchools } from "../../domain/districts/index.js";
import { AppError } from "../../lib/errors.js";
import { inTransaction, type AppDeps } from "../context.js";
import { loadDistrict, PUBLIC, PUBLIC_ACTOR, readCtx, reqLog } from "./request.js";
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

/** `POST /api/public/:district/inquiries`: the JSON twin of the HTML form, with the same validation. */
export function publicApiRoutes(deps: AppDeps) {
  return async (plain: FastifyInstance) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.post(
      "/api/public/:district/inquiries",
      {
        schema: { params: z.object({ district: z.string() }), body: CreateInquiryBodySchema, response: { 201: CreateInquiryResponseSchema } },
        attachValidation: true,
        ...PUBLIC,
      },
      async (req, reply) => {
        if (req.validationError) throw schemaProblem(req.validationError.validation);
        const district = await loadDistrict(deps, req, req.params.district);
        const read = readCtx(deps, district, req.log);
        const topic = await findTopicBySlug(read, req.body.topic);
        if (!topic) throw new AppError("not_found", "No such topic", { invalidParams: [{ name: "topic", reason: "unknown" }] });
        const schoolIds = new Set((await listSchools(read)).map((s) => s.id));
        const { topic: _slug, anonymous, ...rest } = req.body;
        const checked = checkSubmission(topic, schoolIds, { ...rest, anonymous: anonymous ?? false });
        if (!checked.ok) throw submissionProblem(checked.errors);
        const created = await inTransaction(deps, district.id, PUBLIC_ACTOR, reqLog(req), (ctx) =>
          createInquiry(ctx, { topic, ...checked.value, channel: "web_form" }),
        );
        req.log.info({ conversationId: created.conversation.id, topicId: topic.id }, "inquiry received (api)");
        return reply.status(201).send({ reference: created.reference, statusUrl: created.statusUrl });
      },
    );
  };
}
