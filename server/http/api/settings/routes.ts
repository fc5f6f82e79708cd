import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AvailabilityBodySchema,
  AvailabilitySchema,
  DistrictSettingsBodySchema,
  DistrictSettingsSchema,
  SlaPolicyBodySchema,
  SlaPolicySchema,
  type SlaPolicy,
} from "../../../../common/contract/operations.js";
import { getDistrictSettings, listAvailability, updateAvailability, updateDistrictSettings } from "../../../domain/settings/index.js";
import { createSlaPolicy, deleteSlaPolicy, listSlaPolicies, updateSlaPolicy, type SlaPolicyRow } from "../../../domain/sla/index.js";
import { AppError } from "../../../lib/errors.js";
import type { AppDeps } from "../../context.js";
import { staffOf } from "../../plugins/auth.js";
import { idParam, staffContexts } from "../staff-context.js";

const IdParams = z.object({ id: z.string().max(100) });
const READ = { audience: "staff", ability: "settings.read" } as const;
const MANAGE = { audience: "staff", ability: "settings.manage" } as const;
const SESSION = { audience: "staff", ability: "session" } as const;

function presentPolicy(p: SlaPolicyRow): SlaPolicy {
  return {
    id: p.id,
    name: p.name,
    topicId: p.topicId,
    priority: p.priority as SlaPolicy["priority"],
    firstResponseMinutes: p.firstResponseMinutes,
    nextResponseMinutes: p.nextResponseMinutes,
    resolutionMinutes: p.resolutionMinutes,
    warnAtPercent: p.warnAtPercent,
    escalation: p.escalation,
    isDefault: p.isDefault,
  };
}

/** The district calendar, service standards, and people's availability. */
export const settingsRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { read, write } = staffContexts(deps);

  app.get("/settings/district", { config: READ, schema: { response: { 200: DistrictSettingsSchema } } }, async (req) => getDistrictSettings(read(req)));
  app.patch("/settings/district", { config: MANAGE, schema: { body: DistrictSettingsBodySchema, response: { 200: DistrictSettingsSchema } } }, async (req) =>
    write(req, (ctx) => updateDistrictSettings(ctx, req.body)),
  );

  app.get("/sla/policies", { config: READ, schema: { response: { 200: z.object({ items: z.array(SlaPolicySchema) }) } } }, async (req) => ({
    items: (await listSlaPolicies(read(req))).map(presentPolicy),
  }));
  app.post("/sla/policies", { config: MANAGE, schema: { body: SlaPolicyBodySchema, response: { 201: SlaPolicySchema } } }, async (req, reply) =>
    reply.code(201).send(presentPolicy(await write(req, (ctx) => createSlaPolicy(ctx, req.body)))),
  );
  app.put("/sla/policies/:id", { config: MANAGE, schema: { params: IdParams, body: SlaPolicyBodySchema, response: { 200: SlaPolicySchema } } }, async (req) =>
    presentPolicy(await write(req, (ctx) => updateSlaPolicy(ctx, idParam(req.params, "Service standard"), req.body))),
  );
  app.delete("/sla/policies/:id", { config: MANAGE, schema: { params: IdParams } }, async (req, reply) => {
    await write(req, (ctx) => deleteSlaPolicy(ctx, idParam(req.params, "Service standard")));
    return reply.code(204).send();
  });

  app.get("/staff/availability", { config: READ, schema: { response: { 200: z.object({ items: z.array(AvailabilitySchema) }) } } }, async (req) => ({
    items: await listAvailability(read(req)),
  }));
  // Supervisors set a colleague's out-of-office when they cannot (sick leave); admins anything.
  app.patch("/staff/:id/availability", { config: READ, schema: { params: IdParams, body: AvailabilityBodySchema, response: { 200: AvailabilitySchema } } }, async (req) => {
    const id = idParam(req.params, "Staff member");
    const auth = staffOf(req);
    if (auth.actor.role !== "admin" && (req.body.capacity !== undefined || req.body.workingHours !== undefined) && id !== auth.actor.staffId) {
      throw new AppError("forbidden", "Only admins change someone else's capacity or working hours");
    }
    return write(req, (ctx) => updateAvailability(ctx, id, req.body));
  });

  app.get("/me/availability", { config: SESSION, schema: { response: { 200: AvailabilitySchema } } }, async (req) => {
    const [mine] = await listAvailability(read(req), [staffOf(req).actor.staffId]);
    return mine!;
  });
  app.patch("/me/availability", { config: SESSION, schema: { body: AvailabilityBodySchema, response: { 200: AvailabilitySchema } } }, async (req) =>
    write(req, (ctx) => updateAvailability(ctx, staffOf(req).actor.staffId, req.body)),
  );
};
