import { and, eq, lt, or, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { loginFailures, rateLimits } from "../../db/schema/index.js";
import { sha256 } from "../../lib/crypto.js";
import { storableText } from "../../lib/text.js";

/** One counter to bump: `scope` is a district slug or `*`; `key` is hashed before it is stored. */
export type LimitRule = { scope: string; bucket: string; key: string; max: number; windowSeconds: number };

export type LimitVerdict = { ok: true } | { ok: false; bucket: string; retryAfterSeconds: number };

const keyHash = (scope: string, bucket: string, key: string) => sha256(`${scope}\u0000${bucket}\u0000${key}`).slice(0, 32);

/**
 * Counts one request against every rule in a single atomic upsert (fixed windows, shared by all processes through
 * the database) and answers the first rule now over its limit, with the seconds until its window ends. Rules with
 * `max` 0 are off.
 */
export async function hitLimits(db: Db | Tx, rules: LimitRule[], now: Date): Promise<LimitVerdict> {
  const seen = new Set<string>();
  const rows = [];
  for (const given of rules) {
    if (given.max <= 0) continue;
    // The scope comes from the URL (a district slug, maybe an attacker's): stored as text, so it must be storable.
    const r = { ...given, scope: storableText(given.scope).slice(0, 100) };
    const windowMs = r.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const hash = keyHash(r.scope, r.bucket, r.key);
    // One statement may not update the same row twice.
    if (seen.has(`${r.scope}/${r.bucket}/${hash}`)) continue;
    seen.add(`${r.scope}/${r.bucket}/${hash}`);
    rows.push({ rule: r, values: { scope: r.scope, bucket: r.bucket, keyHash: hash, windowStart, hits: 1, expiresAt: new Date(windowStart.getTime() + windowMs) } });
  }
  if (rows.length === 0) return { ok: true };
  const counted = await db
    .insert(rateLimits)
    .values(rows.map((r) => r.values))
    .onConflictDoUpdate({
      target: [rateLimits.scope, rateLimits.bucket, rateLimits.keyHash, rateLimits.windowStart],
      set: { hits: sql`${rateLimits.hits} + 1` },
    })
    .returning({ scope: rateLimits.scope, bucket: rateLimits.bucket, keyHash: rateLimits.keyHash, hits: rateLimits.hits, expiresAt: rateLimits.expiresAt });
  for (const { rule, values } of rows) {
    const c = counted.find((x) => x.scope === values.scope && x.bucket === values.bucket && x.keyHash === values.keyHash);
    if (c && c.hits > rule.max) {
      return { ok: false, bucket: rule.bucket, retryAfterSeconds: Math.max(1, Math.ceil((c.expiresAt.getTime() - now.getTime()) / 1000)) };
    }
  }
  return { ok: true };
}

export type LockoutPolicy = { threshold: number; baseSeconds: number; maxSeconds: number; resetAfterSeconds: number };

/** The lockout key of a sign-in: district slug and email, normalised and hashed (unknown accounts get one too). */
export function loginKey(districtSlug: string, email: string): string {
  return sha256(`login\u0000${districtSlug.trim().toLowerCase()}\u0000${email.trim().toLowerCase()}`);
}

/** Seconds until this sign-in key may try again (0 = not locked). */
export async function loginLockedFor(db: Db | Tx, key: string, now: Date): Promise<number> {
  const [row] = await db.select({ lockedUntil: loginFailures.lockedUntil }).from(loginFailures).where(eq(loginFailures.keyHash, key));
  const until = row?.lockedUntil?.getTime() ?? 0;
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : 0;
}

/**
 * Records a failed sign-in atomically. From the `threshold`-th consecutive failure on, the key is locked for
 * `baseSeconds`·2^(failures − threshold), at most `maxSeconds`; failures older than `resetAfterSeconds` are forgotten.
 * Returns the failures counted so far.
 */
export async function recordLoginFailure(db: Db | Tx, key: string, now: Date, policy: LockoutPolicy): Promise<number> {
  const at = now.toISOString();
  const stale = new Date(now.getTime() - policy.resetAfterSeconds * 1000).toISOString();
  const failures = sql`(case when ${loginFailures.lastFailureAt} < ${stale}::timestamptz then 1 else ${loginFailures.failures} + 1 end)`;
  const lockFor = (f: ReturnType<typeof sql> | number) =>
    sql`(case when ${f} >= ${policy.threshold} then ${at}::timestamptz + make_interval(secs => least(${policy.maxSeconds}::float8, ${policy.baseSeconds}::float8 * power(2::float8, least(${f} - ${policy.threshold}, 40)))) else null end)`;
  const [row] = await db
    .insert(loginFailures)
    .values({ keyHash: key, failures: 1, lockedUntil: policy.threshold <= 1 ? new Date(now.getTime() + policy.baseSeconds * 1000) : null, lastFailureAt: now })
    .onConflictDoUpdate({ target: loginFailures.keyHash, set: { failures, lockedUntil: lockFor(failures), lastFailureAt: now } })
    .returning({ failures: loginFailures.failures });
  return row?.failures ?? 1;
}

/** A successful sign-in forgets the key's failures. */
export async function clearLoginFailures(db: Db | Tx, key: string): Promise<void> {
  await db.delete(loginFailures).where(eq(loginFailures.keyHash, key));
}

/** Deletes counters whose window has passed and failures nobody will count any more (a day: the lockout's reset). */
export async function pruneLimits(db: Db | Tx, now: Date, resetAfterSeconds = 86_400): Promise<{ counters: number; failures: number }> {
  const stale = new Date(now.getTime() - resetAfterSeconds * 1000);
  const counters = await db.delete(rateLimits).where(lt(rateLimits.expiresAt, now)).returning({ k: rateLimits.keyHash });
  const failures = await db
    .delete(loginFailures)
    .where(and(lt(loginFailures.lastFailureAt, stale), or(isNull(loginFailures.lockedUntil), lt(loginFailures.lockedUntil, now))))
    .returning({ k: loginFailures.keyHash });
  return { counters: counters.length, failures: failures.length };
}
