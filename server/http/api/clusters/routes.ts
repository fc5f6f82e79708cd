import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { ConversationSummarySchema, ConversationAbilitiesSchema } from "../../../../common/contract/conversations.js";
import { ClusterListSchema, ClusterReplyBodySchema, ClusterReplyResultSchema, ClusterSchema, type Cluster } from "../../../../common/contract/operations.js";
import { listClusters, type ClusterSummary } from "../../../domain/clusters/index.js";
import { listConversations, replyToCluster, resolveCluster, visibleTo } from "../../../domain/conversations/index.js";
import { notFound } from "../../../lib/errors.js";
import type { AppDeps } from "../../context.js";
import { idParam, staffContexts } from "../staff-context.js";

const IdParams = z.object({ id: z.string().max(100) });
const ClusterDetailSchema = ClusterSchema.extend({ conversations: z.array(ConversationSummarySchema.extend({ abilities: ConversationAbilitiesSchema })) });

const present = (c: ClusterSummary): Cluster => ({
  id: c.id,
  title: c.title,
  status: c.status as Cluster["status"],
  topicId: c.topicId,
  departmentId: c.departmentId,
  total: c.total,
  open: c.open,
  languages: c.languages,
  firstAt: c.firstAt.toISOString(),
  lastAt: c.lastAt.toISOString(),
});

/** Incident clusters: many families, one matter; answered individually with one reply, resolved together. */
export const clusterRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { read, write } = staffContexts(deps);

  app.get(
    "/clusters",
    { config: { audience: "staff", ability: "conversation.view" }, schema: { querystring: z.object({ status: z.enum(["open", "resolved"]).optional() }), response: { 200: ClusterListSchema } } },
    async (req) => {
      const ctx = read(req);
      return { items: (await listClusters(ctx, { ...(req.query.status ? { status: req.query.status } : {}), visible: visibleTo(ctx.actor) })).map(present) };
    },
  );

  app.get("/clusters/:id", { config: { audience: "staff", ability: "conversation.view" }, schema: { params: IdParams, response: { 200: ClusterDetailSchema } } }, async (req) => {
    const ctx = read(req);
    const id = idParam(req.params, "Incident");
    const cluster = (await listClusters(ctx, { visible: visibleTo(ctx.actor) })).find((c) => c.id === id);
    if (!cluster) throw notFound("Incident");
    const { items } = await listConversations(ctx, { clusterId: id, sort: "created_asc", limit: 100 });
    return { ...present(cluster), conversations: items };
  });

  app.post(
    "/clusters/:id/reply",
    { config: { audience: "staff", ability: "conversation.reply" }, schema: { params: IdParams, body: ClusterReplyBodySchema, response: { 200: ClusterReplyResultSchema } } },
    async (req) => write(req, (ctx) => replyToCluster(ctx, idParam(req.params, "Incident"), req.body)),
  );

  app.post(
    "/clusters/:id/resolve",
    { config: { audience: "staff", ability: "conversation.changeStatus" }, schema: { params: IdParams, response: { 200: z.object({ resolved: z.number().int() }) } } },
    async (req) => write(req, (ctx) => resolveCluster(ctx, idParam(req.params, "Incident"))),
  );
};
