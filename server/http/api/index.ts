import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../context.js";
import type { LiveHub } from "../live.js";
import { authRoutes } from "./auth/routes.js";
import { conversationRoutes } from "./conversations/routes.js";
import { metaRoutes } from "./meta/routes.js";
import { streamRoutes } from "./stream/routes.js";

/** The staff API under /api: every route declares `audience` and `ability` (see route-permissions.json). */
export const apiPlugin: FastifyPluginAsyncZod<{ deps: AppDeps; live: LiveHub }> = async (app, opts) => {
  await app.register(authRoutes, { deps: opts.deps });
  await app.register(metaRoutes, { deps: opts.deps });
  await app.register(conversationRoutes, { deps: opts.deps });
  await app.register(streamRoutes, { deps: opts.deps, live: opts.live });
};
