import { and, eq } from "drizzle-orm";
import { RoleSchema, type Role } from "../../../common/enums.js";
import { departments, staff, staffDepartments } from "../../db/schema/index.js";
import { createApiToken, createStaff } from "../../domain/staff/index.js";
import { configFrom, districtBySlug, withDatabase } from "../database.js";
import { CliError, parseFlags, required, UsageError, type CliIo } from "../io.js";

/** The service account a token acts as: one per role and district, never able to sign in with a password. */
export function serviceAccount(role: Role): { name: string; email: string } {
  return { name: `API (${role})`, email: `api-${role}@service.invalid` };
}

/** `frontoffice create-token`: prints only the token, so `TOKEN=$(frontoffice create-token …)` works. */
export async function createToken(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags("create-token", args, {
    district: { type: "string" },
    role: { type: "string" },
    department: { type: "string", multiple: true },
    name: { type: "string" },
  });
  const slug = required("create-token", flags, "district");
  const parsedRole = RoleSchema.safeParse(required("create-token", flags, "role"));
  if (!parsedRole.success) throw new UsageError(`--role must be one of ${RoleSchema.options.join(", ")}`, "create-token");
  const role = parsedRole.data;
  const wanted = Array.isArray(flags.department) ? flags.department.filter((d): d is string => typeof d === "string") : [];
  const tokenName = typeof flags.name === "string" && flags.name.trim() ? flags.name.trim() : "created with the CLI";

  const config = configFrom(io);
  const token = await withDatabase(config, (database) =>
    database.db.transaction(async (tx) => {
      const district = await districtBySlug(tx, slug);
      const deptRows = await tx.select().from(departments).where(eq(departments.districtId, district.id));
      const departmentIds = wanted.map((w) => {
        const d = deptRows.find((x) => x.slug === w);
        if (!d) throw new CliError(`No department "${w}" in ${district.slug} (there is: ${deptRows.map((x) => x.slug).join(", ")}).`);
        return d.id;
      });
      const account = serviceAccount(role);
      let [member] = await tx.select().from(staff).where(and(eq(staff.districtId, district.id), eq(staff.email, account.email)));
      if (!member) {
        member = await createStaff({ db: tx, districtId: district.id }, { ...account, role, isService: true, password: null, departmentIds });
      } else {
        if (!member.isService) throw new CliError(`${account.email} belongs to a person, not a service account; nothing was changed.`);
        await tx
          .update(staff)
          .set({ active: true, role })
          .where(and(eq(staff.districtId, district.id), eq(staff.id, member.id)));
        if (departmentIds.length > 0) {
          await tx
            .insert(staffDepartments)
            .values(departmentIds.map((departmentId) => ({ districtId: district.id, staffId: member!.id, departmentId })))
            .onConflictDoNothing();
        }
      }
      return createApiToken(tx, district.id, member.id, tokenName);
    }),
  );
  io.out(token);
  return 0;
}
