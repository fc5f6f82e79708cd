import { z } from "zod";
import { processRollups } from "../../domain/reports/index.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({}).passthrough();

/**
 * Every minute: the report rollups of the local days conversations changed on are recomputed (docs/METRICS.md
 * "Rollups"), newest first, for up to 50 seconds; what is left waits for the next run, and reports read those days
 * from the conversations meanwhile, so a late run makes reports slower, never wrong. A district's refresh holds its
 * advisory lock, so overlapping runs on several workers do not interleave.
 */
export const reportRollupsJob: JobDefinition<typeof Payload> = {
  id: "report-rollups",
  schema: Payload,
  retryLimit: 0,
  cron: "* * * * *",
  async handler(deps, _payload, job) {
    const days = await processRollups(deps.database.db);
    if (days) job.log.info({ days }, "report rollups refreshed");
  },
};
