import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AlertCategoryBodySchema,
  AlertCategorySchema,
  AlertCategoryUpdateSchema,
  AlertListSchema,
  AlertSchema,
  DowngradeBodySchema,
  type AlertCategory,
} from "../../../../common/contract/operations.js";
import { createAlertCategory, listAlertCategories, updateAlertCategory, type AlertCategoryWithResponders } from "../../../domain/alerts/index.js";
import { acknowledgeAlert, downgradeAlert, getAlert, listAlerts } from "../../../domain/conversations/index.js";
import type { AppDeps } from "../../context.js";
import { idParam, staffContexts } from "../staff-context.js";

const IdParams = z.object({ id: z.string().max(100) });
const VIEW = { audience: "staff", ability: "conversation.view" } as const;
const RESPOND = { audience: "staff", ability: "alert.respond" } as const;

const presentCategory = (c: AlertCategoryWithResponders): AlertCategory => ({
  id: c.id,
  key: c.key,
  name: c.name,
  builtIn: c.builtIn,
  phrases: c.phrases,
  severity: c.severity as AlertCategory["severity"],
  enabled: c.enabled,
  responderIds: c.responderIds,
});

/** Critical alerts: the active list (the banner), acknowledge, downgrade with a reason; categories and responders. */
export const alertRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { read, write } = staffContexts(deps);

  app.get(
    "/alerts",
    { config: VIEW, schema: { querystring: z.object({ status: z.enum(["active", "acknowledged", "downgraded", "all"]).default("active") }), response: { 200: AlertListSchema } } },
    async (req) => ({ items: await listAlerts(read(req), req.query.status) }),
  );

  app.post("/alerts/:id/acknowledge", { config: RESPOND, schema: { params: IdParams, response: { 200: AlertSchema } } }, async (req) =>
    write(req, async (ctx) => getAlert(ctx, (await acknowledgeAlert(ctx, idParam(req.params, "Alert"))).id)),
  );

  app.post("/alerts/:id/downgrade", { config: RESPOND, schema: { params: IdParams, body: DowngradeBodySchema, response: { 200: AlertSchema } } }, async (req) =>
    write(req, async (ctx) => getAlert(ctx, (await downgradeAlert(ctx, idParam(req.params, "Alert"), req.body.reason)).id)),
  );

  app.get(
    "/alerts/categories",
    { config: { audience: "staff", ability: "settings.read" }, schema: { response: { 200: z.object({ items: z.array(AlertCategorySchema) }) } } },
    async (req) => write(req, async (ctx) => ({ items: (await listAlertCategories(ctx)).map(presentCategory) })),
  );

  app.post(
    "/alerts/categories",
    { config: { audience: "staff", ability: "settings.manage" }, schema: { body: AlertCategoryBodySchema, response: { 201: AlertCategorySchema } } },
    async (req, reply) => reply.code(201).send(presentCategory(await write(req, (ctx) => createAlertCategory(ctx, req.body)))),
  );

  app.patch(
    "/alerts/categories/:id",
    { config: { audience: "staff", ability: "settings.manage" }, schema: { params: IdParams, body: AlertCategoryUpdateSchema, response: { 200: AlertCategorySchema } } },
    async (req) => presentCategory(await write(req, (ctx) => updateAlertCategory(ctx, idParam(req.params, "Alert category"), req.body))),
  );
};
