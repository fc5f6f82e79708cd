import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { LocalizedTextSchema } from "../../../../common/contract/forms.js";
import { RoleSchema, type Role } from "../../../../common/enums.js";
import { staff, staffDepartments } from "../../../db/schema/index.js";
import { listCategories, listDepartments, listSchools, listTopics } from "../../../domain/districts/index.js";
import type { Ctx } from "../../../domain/shared/ctx.js";
import { districtCtx, type AppDeps } from "../../context.js";
import { requestLog, staffOf } from "../../plugins/auth.js";

const Uuid = z.string().uuid();

/** What the inbox filters and pickers need: the district's departments, topics, categories, schools and assignable staff. */
export const MetaSchema = z.object({
  departments: z.array(z.object({ id: Uuid, name: z.string() })),
  topics: z.array(z.object({ id: Uuid, slug: z.string(), name: LocalizedTextSchema, departmentId: Uuid.nullable(), categoryId: Uuid.nullable() })),
  categories: z.array(z.object({ id: Uuid, slug: z.string(), name: LocalizedTextSchema })),
  schools: z.array(z.object({ id: Uuid, name: z.string() })),
  staff: z.array(z.object({ id: Uuid, name: z.string(), role: RoleSchema, departmentIds: z.array(Uuid) })),
});
export type Meta = z.infer<typeof MetaSchema>;

/** Active staff who can take conversations: not viewers, not service accounts. */
async function listAssignableStaff(ctx: Ctx): Promise<Meta["staff"]> {
  const rows = await ctx.db
    .select({ id: staff.id, name: staff.name, role: staff.role })
    .from(staff)
    .where(and(eq(staff.districtId, ctx.districtId), eq(staff.active, true), eq(staff.isService, false), ne(staff.role, "viewer")))
    .orderBy(asc(staff.name));
  const ids = rows.map((r) => r.id);
  const memberships = ids.length
    ? await ctx.db
        .select({ staffId: staffDepartments.staffId, departmentId: staffDepartments.departmentId })
        .from(staffDepartments)
        .where(and(eq(staffDepartments.districtId, ctx.districtId), inArray(staffDepartments.staffId, ids)))
    : [];
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role as Role,
    departmentIds: memberships.filter((m) => m.staffId === r.id).map((m) => m.departmentId),
  }));
}

export const metaRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  app.get("/meta", { config: { audience: "staff", ability: "meta.read" }, schema: { response: { 200: MetaSchema } } }, async (req) => {
    const auth = staffOf(req);
    const ctx = districtCtx(deps, auth.districtId, auth.actor, requestLog(req));
    // Private and retired topics stay listed: staff still filter and reclassify their conversations.
    const topics = await listTopics(ctx, { includePrivate: true, includeInactive: true });
    return {
      departments: (await listDepartments(ctx)).map((d) => ({ id: d.id, name: d.name })),
      topics: topics.map((t) => ({ id: t.id, slug: t.slug, name: t.name, departmentId: t.departmentId, categoryId: t.categoryId })),
      categories: (await listCategories(ctx)).map((c) => ({ id: c.id, slug: c.slug, name: c.name })),
      schools: (await listSchools(ctx)).map((s) => ({ id: s.id, name: s.name })),
      staff: await listAssignableStaff(ctx),
    };
  });
};
