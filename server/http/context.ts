import type { SecurityConfig } from "../config/index.js";
import type { Database, Tx } from "../db/client.js";
import { inDistrict, tenantDb } from "../db/tenant.js";
import { separateNumberSource } from "../domain/districts/index.js";
import type { Actor, Ctx } from "../domain/shared/ctx.js";
import type { JobRunner } from "../jobs/runner.js";
import type { Logger } from "../lib/logger.js";

/** Everything the HTTP edge needs, built once by the composition root (or a test). */
export type AppDeps = {
  database: Database;
  jobs: JobRunner;
  log: Logger;
  now: () => Date;
  publicUrl: string;
  devOutbox: boolean;
  /** Proxy trust, rate limits and sign-in lockout; DEFAULT_SECURITY when absent. */
  security?: SecurityConfig;
};

/** Builds a command context on a given handle (a tenant transaction, or a tenant handle for reads). */
export function buildCtx(deps: AppDeps, db: Tx, districtId: string, actor: Actor, log: Logger = deps.log): Ctx {
  return { db, districtId, actor, now: deps.now, log, enqueue: deps.jobs.enqueue, app: { publicUrl: deps.publicUrl, numbers: separateNumberSource(deps.database) } };
}

/**
 * A context for work on a district's behalf outside a transaction (a request's reads): its handle runs every
 * statement as the tenant role with the district set (db/tenant.ts `tenantDb`), so row-level security confines reads
 * as it does writes.
 */
export function districtCtx(deps: AppDeps, districtId: string, actor: Actor, log: Logger = deps.log): Ctx {
  return buildCtx(deps, tenantDb(deps.database, districtId), districtId, actor, log);
}

/** The edge owns the transaction: one per write request, handed to commands as ctx.db. */
export function inTransaction<T>(
  deps: AppDeps,
  districtId: string,
  actor: Actor,
  log: Logger,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  return inDistrict(deps.database.db, districtId, (tx) => fn(buildCtx(deps, tx, districtId, actor, log)));
}
