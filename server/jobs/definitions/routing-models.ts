import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { conversations, districts, topics } from "../../db/schema/index.js";
import { inDistrict } from "../../db/tenant.js";
import { labelFor, learnReassignment, trainDistrictModel } from "../../domain/routing/index.js";
import { jobCtx } from "../context.js";
import type { JobDefinition } from "../registry.js";

const LearnPayload = z.object({ districtId: z.uuid(), conversationId: z.uuid(), fromDepartmentId: z.uuid().nullable() });

/** Staff moved a conversation to another department: learned routing learns where such a message belongs. */
export const learnRoutingJob: JobDefinition<typeof LearnPayload> = {
  id: "learn-routing",
  schema: LearnPayload,
  retryLimit: 2,
  async handler(deps, payload, job) {
    await inDistrict(deps.database.db, payload.districtId, async (tx) => {
      const ctx = jobCtx(deps, payload.districtId, tx, job.log, "routing-learn");
      const [row] = await tx
        .select({
          subject: conversations.subject,
          language: conversations.language,
          topicId: conversations.topicId,
          departmentId: conversations.departmentId,
          topicDepartment: topics.departmentId,
          body: sql<string | null>`(select m.body from messages m where m.district_id = ${conversations.districtId} and m.conversation_id = ${conversations.id} and m.direction = 'inbound' order by m.created_at limit 1)`,
        })
        .from(conversations)
        .leftJoin(topics, and(eq(topics.id, conversations.topicId), eq(topics.districtId, conversations.districtId)))
        .where(and(eq(conversations.districtId, payload.districtId), eq(conversations.id, payload.conversationId)));
      if (!row?.body || !row.departmentId) return;
      const to = labelFor(row, row.topicDepartment)!;
      const from = payload.fromDepartmentId ? labelFor({ topicId: row.topicId, departmentId: payload.fromDepartmentId }, row.topicDepartment) : null;
      const learned = await learnReassignment(ctx, { text: `${row.subject}\n${row.body}`, lang: row.language, from, to });
      job.log.info({ conversationId: payload.conversationId, learned }, "routing learned a reassignment");
    });
  },
};

const TrainPayload = z.object({ districtId: z.uuid().optional() });

/** Nightly (and on demand for one district): learned routing is retrained on each district's routed history. */
export const trainRoutingModelsJob: JobDefinition<typeof TrainPayload> = {
  id: "train-routing-models",
  schema: TrainPayload,
  retryLimit: 1,
  cron: "30 3 * * *",
  async handler(deps, payload, job) {
    const ids = payload.districtId ? [payload.districtId] : (await deps.database.db.select({ id: districts.id }).from(districts)).map((d) => d.id);
    for (const districtId of ids) {
      const result = await inDistrict(deps.database.db, districtId, (tx) => trainDistrictModel(jobCtx(deps, districtId, tx, job.log, "routing-train")));
      job.log.info({ districtId, examples: result?.examples ?? 0, labels: result?.labels ?? 0 }, result ? "routing model trained" : "routing history too short to train");
    }
  },
};
