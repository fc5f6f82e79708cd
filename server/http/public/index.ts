import formbody from "@fastify/formbody";
import multipart from "@fastify/multipart";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { publicMessages } from "../../../common/i18n/public.js";
import type { AppDeps } from "../context.js";
import { toProblem } from "../plugins/errors.js";
import { publicApiRoutes } from "./api.js";
import { assetRoutes } from "./assets.js";
import { MULTIPART_LIMITS } from "./body.js";
import { resolveLanguage } from "./lang.js";
import { messagePage, setPageHeaders } from "./layout.js";
import { ratingRoutes } from "./rating-routes.js";
import { districtOf, queryValue } from "./request.js";
import { statusRoutes } from "./status-routes.js";
import { topicRoutes } from "./topic-routes.js";

/** The public HTML error page (404, 400, 429, 5xx) in the request's language, with the district's name when known. */
export function sendErrorPage(req: FastifyRequest, reply: FastifyReply, status: number): FastifyReply {
  const { lang } = resolveLanguage({ query: queryValue(req, "lang"), cookie: req.headers.cookie, acceptLanguage: req.headers["accept-language"] });
  const t = publicMessages(lang);
  const district = districtOf(req);
  const retryAfter = Number(reply.getHeader("retry-after") ?? 60);
  const [title, text] =
    status === 404
      ? [t.notFoundTitle, t.notFoundBody]
      : status === 429
        ? [t.tooManyTitle, t.tooManyBody(Math.max(1, Math.ceil(retryAfter / 60)))]
        : status >= 500
          ? [t.errorTitle, t.errorBody]
          : [t.badRequestTitle, t.badRequestBody];
  // A refused form post inside the embed dialog must still show its page there.
  const route = req.routeOptions.url ?? "";
  const frameable = route === "/d/:district" || route === "/d/:district/topics/:topic";
  return setPageHeaders(reply, { frameable })
    .status(status)
    .send(messagePage({ lang, title, text, districtName: district?.name, home: district ? `/d/${district.slug}` : undefined }));
}

/** Everything under /d: HTML pages whose errors (unknown district, topic or link; bad input) are HTML pages too. */
function pages(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.setErrorHandler((err: unknown, req, reply) => {
      const problem = toProblem(err, req.id);
      if (problem.status >= 500) req.log.error({ err }, "request failed");
      else req.log.info({ code: problem.code, status: problem.status }, "request rejected");
      return sendErrorPage(req, reply, problem.status);
    });
    app.setNotFoundHandler((req, reply) => sendErrorPage(req, reply, 404));
    await app.register(topicRoutes(deps));
    await app.register(statusRoutes(deps));
    await app.register(ratingRoutes(deps));
  };
}

/**
 * The public audience: the "Let's Talk" pages (server-rendered, no JavaScript needed), the JSON twin of
 * the form, the stylesheet and the embeddable button. No session; the district comes from the URL.
 */
export function publicRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    // Another audience may already parse these bodies app-wide; a second parser would refuse to register.
    if (!app.hasContentTypeParser("application/x-www-form-urlencoded")) await app.register(formbody, { bodyLimit: 256 * 1024 });
    if (!app.hasContentTypeParser("multipart/form-data")) await app.register(multipart, { limits: MULTIPART_LIMITS });
    await app.register(assetRoutes);
    await app.register(publicApiRoutes(deps));
    await app.register(pages(deps), { prefix: "/d" });
  };
}
