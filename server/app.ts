import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import type { AppDeps } from "./http/context.js";
import { registerErrorHandler } from "./http/plugins/errors.js";
import { webApp } from "./http/web-app.js";
import { authPlugin } from "./http/plugins/auth.js";
import { apiPlugin } from "./http/api/index.js";
import { createLiveHub } from "./http/live.js";
import { publicRoutes } from "./http/public/index.js";
import { devOutboxRoutes } from "./http/dev/outbox.js";
import { emailWebhookRoutes } from "./http/webhooks/email.js";
import { securityOf } from "./http/plugins/limits.js";
import { sendProblem, toProblem } from "./http/plugins/errors.js";
import { sendErrorPage } from "./http/public/index.js";
import { AppError } from "./lib/errors.js";
import { storableBody } from "./lib/text.js";
import { securityHeaders } from "./http/plugins/security-headers.js";

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * Errors Fastify raises before routing: a path segment longer than the router takes (a 404: no district, topic or
 * link is that long) or one that is not valid percent-encoding (400). Pages under /d get the public HTML page.
 */
function frameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const mapped =
    err.code === "FST_ERR_MAX_PARAM_LENGTH"
      ? new AppError("not_found", "No such page")
      : err.code === "FST_ERR_BAD_URL"
        ? new AppError("validation_failed", "The address is not valid")
        : err;
  const problem = toProblem(mapped, req.id);
  req.log.info({ code: problem.code, status: problem.status, fastify: err.code }, "request rejected");
  if (req.url.startsWith("/d/")) return sendErrorPage(req, reply, problem.status);
  return sendProblem(reply, problem);
}

/** A hop count becomes proxy-addr's "trust the first n hops" function (Fastify's types take no number). */
function trustProxyOption(v: boolean | number | string): boolean | string | ((addr: string, hop: number) => boolean) {
  return typeof v === "number" ? (_addr, hop) => hop < v : v;
}

/** Builds the Fastify instance without listening; tests call app.inject(). */
export async function buildApp(deps: AppDeps): Promise<App> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers["x-request-id"];
      return typeof given === "string" && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1_048_576,
    // A malformed or overlong path segment answers like every other error (problem+json, or the public HTML page).
    frameworkErrors: (err, req, reply) => frameworkError(err, req, reply),
    // Whose X-Forwarded-For/-Proto to believe (TRUST_PROXY): req.ip keys the rate limits, req.protocol decides HSTS.
    trustProxy: trustProxyOption(securityOf(deps).trustProxy),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app as unknown as FastifyInstance);
  // Every parsed body (JSON, urlencoded) loses what PostgreSQL cannot store before any route sees it.
  app.addHook("preValidation", async (req) => {
    if (req.body !== null && typeof req.body === "object") req.body = storableBody(req.body);
  });
  app.addHook("onSend", async (req, reply) => {
    reply.header("x-request-id", req.id);
    securityHeaders(req, reply);
  });
  // Staff auth first, so it sees (and records the declarations of) every route registered after it.
  await app.register(authPlugin, { deps });
  const live = createLiveHub(deps);
  app.addHook("preClose", async () => live.endStreams());
  app.addHook("onClose", async () => live.close());
  await app.register(apiPlugin, { prefix: "/api", deps, live });
  await app.register(publicRoutes(deps));
  await app.register(devOutboxRoutes(deps));
  await app.register(emailWebhookRoutes(deps));

  await app.register(webApp);

  app.get("/healthz", async (_req, reply) => {
    await deps.database.db.execute(sql`select 1`);
    return reply.send({ status: "ok", database: deps.database.kind });
  });

  return app;
}
