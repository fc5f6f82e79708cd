import type { FastifyRequest } from "fastify";
import { IdempotencyKeySchema } from "../../../common/contract/inquiries.js";
import type { DistrictRow } from "../../domain/districts/index.js";
import { requestFingerprint, runIdempotent, type IdempotentResponse } from "../../domain/idempotency/index.js";
import type { Ctx } from "../../domain/shared/ctx.js";
import { randomToken, sha256 } from "../../lib/crypto.js";
import { AppError } from "../../lib/errors.js";
import type { IncomingFile } from "../../lib/attachments.js";
import type { QueuedJob } from "../../jobs/runner.js";
import { withPreparedStatements } from "../../db/prepared-statements.js";
import { inTransaction, type AppDeps } from "../context.js";
import { PUBLIC_ACTOR, reqLog } from "./request.js";

/** The hidden field of the topic form carrying the token its render was given. */
export const FORM_TOKEN_FIELD = "submission_token";
const FORM_TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

export type Idempotency = { key: string; fingerprint: string };

/** The API's `Idempotency-Key` header, if sent; a malformed one (or several) is a 400 problem. */
export function idempotencyKeyOf(req: FastifyRequest): string | undefined {
  const raw = req.headers["idempotency-key"];
  if (raw === undefined) return undefined;
  const parsed = IdempotencyKeySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new AppError("validation_failed", "The Idempotency-Key header must be 1 to 255 visible ASCII characters", {
    invalidParams: [{ name: "Idempotency-Key", reason: "must be 1 to 255 visible ASCII characters" }],
  });
}

/** A fresh token for one render of a topic form (128 random bits). */
export function newFormToken(): string {
  return randomToken(16);
}

/** The posted form token if it looks like one of ours; anything else is ignored (the post is then not deduplicated). */
export function formTokenOf(values: Record<string, string[]>): string | undefined {
  const v = Object.hasOwn(values, FORM_TOKEN_FIELD) ? values[FORM_TOKEN_FIELD]![0] : undefined;
  return v && FORM_TOKEN.test(v) ? v : undefined;
}

/**
 * The key of a form post: its render's token plus a digest of what was posted. A double-click or a browser
 * resubmit (identical post) maps to the stored one; a family that goes Back, edits and sends again has
 * written a new message, which gets a key (and protection) of its own instead of an error page.
 */
export function formIdempotency(token: string, topicId: string, values: Record<string, string[]>, files: IncomingFile[]): Idempotency {
  const posted = Object.fromEntries(Object.entries(values).filter(([k]) => k !== FORM_TOKEN_FIELD));
  const fingerprint = requestFingerprint({ form: topicId, posted, files: files.map((f) => [f.filename, f.contentType, sha256(f.data)]) });
  return { key: `form:${token}:${fingerprint.slice(0, 32)}`, fingerprint };
}

/**
 * One write transaction for a front-door submission: with an idempotency key, `create` runs at most once
 * per key and a repeat gets the stored response (`replayed`); without one it simply runs. The jobs the submission
 * queues (the acknowledgement's delivery, the intake follow-up) are inserted together at its end, in one statement
 * of the same transaction.
 */
export function storeOnce(
  deps: AppDeps,
  req: FastifyRequest,
  district: DistrictRow,
  opts: { status: number; idempotency: Idempotency | undefined },
  create: (ctx: Ctx) => Promise<Record<string, unknown>>,
): Promise<IdempotentResponse> {
  const { status, idempotency } = opts;
  // intake's statements are prepared by name (db/prepared-statements.ts)
  return withPreparedStatements(() => inTransaction(deps, district.id, PUBLIC_ACTOR, reqLog(req), async (txCtx) => {
    const queued: QueuedJob[] = [];
    const ctx: Ctx = { ...txCtx, enqueue: async (_db, job, payload, opts) => void queued.push({ job, payload, ...(opts ? { opts } : {}) }) };
    const stored = idempotency ? await runIdempotent(ctx, { ...idempotency, status }, () => create(ctx)) : { status, body: await create(ctx), replayed: false };
    await deps.jobs.enqueueAll(txCtx.db, queued);
    return stored;
  }));
}
