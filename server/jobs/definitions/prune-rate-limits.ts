import { z } from "zod";
import { pruneLimits } from "../../domain/limits/index.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({}).passthrough();

/** Hourly: rate-limit counters whose window has passed and sign-in failures old enough to be forgotten are deleted. */
export const pruneRateLimitsJob: JobDefinition<typeof Payload> = {
  id: "prune-rate-limits",
  schema: Payload,
  retryLimit: 0,
  cron: "17 * * * *",
  async handler(deps, _payload, job) {
    const now = (deps.now ?? (() => new Date()))();
    const pruned = await pruneLimits(deps.database.db, now);
    if (pruned.counters || pruned.failures) job.log.info(pruned, "rate limits pruned");
  },
};
