import type { FastifyRequest } from "fastify";
import type { Ctx } from "../../domain/shared/ctx.js";
import { notFound } from "../../lib/errors.js";
import { districtCtx, inTransaction, type AppDeps } from "../context.js";
import { requestLog, staffOf } from "../plugins/auth.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Read and write contexts of a signed-in staff request, both confined to the staff's district by row-level security:
 * reads on the district's tenant handle (each statement its own tenant transaction), each write in one transaction.
 */
export function staffContexts(deps: AppDeps) {
  return {
    read(req: FastifyRequest): Ctx {
      const auth = staffOf(req);
      return districtCtx(deps, auth.districtId, auth.actor, requestLog(req));
    },
    write<T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
      const auth = staffOf(req);
      return inTransaction(deps, auth.districtId, auth.actor, requestLog(req), fn);
    },
  };
}

/** A malformed id names nothing, so it answers like a missing or another district's one. */
export function idParam(params: { id: string }, what: string): string {
  if (!UUID.test(params.id)) throw notFound(what);
  return params.id;
}
