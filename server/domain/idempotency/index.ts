import { and, eq, lt, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { idempotencyKeys } from "../../db/schema/index.js";
import { sha256 } from "../../lib/crypto.js";
import { AppError } from "../../lib/errors.js";
import type { Ctx } from "../shared/ctx.js";

/** How long a key protects against a retry; `expire-idempotency-keys` deletes older rows. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

export type IdempotentResponse = { status: number; body: Record<string, unknown>; replayed: boolean };

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = canonical((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** SHA-256 of a request's meaningful content as canonical JSON (object keys sorted), so key order never matters. */
export function requestFingerprint(value: unknown): string {
  return sha256(JSON.stringify(canonical(value)) ?? "null");
}

/**
 * Runs `create` at most once per (district, key): the first request claims the key and stores the response
 * in the caller's transaction; a repeat with the same fingerprint gets that response back (`replayed`), a
 * repeat with another fingerprint is `idempotency_key_reused` (422). A concurrent duplicate waits on the
 * primary key until the first transaction ends (INSERT … ON CONFLICT), then replays its committed response.
 * A key older than the TTL that the sweep has not deleted yet is taken over as new.
 */
export async function runIdempotent(
  ctx: Ctx,
  opts: { key: string; fingerprint: string; status: number },
  create: () => Promise<Record<string, unknown>>,
): Promise<IdempotentResponse> {
  const now = ctx.now();
  const expired = new Date(now.getTime() - IDEMPOTENCY_TTL_MS);
  const claimed = await ctx.db
    .insert(idempotencyKeys)
    .values({ districtId: ctx.districtId, key: opts.key, fingerprint: opts.fingerprint, createdAt: now })
    .onConflictDoUpdate({
      target: [idempotencyKeys.districtId, idempotencyKeys.key],
      set: { fingerprint: opts.fingerprint, createdAt: now, responseStatus: null, responseBody: null },
      setWhere: sql`${idempotencyKeys.createdAt} < ${expired.toISOString()}`,
    })
    .returning({ key: idempotencyKeys.key });
  if (claimed.length === 0) return replay(ctx, opts);
  const body = await create();
  await ctx.db
    .update(idempotencyKeys)
    .set({ responseStatus: opts.status, responseBody: body })
    .where(and(eq(idempotencyKeys.districtId, ctx.districtId), eq(idempotencyKeys.key, opts.key)));
  return { status: opts.status, body, replayed: false };
}

async function replay(ctx: Ctx, opts: { key: string; fingerprint: string }): Promise<IdempotentResponse> {
  const [row] = await ctx.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.districtId, ctx.districtId), eq(idempotencyKeys.key, opts.key)));
  // Gone between the two statements (the sweep) or not answered yet: the client may simply retry.
  if (!row || row.responseStatus === null || !row.responseBody) {
    throw new AppError("conflict", "A request with this Idempotency-Key is still being processed; retry shortly");
  }
  if (row.fingerprint !== opts.fingerprint) {
    throw new AppError("idempotency_key_reused", "This Idempotency-Key was already used with a different request");
  }
  return { status: row.responseStatus, body: row.responseBody, replayed: true };
}

/** Deletes keys past the TTL, in every district (the hourly sweep); returns how many. */
export async function deleteExpiredIdempotencyKeys(db: Db | Tx, now: Date): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_TTL_MS)))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}
