import { z } from "zod";
import { withPreparedStatements } from "../../db/prepared-statements.js";
import { inDistrict } from "../../db/tenant.js";
import { followUpIntake, INTAKE_FOLLOW_UP_JOB } from "../../domain/conversations/index.js";
import { jobCtx } from "../context.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({
  districtId: z.uuid(),
  conversationId: z.uuid(),
  assigneeId: z.uuid().nullable(),
  triage: z.object({ departmentId: z.uuid().nullable(), reason: z.string().nullable() }).nullable(),
});

/**
 * Right after a new conversation is acknowledged (queued in the transaction that stored it): the assignee's or the
 * supervisors' notification, then incident clustering. Idempotent (conversations/commands/intake-follow-up.ts).
 */
export const intakeFollowUpJob: JobDefinition<typeof Payload> = {
  id: INTAKE_FOLLOW_UP_JOB,
  schema: Payload,
  retryLimit: 5,
  retryDelaySeconds: 5,
  async handler(deps, payload, job) {
    // one per submission: its statements (lookups and writes by key) prepared by name (db/prepared-statements.ts)
    await withPreparedStatements(() =>
      inDistrict(deps.database.db, payload.districtId, (tx) => followUpIntake(jobCtx(deps, payload.districtId, tx, job.log, "routing"), payload)),
    );
  },
};
