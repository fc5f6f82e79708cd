import { z } from "zod";
import { deleteExpiredIdempotencyKeys } from "../../domain/idempotency/index.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({}).passthrough();

/** Hourly: idempotency keys older than 24 hours are deleted (a retry after that creates a new conversation). */
export const expireIdempotencyKeysJob: JobDefinition<typeof Payload> = {
  id: "expire-idempotency-keys",
  schema: Payload,
  retryLimit: 0,
  cron: "23 * * * *",
  async handler(deps, _payload, job) {
    const deleted = await deleteExpiredIdempotencyKeys(deps.database.db, (deps.now ?? (() => new Date()))());
    if (deleted > 0) job.log.info({ deleted }, "expired idempotency keys deleted");
  },
};
