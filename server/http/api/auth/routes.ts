import { and, eq } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { StaffSummarySchema } from "../../../../common/contract/conversations.js";
import type { Role } from "../../../../common/enums.js";
import { staff } from "../../../db/schema/index.js";
import { findDistrictBySlug, getDistrict } from "../../../domain/districts/index.js";
import { actorForStaff, createSession, deleteSession, verifyPassword } from "../../../domain/staff/index.js";
import { AppError } from "../../../lib/errors.js";
import { buildCtx, type AppDeps } from "../../context.js";
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
  district: z.object({ id: z.string().uuid(), slug: z.string(), name: z.string(), referencePrefix: z.string() }),
});
export type Session = z.infer<typeof SessionSchema>;

// Verifying against a district that does not exist still costs one Argon2 check, so timing reveals nothing.
const NO_DISTRICT = "00000000-0000-0000-0000-000000000000";

async function presentSession(deps: AppDeps, auth: Pick<StaffAuth, "districtId" | "actor">, csrfToken: string | null): Promise<Session> {
  const ctx = buildCtx(deps, deps.database.db, auth.districtId, auth.actor);
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
    district: { id: district.id, slug: district.slug, name: district.name, referencePrefix: district.referencePrefix },
  };
}

/** Sign-in with a district, email and password (a 14-day HttpOnly session cookie), sign-out, and who am I. */
export const authRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const db = deps.database.db;

  app.post(
    "/auth/login",
    { config: { audience: "public" }, schema: { body: LoginBodySchema, response: { 200: SessionSchema } } },
    async (req, reply) => {
      const district = await findDistrictBySlug(db, req.body.district);
      const found = await verifyPassword(db, district?.id ?? NO_DISTRICT, req.body.email, req.body.password);
      if (!district || !found) {
        req.log.info({ code: "login_failed" }, "sign-in refused");
        throw new AppError("unauthenticated", "That district, email and password do not match an account");
      }
      const actor = await actorForStaff(db, district.id, found.id);
      if (!actor) throw new AppError("unauthenticated", "That district, email and password do not match an account");
      const session = await createSession(db, district.id, found.id, deps.now());
      setSessionCookie(reply, deps, session.token, session.expiresAt);
      req.log.info({ staffId: found.id, districtId: district.id }, "staff signed in");
      return presentSession(deps, { districtId: district.id, actor }, session.csrfToken);
    },
  );

  app.post("/auth/logout", { config: { audience: "staff", ability: "session" } }, async (req, reply) => {
    const auth = staffOf(req);
    if (auth.session) await deleteSession(db, auth.session.token);
    clearSessionCookie(reply, deps);
    return reply.code(204).send();
  });

  app.get("/me", { config: { audience: "staff", ability: "session" }, schema: { response: { 200: SessionSchema } } }, async (req) => {
    const auth = staffOf(req);
    return presentSession(deps, auth, auth.session?.csrfToken ?? null);
  });
};
