import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { conversations } from "../../db/schema/index.js";
import { inDistrict } from "../../db/tenant.js";
import { applyDueTransitions, dueForCheck } from "../../domain/sla/index.js";
import { jobCtx } from "../context.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({}).passthrough();

/**
 * Every minute: conversations whose next service-standard instant has come get their warning or breach recorded
 * (once each), with notifications and escalation, one transaction per conversation with the row locked. pg-boss
 * runs a cron job once across all processes; the once-only record makes a rerun harmless anyway.
 */
export const slaSweepJob: JobDefinition<typeof Payload> = {
  id: "sla-sweep",
  schema: Payload,
  retryLimit: 0,
  cron: "* * * * *",
  async handler(deps, _payload, job) {
    const now = (deps.now ?? (() => new Date()))();
    let warnings = 0;
    let breaches = 0;
    for (let round = 0; round < 50; round++) {
      const due = await dueForCheck(deps.database.db, now, 200);
      if (due.length === 0) break;
      for (const d of due) {
        await inDistrict(deps.database.db, d.districtId, async (tx) => {
          const ctx = jobCtx(deps, d.districtId, tx, job.log, "sla");
          const [row] = await tx
            .select()
            .from(conversations)
            .where(and(eq(conversations.districtId, d.districtId), eq(conversations.id, d.id)))
            .for("update");
          if (!row) return;
          const r = await applyDueTransitions(ctx, row);
          warnings += r.warnings;
          breaches += r.breaches;
        });
      }
      if (due.length < 200) break;
    }
    if (warnings || breaches) job.log.info({ warnings, breaches }, "service standards checked");
  },
};
