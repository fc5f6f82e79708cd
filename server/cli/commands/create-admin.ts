import { and, eq } from "drizzle-orm";
import { normalizeEmail } from "../../../common/utils/contact-address.js";
import { sessions, staff } from "../../db/schema/index.js";
import { createStaff, hashPassword } from "../../domain/staff/index.js";
import { configFrom, districtBySlug, withDatabase } from "../database.js";
import { parseFlags, required, UsageError, type CliIo } from "../io.js";

const MIN_PASSWORD = 12;

/**
 * `frontoffice create-admin`: a new admin of the district, or, for someone who already has an account,
 * a new password and the admin role (their open sessions are signed out).
 */
export async function createAdmin(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags("create-admin", args, {
    district: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    name: { type: "string" },
  });
  const slug = required("create-admin", flags, "district");
  const email = normalizeEmail(required("create-admin", flags, "email"));
  if (!email) throw new UsageError("--email must be an email address", "create-admin");
  const password = typeof flags.password === "string" ? flags.password : "";
  if (password.length < MIN_PASSWORD) throw new UsageError(`--password must be at least ${MIN_PASSWORD} characters`, "create-admin");
  const name = typeof flags.name === "string" && flags.name.trim() ? flags.name.trim() : email.split("@")[0]!;

  const config = configFrom(io);
  const outcome = await withDatabase(config, (database) =>
    database.db.transaction(async (tx) => {
      const district = await districtBySlug(tx, slug);
      const [existing] = await tx.select().from(staff).where(and(eq(staff.districtId, district.id), eq(staff.email, email)));
      if (!existing) {
        await createStaff({ db: tx, districtId: district.id }, { email, name, role: "admin", password });
        return `Created ${email} as an admin of ${district.name} (${district.slug}).`;
      }
      await tx
        .update(staff)
        .set({ passwordHash: await hashPassword(password), role: "admin", active: true, isService: false })
        .where(and(eq(staff.districtId, district.id), eq(staff.id, existing.id)));
      await tx.delete(sessions).where(and(eq(sessions.districtId, district.id), eq(sessions.staffId, existing.id)));
      return `Reset the password of ${email} and made them an admin of ${district.name} (${district.slug}); their open sessions were signed out.`;
    }),
  );
  io.out(outcome);
  return 0;
}
