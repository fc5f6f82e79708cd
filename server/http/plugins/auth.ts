import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import { can, type ConversationAction } from "../../domain/conversations/index.js";
import { actorForStaff, findApiToken, findSession, type StaffActor } from "../../domain/staff/index.js";
import { tenantDb } from "../../db/tenant.js";
import { safeEqual } from "../../lib/crypto.js";
import { AppError } from "../../lib/errors.js";
import type { Logger } from "../../lib/logger.js";
import type { AppDeps } from "../context.js";

/** Who a route is for: signed-in staff, anyone (rate-limited public pages), or a provider's webhook. */
export type Audience = "staff" | "public" | "provider";

/**
 * What a staff route requires beyond being signed in. `conversation.*` abilities are checked
 * against the role here (a viewer never reaches a reply handler); the commands then check scope.
 */
export type Ability =
  | "session"
  | "meta.read"
  | `conversation.${ConversationAction}`
  /** routing rules, calendar, service standards, alert categories: admins and supervisors read */
  | "settings.read"
  /** …and only admins change them */
  | "settings.manage"
  /** acknowledge or downgrade a critical alert: responders, agents, supervisors, admins */
  | "alert.respond"
  /** district-wide report figures (aggregates, no family's words): admins, supervisors and viewers */
  | "reports.read"
  /** staff performance (reports broken down by assignee): admins and supervisors */
  | "reports.staff";

declare module "fastify" {
  interface FastifyContextConfig {
    audience?: Audience;
    ability?: Ability;
  }
  interface FastifyRequest {
    /** The signed-in staff member on `audience: "staff"` routes; null elsewhere. */
    staffAuth: StaffAuth | null;
  }
}

export type StaffAuth = {
  districtId: string;
  actor: StaffActor;
  via: "bearer" | "session";
  /** The browser session (cookie auth only): its token and the CSRF token writes must echo. */
  session: { token: string; csrfToken: string } | null;
};

export type RouteDeclaration = { method: string; url: string; audience: Audience | null; ability: Ability | null };

export const SESSION_COOKIE = "fo_session";
export const CSRF_HEADER = "x-csrf-token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

const declarations = new WeakMap<FastifyInstance, RouteDeclaration[]>();

/** Every route registered on the app with its audience and ability, sorted (the permission snapshot). */
export function routeDeclarations(app: FastifyInstance): RouteDeclaration[] {
  return [...(declarations.get(app) ?? [])].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

const unauthenticated = () => new AppError("unauthenticated", "Sign in to continue");

function bearerToken(req: FastifyRequest): string | null | undefined {
  const header = req.headers.authorization;
  if (header === undefined) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1]! : null;
}

/** The session token from the Cookie header (our tokens are base64url, so no decoding is needed). */
export function sessionCookie(req: FastifyRequest): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) return /^[A-Za-z0-9_-]{20,200}$/.test(rest.join("=")) ? rest.join("=") : undefined;
  }
  return undefined;
}

function cookieHeader(deps: AppDeps, value: string, maxAge: number, expires: Date): string {
  const secure = deps.publicUrl.startsWith("https:") ? "; Secure" : "";
  return `${SESSION_COOKIE}=${value}; Max-Age=${maxAge}; Path=/; Expires=${expires.toUTCString()}; HttpOnly${secure}; SameSite=Lax`;
}

/**
 * Resolves the request's credentials to a staff actor: a bearer API token wins over the session
 * cookie. The district always comes from the token or session, never from the request: that lookup is the owner's
 * (it is what names the tenant); the staff member is then read as the tenant.
 */
export async function authenticate(deps: AppDeps, req: FastifyRequest): Promise<StaffAuth> {
  const db = deps.database.db;
  const bearer = bearerToken(req);
  if (bearer !== undefined) {
    const found = bearer ? await findApiToken(db, bearer) : undefined;
    const actor = found && (await actorForStaff(tenantDb(deps.database, found.districtId), found.districtId, found.staffId));
    if (!found || !actor) throw unauthenticated();
    return { districtId: found.districtId, actor, via: "bearer", session: null };
  }
  const token = sessionCookie(req);
  const session = token ? await findSession(db, token, deps.now()) : undefined;
  const actor = session && (await actorForStaff(tenantDb(deps.database, session.districtId), session.districtId, session.staffId));
  if (!token || !session || !actor) throw unauthenticated();
  return { districtId: session.districtId, actor, via: "session", session: { token, csrfToken: session.csrfToken } };
}

/** Role-level check of a declared ability; which conversations are in scope is the commands' and queries' job. */
export function roleAllows(actor: StaffActor, ability: Ability): boolean {
  if (ability === "settings.manage") return actor.role === "admin";
  if (ability === "settings.read") return actor.role === "admin" || actor.role === "supervisor";
  if (ability === "reports.read") return actor.role === "admin" || actor.role === "supervisor" || actor.role === "viewer";
  if (ability === "reports.staff") return actor.role === "admin" || actor.role === "supervisor";
  if (ability === "alert.respond") return actor.role !== "viewer" && actor.role !== "recorder";
  if (!ability.startsWith("conversation.")) return true;
  const action = ability.slice("conversation.".length) as ConversationAction;
  // A conversation assigned to the actor is always in their scope, so this asks only what the role may do.
  return can(actor, action, { departmentId: null, assigneeId: actor.staffId });
}

/** The signed-in staff of a staff route (set by the auth hook before the handler runs). */
export function staffOf(req: FastifyRequest): StaffAuth {
  if (!req.staffAuth) throw unauthenticated();
  return req.staffAuth;
}

/** The request's logger (a pino child carrying the request id: the app is built on our pino instance). */
export function requestLog(req: FastifyRequest): Logger {
  return req.log as unknown as Logger;
}

/** The browser session: HttpOnly, SameSite=Lax, whole site, Secure when served over https. */
export function setSessionCookie(reply: FastifyReply, deps: AppDeps, token: string, expiresAt: Date): void {
  const maxAge = Math.max(0, Math.round((expiresAt.getTime() - deps.now().getTime()) / 1000));
  reply.header("set-cookie", cookieHeader(deps, token, maxAge, expiresAt));
}

export function clearSessionCookie(reply: FastifyReply, deps: AppDeps): void {
  reply.header("set-cookie", cookieHeader(deps, "", 0, new Date(0)));
}

function record(app: FastifyInstance, route: RouteOptions): void {
  const { audience, ability } = (route.config ?? {}) as { audience?: Audience; ability?: Ability };
  if (audience === "staff" && !ability) throw new Error(`Staff route ${route.url} declares no ability`);
  const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== "HEAD");
  const list = declarations.get(app) ?? [];
  for (const method of methods) list.push({ method, url: route.url, audience: audience ?? null, ability: ability ?? null });
  declarations.set(app, list);
}

/**
 * Staff authentication for every route declaring `audience: "staff"`: bearer token or session
 * cookie (401 otherwise), the CSRF token on cookie writes (403), and the declared ability's role check (403).
 */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { deps: AppDeps }) => {
    const { deps } = opts;
    declarations.set(app, []);
    app.decorateRequest("staffAuth", null);
    app.addHook("onRoute", (route) => record(app, route));
    app.addHook("onRequest", async (req) => {
      const config = req.routeOptions.config;
      if (config?.audience !== "staff") return;
      const auth = await authenticate(deps, req);
      if (auth.session && !SAFE_METHODS.has(req.method)) {
        const sent = req.headers[CSRF_HEADER];
        if (typeof sent !== "string" || !safeEqual(sent, auth.session.csrfToken)) {
          throw new AppError("forbidden", "Missing or invalid CSRF token; reload the page and try again");
        }
      }
      if (config.ability && !roleAllows(auth.actor, config.ability)) {
        throw new AppError("forbidden", "Your role does not allow this");
      }
      req.staffAuth = auth;
    });
  },
  { name: "frontoffice-auth", fastify: "5.x" },
);
