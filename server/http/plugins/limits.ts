import type { FastifyReply, FastifyRequest } from "fastify";
import { DEFAULT_SECURITY, type RateLimit, type SecurityConfig } from "../../config/index.js";
import { hitLimits, type LimitRule } from "../../domain/limits/index.js";
import { withPreparedStatements } from "../../db/prepared-statements.js";
import { AppError } from "../../lib/errors.js";
import type { AppDeps } from "../context.js";

/** The security settings of this app (the defaults when the composition root passed none). */
export function securityOf(deps: AppDeps): SecurityConfig {
  return deps.security ?? DEFAULT_SECURITY;
}

/** A rule from a configured limit: `scope` is a district slug or `*` (across districts). */
export function rule(bucket: string, limit: RateLimit, key: string, scope = "*"): LimitRule {
  return { bucket, scope, key, max: limit.max, windowSeconds: limit.windowSeconds };
}

/** The error of a refused request: 429 problem+json (or the HTML page's own error page) with Retry-After. */
export function rateLimited(reply: FastifyReply, retryAfterSeconds: number, message = "Too many requests; try again later"): AppError {
  reply.header("Retry-After", String(retryAfterSeconds));
  return new AppError("rate_limited", message);
}

/** Counts the request against its rules (one upsert) and throws `rate_limited` when any is exceeded. */
export async function enforceLimits(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, rules: LimitRule[]): Promise<void> {
  // one upsert by key on every request: prepared by name (db/prepared-statements.ts), committed on the side pool
  // without waiting for the disk (db/client.ts, Database.side): a crash may forget a few hits, nothing else
  const verdict = await withPreparedStatements(() => hitLimits(deps.database.side ?? deps.database.db, rules, deps.now()));
  if (verdict.ok) return;
  req.log.info({ code: "rate_limited", bucket: verdict.bucket, retryAfter: verdict.retryAfterSeconds }, "rate limit reached");
  throw rateLimited(reply, verdict.retryAfterSeconds);
}

/**
 * A route hook (preValidation: bodies are parsed, multipart uploads not yet read) counting the request against
 * the rules `rulesOf` builds from the request and the configured limits.
 */
export function limitHook(deps: AppDeps, rulesOf: (req: FastifyRequest, limits: SecurityConfig["limits"]) => LimitRule[]) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<void> => {
    await enforceLimits(deps, req, reply, rulesOf(req, securityOf(deps).limits));
  };
}
