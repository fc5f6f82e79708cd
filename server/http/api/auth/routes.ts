import { and, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { StaffSummarySchema } from "../../../../common/contract/conversations.js";
import type { Role } from "../../../../common/enums.js";
import { staff } from "../../../db/schema/index.js";
import { findDistrictBySlug, getDistrict } from "../../../domain/districts/index.js";
import { clearLoginFailures, loginKey, loginLockedFor, recordLoginFailure } from "../../../domain/limits/index.js";
import { actorForStaff, createSession, deleteSession, verifyPassword } from "../../../domain/staff/index.js";
import { AppError } from "../../../lib/errors.js";
import { tenantDb } from "../../../db/tenant.js";
import { districtCtx, type AppDeps } from "../../context.js";
import { limitHook, rateLimited, rule, securityOf } from "../../plugins/limits.js";
import { clearSessionCookie, setSessionCookie, staffOf, type StaffAuth } from "../../plugins/auth.js";

export const LoginBodySchema = z.object({
  district: z.string().trim().toLowerCase().min(1).max(64),
  email: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1000),
});
export type LoginBody = z.infer<typeof LoginBodySchema>;

/** The signed-in staff member, the CSRF token browser writes must echo (null for API tokens), and their district. */
export const SessionSchema = z.object({
  staff: StaffSummarySchema,
  csrfToken: z.string().nullable(),
  /** `timeZone` (IANA): the zone report periods and local dates are read in */
  district: z.object({ id: z.string().uuid(), slug: z.string(), name: z.string(), referencePrefix: z.string(), timeZone: z.string() }),
});
export type Session = z.infer<typeof SessionSchema>;

// Verifying against a district that does not exist still costs one Argon2 check, so timing reveals nothing.
const NO_DISTRICT = "00000000-0000-0000-0000-000000000000";
const REFUSED = "That district, email and password do not match an account";

/** Every attempt counts per client IP and per district + email, before the body is validated. */
const loginLimits = (deps: AppDeps) =>
  limitHook(deps, (req, limits) => {
    const b = (req.body ?? {}) as { district?: unknown; email?: unknown };
    const text = (v: unknown, max: number) => (typeof v === "string" ? v.trim().toLowerCase().slice(0, max) : "");
    return [rule("login-ip", limits.loginIp, req.ip), rule("login-account", limits.loginAccount, text(b.email, 254), text(b.district, 64) || "*")];
  });

async function presentSession(deps: AppDeps, auth: Pick<StaffAuth, "districtId" | "actor">, csrfToken: string | null): Promise<Session> {
  const ctx = districtCtx(deps, auth.districtId, auth.actor);
  const district = await getDistrict(ctx);
  const [row] = await ctx.db
    .select({ email: staff.email })
    .from(staff)
    .where(and(eq(staff.districtId, auth.districtId), eq(staff.id, auth.actor.staffId)));
  return {
    staff: {
      id: auth.actor.staffId,
      name: auth.actor.name,
      email: row?.email ?? "",
      role: auth.actor.role as Role,
      departmentIds: auth.actor.departmentIds,
    },
    csrfToken,
    district: { id: district.id, slug: district.slug, name: district.name, referencePrefix: district.referencePrefix, timeZone: district.timeZone },
  };
}

/** Sign-in with a district, email and password (a 14-day HttpOnly session cookie), sign-out, and who am I. */
export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.db;

  /**
   * Sign-in. A district + email (existing or not: the answers never tell) locked after repeated failures gets
   * 429 with Retry-After without checking the password; a failure counts towards the lock, a success clears it.
   */
  app.post(
    "/auth/login",
    { config: { audience: "public" }, preValidation: loginLimits(deps), schema: { body: LoginBodySchema, response: { 200: SessionSchema } } },
    async (req, reply) => {
      const key = loginKey(req.body.district, req.body.email);
      const lockedFor = await loginLockedFor(db, key, deps.now());
      if (lockedFor > 0) {
        req.log.info({ code: "login_locked", retryAfter: lockedFor }, "sign-in refused");
        throw rateLimited(reply, lockedFor, "Too many failed sign-ins. Wait and try again.");
      }
      // The slug lookup names the tenant (owner); the account and the new session are read and written as it.
      const district = await findDistrictBySlug(db, req.body.district);
      const tenant = tenantDb(deps.database, district?.id ?? NO_DISTRICT);
      const found = await verifyPassword(tenant, district?.id ?? NO_DISTRICT, req.body.email, req.body.password);
      const actor = district && found ? await actorForStaff(tenant, district.id, found.id) : undefined;
      if (!district || !found || !actor) {
        const failures = await recordLoginFailure(db, key, deps.now(), securityOf(deps).lockout);
        req.log.info({ code: "login_failed", failures }, "sign-in refused");
        throw new AppError("unauthenticated", REFUSED);
      }
      await clearLoginFailures(db, key);
      const session = await createSession(tenant, district.id, found.id, deps.now());
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      req.log.info({ staffId: found.id, districtId: district.id }, "staff signed in");
      return presentSession(deps, { districtId: district.id, actor }, session.csrfToken);
    },
  );

  app.post("/auth/logout", { config: { audience: "staff", ability: "session" } }, async (req, reply) => {
    const auth = staffOf(req);
    if (auth.session) await deleteSession(tenantDb(deps.database, auth.districtId), auth.session.token);
    clearSessionCookie(reply, deps);
    return reply.code(204).send();
  });

  app.get("/me", { config: { audience: "staff", ability: "session" }, schema: { response: { 200: SessionSchema } } }, async (req) => {
    const auth = staffOf(req);
    return presentSession(deps, auth, auth.session?.csrfToken ?? null);
  });
};
