import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import type { Language } from "../../../common/enums.js";
import { publicMessages, type PublicCatalog } from "../../../common/i18n/public.js";
import { findDistrictBySlug, type DistrictRow } from "../../domain/districts/index.js";
import { withPreparedStatements } from "../../db/prepared-statements.js";
import type { Actor, Ctx } from "../../domain/shared/ctx.js";
import { notFound } from "../../lib/errors.js";
import type { Logger } from "../../lib/logger.js";
import { districtCtx, type AppDeps } from "../context.js";
import type { SecurityConfig } from "../../config/index.js";
import type { LimitRule } from "../../domain/limits/index.js";
import { limitHook, rule } from "../plugins/limits.js";
import { langCookie, resolveLanguage } from "./lang.js";
import type { PageLinks } from "./layout.js";

/** Route options of every public route: the audience recorded in the route declarations (no session, no staff auth). */
export const PUBLIC = { config: { audience: "public" as const } };

/** Every public write counts against the client IP's limit (across districts). */
export function publicWriteLimit(deps: AppDeps, extra: (req: FastifyRequest, limits: SecurityConfig["limits"]) => LimitRule[] = () => []) {
  return limitHook(deps, (req, limits) => [rule("public-ip", limits.publicIp, req.ip), ...extra(req, limits)]);
}

/** Public writes act as an unknown contact; commands attach the real contact themselves. */
export const PUBLIC_ACTOR: Actor = { kind: "contact", contactId: null };

/** One query-string value as text (the first if repeated), never throwing on odd input. */
export function queryValue(req: FastifyRequest, key: string, max = 200): string | undefined {
  const query = (req.query ?? {}) as Record<string, unknown>;
  const v = Object.hasOwn(query, key) ? query[key] : undefined;
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === "string" ? s.slice(0, max) : undefined;
}

/** The page language for this request (see `resolveLanguage`), remembered in a cookie when chosen explicitly. */
export function pageLanguage(req: FastifyRequest, reply: FastifyReply, fallback?: Language): { lang: Language; t: PublicCatalog } {
  const { lang, explicit } = resolveLanguage({
    query: queryValue(req, "lang"),
    cookie: req.headers.cookie,
    acceptLanguage: req.headers["accept-language"],
    ...(fallback ? { fallback } : {}),
  });
  if (explicit && req.method === "GET") reply.header("Set-Cookie", langCookie(lang));
  return { lang, t: publicMessages(lang) };
}

const districtOfRequest = new WeakMap<FastifyRequest, DistrictRow>();

/** Resolves the tenant from the URL slug (as the owner: the district is not known yet); an unknown slug is a 404 page. */
export async function loadDistrict(deps: AppDeps, req: FastifyRequest, slug: string): Promise<DistrictRow> {
  // a lookup by key on every public request: prepared by name (db/prepared-statements.ts)
  const district = await withPreparedStatements(() => findDistrictBySlug(deps.database.db, slug));
  if (!district) throw notFound("District");
  districtOfRequest.set(req, district);
  return district;
}

/** The district this request resolved, if any (error pages show its name and a link home). */
export function districtOf(req: FastifyRequest): DistrictRow | undefined {
  return districtOfRequest.get(req);
}

/** The request's logger (a pino child carrying the request id: the app is built on our pino instance). */
export function reqLog(req: FastifyRequest): Logger {
  return req.log as unknown as Logger;
}

/** A context for reads outside a transaction, confined to the district by row-level security (db/tenant.ts). */
export function readCtx(deps: AppDeps, district: DistrictRow, log: FastifyBaseLogger): Ctx {
  return districtCtx(deps, district.id, PUBLIC_ACTOR, log as Logger);
}

const KEPT_PARAMS = ["q", "embed", "submitted", "sent", "thanks"];

/**
 * Links of a public page. Inside the embed dialog, `embed=1` and `lang` travel in every URL (third-party
 * cookies may be blocked there); the language switch keeps the page's own flags (search, confirmation).
 */
export function pageLinks(req: FastifyRequest, district: DistrictRow, lang: Language, pagePath: string) {
  const embed = queryValue(req, "embed") === "1";
  const link = (path: string, extra: Record<string, string> = {}) => {
    const params = new URLSearchParams(extra);
    if (embed) {
      params.set("embed", "1");
      params.set("lang", lang);
    }
    const qs = params.toString();
    return qs ? `${path}?${qs}` : path;
  };
  const switchTo = (l: Language) => {
    const params = new URLSearchParams();
    for (const key of KEPT_PARAMS) {
      const v = queryValue(req, key);
      if (v) params.set(key, v);
    }
    params.set("lang", l);
    return `${pagePath}?${params.toString()}`;
  };
  const links: PageLinks = { home: link(`/d/${district.slug}`), switchTo };
  return { embed, link, links };
}
