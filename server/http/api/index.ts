import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../context.js";
import type { LiveHub } from "../live.js";
import { alertRoutes } from "./alerts/routes.js";
import { authRoutes } from "./auth/routes.js";
import { clusterRoutes } from "./clusters/routes.js";
import { conversationRoutes } from "./conversations/routes.js";
import { metaRoutes } from "./meta/routes.js";
import { notificationRoutes } from "./notifications/routes.js";
import { reportRoutes } from "./reports/routes.js";
import { routingRoutes } from "./routing/routes.js";
import { settingsRoutes } from "./settings/routes.js";
import { streamRoutes } from "./stream/routes.js";

/** The staff API under /api: every route declares `audience` and `ability` (see route-permissions.json). */
export const apiPlugin: FastifyPluginAsyncZod<{ deps: AppDeps; live: LiveHub }> = async (app, opts) => {
  await app.register(authRoutes, { deps: opts.deps });
  await app.register(metaRoutes, { deps: opts.deps });
  await app.register(conversationRoutes, { deps: opts.deps, live: opts.live });
  await app.register(streamRoutes, { deps: opts.deps, live: opts.live });
  await app.register(routingRoutes, { deps: opts.deps });
  await app.register(settingsRoutes, { deps: opts.deps });
  await app.register(alertRoutes, { deps: opts.deps });
  await app.register(notificationRoutes, { deps: opts.deps });
  await app.register(clusterRoutes, { deps: opts.deps });
  await app.register(reportRoutes, { deps: opts.deps });
};
