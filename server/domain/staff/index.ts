import { hash, verify } from "@node-rs/argon2";
import { and, eq, gt } from "drizzle-orm";
import type { Role } from "../../../common/enums.js";
import type { Db, Tx } from "../../db/client.js";
import { apiTokens, districts, sessions, staff, staffDepartments, type StaffRow } from "../../db/schema/index.js";
import { randomToken, sha256 } from "../../lib/crypto.js";
import type { Actor, Ctx } from "../shared/ctx.js";

export type { StaffRow };
export type StaffActor = Extract<Actor, { kind: "staff" }>;

const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const; // OWASP's Argon2id baseline
const SESSION_DAYS = 14;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export type NewStaff = { email: string; name: string; role: Role; password?: string | null; departmentIds?: string[]; isService?: boolean };

/** Adds a staff member with department memberships; the password is stored as an Argon2id hash. */
export async function createStaff(ctx: Pick<Ctx, "db" | "districtId">, input: NewStaff): Promise<StaffRow> {
  const [row] = await ctx.db
    .insert(staff)
    .values({
      districtId: ctx.districtId,
      email: input.email.trim().toLowerCase(),
      name: input.name,
      role: input.role,
      passwordHash: input.password ? await hashPassword(input.password) : null,
      isService: input.isService ?? false,
    })
    .returning();
  if (input.departmentIds?.length) {
    await ctx.db
      .insert(staffDepartments)
      .values(input.departmentIds.map((departmentId) => ({ districtId: ctx.districtId, staffId: row!.id, departmentId })));
  }
  return row!;
}

/** Builds the actor for a staff member of the district (role + department memberships); inactive staff get none. */
export async function actorForStaff(db: Db | Tx, districtId: string, staffId: string): Promise<StaffActor | undefined> {
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.districtId, districtId), eq(staff.id, staffId), eq(staff.active, true)));
  if (!row) return undefined;
  const deps = await db
    .select({ id: staffDepartments.departmentId })
    .from(staffDepartments)
    .where(and(eq(staffDepartments.districtId, districtId), eq(staffDepartments.staffId, staffId)));
  return { kind: "staff", staffId: row.id, role: row.role as Role, departmentIds: deps.map((d) => d.id), name: row.name };
}

/** Checks an email and password against one district's staff; the same answer whether the email exists or not. */
export async function verifyPassword(db: Db | Tx, districtId: string, email: string, password: string): Promise<StaffRow | undefined> {
  const [row] = await db
    .select()
    .from(staff)
    .where(and(eq(staff.districtId, districtId), eq(staff.email, email.trim().toLowerCase()), eq(staff.active, true)));
  // Verify against a dummy hash when the account is missing so timing does not reveal which emails exist.
  const ok = await verify(row?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
  return row?.passwordHash && ok ? row : undefined;
}
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$R8+/YF+8RqKti0AlQYKzdA$1qKt0rG/0+f74XZe6By8DAkN7euve9IxNBO0aMoTcIM";

export type SessionInfo = { districtId: string; staffId: string; csrfToken: string };

export async function createSession(db: Db | Tx, districtId: string, staffId: string, now: Date): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
  const token = randomToken();
  const csrfToken = randomToken(18);
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({ districtId, staffId, tokenHash: sha256(token), csrfToken, expiresAt, createdAt: now });
  return { token, csrfToken, expiresAt };
}

export async function findSession(db: Db | Tx, token: string, now: Date): Promise<SessionInfo | undefined> {
  const [row] = await db
    .select({ districtId: sessions.districtId, staffId: sessions.staffId, csrfToken: sessions.csrfToken })
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, now)));
  return row;
}

export async function deleteSession(db: Db | Tx, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

/** A bearer token for the staff API, acting as the given staff member. Only its hash is stored. */
export async function createApiToken(db: Db | Tx, districtId: string, staffId: string, name: string): Promise<string> {
  const token = `fo_${randomToken()}`;
  await db.insert(apiTokens).values({ districtId, staffId, tokenHash: sha256(token), name });
  return token;
}

export async function findApiToken(db: Db | Tx, token: string): Promise<{ districtId: string; staffId: string } | undefined> {
  if (!/^fo_[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await db
    .select({ districtId: apiTokens.districtId, staffId: apiTokens.staffId })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, sha256(token)));
  return row;
}

export async function findDistrictIdBySlug(db: Db | Tx, slug: string): Promise<string | undefined> {
  const [row] = await db.select({ id: districts.id }).from(districts).where(eq(districts.slug, slug));
  return row?.id;
}
