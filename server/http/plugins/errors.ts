import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { AppError, ERROR_STATUS, type ErrorCode, type InvalidParam } from "../../lib/errors.js";

const TITLES: Record<ErrorCode, string> = {
  validation_failed: "Your request has invalid fields",
  unauthenticated: "Sign in required",
  invalid_signature: "Invalid signature",
  forbidden: "Not allowed",
  not_found: "Not found",
  conflict: "Conflict",
  payload_too_large: "Too large",
  unsupported_media_type: "Unsupported media type",
  idempotency_key_reused: "Idempotency key reused",
  rate_limited: "Too many requests",
  internal: "Something went wrong on our side",
  channel_unavailable: "Channel unavailable",
};

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  invalidParams?: InvalidParam[];
};

/** Translates any thrown error into {code, detail, invalidParams}; unknown errors become `internal`. */
export function toProblem(err: unknown, requestId: string): Problem {
  let code: ErrorCode = "internal";
  let detail = "An unexpected error occurred. It has been logged.";
  let invalidParams: InvalidParam[] | undefined;
  if (err instanceof AppError) {
    code = err.code;
    detail = err.message;
    invalidParams = err.invalidParams;
  } else if (hasZodFastifySchemaValidationErrors(err)) {
    code = "validation_failed";
    const where = (err as { validationContext?: string }).validationContext ?? "body";
    invalidParams = err.validation.map((v) => ({
      name: [where, ...String(v.instancePath ?? "").split("/").filter(Boolean)].join("."),
      reason: v.message ?? "is invalid",
    }));
    detail = invalidParams.map((p) => `${p.name}: ${p.reason}`).join("; ");
  } else {
    const fe = err as FastifyError;
    const status = fe.statusCode ?? 500;
    if (status === 413) code = "payload_too_large";
    else if (status === 415) code = "unsupported_media_type";
    else if (status === 429) code = "rate_limited";
    else if (status === 404) code = "not_found";
    else if (status >= 400 && status < 500) code = "validation_failed";
    if (status < 500) detail = fe.message;
  }
  return {
    type: `https://frontoffice.dev/problems/${code}`,
    title: TITLES[code],
    status: ERROR_STATUS[code],
    detail,
    code,
    requestId,
    ...(invalidParams ? { invalidParams } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type("application/problem+json; charset=utf-8").send(JSON.stringify(problem));
}

/** problem+json for every error; 5xx logged at error with the request id, 4xx at info. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const problem = toProblem(err, req.id);
    if (problem.status >= 500) req.log.error({ err }, "request failed");
    else req.log.info({ code: problem.code, status: problem.status }, "request rejected");
    return sendProblem(reply, problem);
  });
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, toProblem(new AppError("not_found", `No route for ${req.method} ${req.url.split("?")[0]}`), req.id)),
  );
}
