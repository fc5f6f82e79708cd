import type { FastifyReply, FastifyRequest } from "fastify";

/** One year; sent only on responses to requests that arrived over TLS (directly, or through a trusted proxy). */
export const HSTS = "max-age=31536000; includeSubDomains";

/**
 * Headers every response carries unless its route chose its own (public pages, the staff app and downloads set
 * stricter ones): no MIME sniffing, no Referer, and HSTS when the request came over https. `req.protocol`
 * believes X-Forwarded-Proto only from the proxies TRUST_PROXY names, so a client cannot ask for HSTS on plain
 * http, and plain http never sends it (a browser would ignore it there anyway).
 */
export function securityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  if (!reply.hasHeader("x-content-type-options")) reply.header("x-content-type-options", "nosniff");
  if (!reply.hasHeader("referrer-policy")) reply.header("referrer-policy", "no-referrer");
  if (req.protocol === "https") reply.header("strict-transport-security", HSTS);
}
