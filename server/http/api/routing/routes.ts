import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { RoutingModelSchema } from "../../../../common/contract/operations.js";
import {
  RoutingRuleInputSchema,
  RoutingRuleSchema,
  TryRoutingRequestSchema,
  TryRoutingResponseSchema,
  type TryRoutingResponse,
} from "../../../../common/contract/routing.js";
import { detectForDistrict } from "../../../domain/alerts/index.js";
import {
  createRule,
  decideRouting,
  deleteRule,
  listRules,
  moveRule,
  routingModelStatus,
  trainDistrictModel,
  updateRule,
} from "../../../domain/routing/index.js";
import { listDepartmentRouting, updateDepartmentRouting } from "../../../domain/settings/index.js";
import { DepartmentRoutingBodySchema, DepartmentRoutingSchema } from "../../../../common/contract/operations.js";
import type { AppDeps } from "../../context.js";
import { idParam, staffContexts } from "../staff-context.js";

const IdParams = z.object({ id: z.string().max(100) });
const RuleList = z.object({ items: z.array(RoutingRuleSchema) });
const READ = { audience: "staff", ability: "settings.read" } as const;
const MANAGE = { audience: "staff", ability: "settings.manage" } as const;

/** Routing rules, "try a message", department assignment policies, and the learned-routing model. */
export const routingRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { read, write } = staffContexts(deps);

  app.get("/routing/rules", { config: READ, schema: { response: { 200: RuleList } } }, async (req) => ({ items: await listRules(read(req)) }));

  app.post("/routing/rules", { config: MANAGE, schema: { body: RoutingRuleInputSchema, response: { 201: RoutingRuleSchema } } }, async (req, reply) =>
    reply.code(201).send(await write(req, (ctx) => createRule(ctx, req.body))),
  );

  app.put("/routing/rules/:id", { config: MANAGE, schema: { params: IdParams, body: RoutingRuleInputSchema, response: { 200: RoutingRuleSchema } } }, async (req) =>
    write(req, (ctx) => updateRule(ctx, idParam(req.params, "Routing rule"), req.body)),
  );

  app.delete("/routing/rules/:id", { config: MANAGE, schema: { params: IdParams } }, async (req, reply) => {
    await write(req, (ctx) => deleteRule(ctx, idParam(req.params, "Routing rule")));
    return reply.code(204).send();
  });

  app.post(
    "/routing/rules/:id/move",
    { config: MANAGE, schema: { params: IdParams, body: z.object({ position: z.number().int().min(1).max(10_000) }), response: { 200: RuleList } } },
    async (req) => ({ items: await write(req, (ctx) => moveRule(ctx, idParam(req.params, "Routing rule"), req.body.position)) }),
  );

  // Nothing is stored: deciding only reads (the round-robin cursor and assignments are written by intake, not here).
  app.post("/routing/try", { config: READ, schema: { body: TryRoutingRequestSchema, response: { 200: TryRoutingResponseSchema } } }, async (req) => {
    const b = req.body;
    const ctx = read(req);
    const alerts = await detectForDistrict(ctx, `${b.subject ?? ""}\n${b.text}`, b.language);
    const decision = await decideRouting(ctx, {
      topicId: b.topicId ?? null,
      schoolId: b.schoolId ?? null,
      channel: b.channel ?? (b.topicId ? "web_form" : "email"),
      language: b.language ?? "en",
      requesterRole: b.requesterRole ?? "parent",
      kind: b.kind ?? "question",
      priority: alerts.some((a) => a.severity === "critical") ? "critical" : alerts.length ? "high" : "normal",
      fields: b.fields ?? {},
      subject: b.subject ?? "",
      text: b.text,
      tags: [],
      alertCategories: alerts.map((a) => a.category),
    });
    const out: TryRoutingResponse = {
      departmentId: decision.departmentId,
      assigneeId: decision.assigneeId,
      priority: decision.priority,
      tags: decision.tags,
      watchers: decision.watchers,
      slaPolicyId: decision.slaPolicyId,
      triage: decision.triage,
      alerts: alerts.map((a) => ({ category: a.category, severity: a.severity })),
      explanation: decision.explanation,
    };
    return out;
  });

  app.get("/routing/model", { config: READ, schema: { response: { 200: RoutingModelSchema } } }, async (req) => routingModelStatus(read(req)));

  app.post("/routing/model/train", { config: MANAGE, schema: { response: { 200: RoutingModelSchema } } }, async (req) =>
    write(req, async (ctx) => {
      await trainDistrictModel(ctx);
      return routingModelStatus(ctx);
    }),
  );

  app.get("/routing/departments", { config: READ, schema: { response: { 200: z.object({ items: z.array(DepartmentRoutingSchema) }) } } }, async (req) => ({
    items: await listDepartmentRouting(read(req)),
  }));

  app.patch(
    "/routing/departments/:id",
    { config: MANAGE, schema: { params: IdParams, body: DepartmentRoutingBodySchema, response: { 200: DepartmentRoutingSchema } } },
    async (req) => write(req, (ctx) => updateDepartmentRouting(ctx, idParam(req.params, "Department"), req.body)),
  );
};
