import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { MarkReadBodySchema, NotificationListSchema, NotificationQuerySchema, type NotificationList } from "../../../../common/contract/operations.js";
import { listNotifications, markNotificationsRead } from "../../../domain/notifications/index.js";
import type { AppDeps } from "../../context.js";
import { staffOf } from "../../plugins/auth.js";
import { staffContexts } from "../staff-context.js";

const SESSION = { audience: "staff", ability: "session" } as const;

/** The signed-in person's notification feed (only their own). */
export const notificationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { read, write } = staffContexts(deps);

  app.get("/notifications", { config: SESSION, schema: { querystring: NotificationQuerySchema, response: { 200: NotificationListSchema } } }, async (req) => {
    const q = req.query;
    const { items, unread } = await listNotifications(read(req), staffOf(req).actor.staffId, {
      unreadOnly: q.unread === "true",
      limit: q.limit + 1,
      before: q.before ? { createdAt: new Date(q.before.split("~")[0]!), id: q.before.split("~")[1] ?? null } : null,
    });
    const page = items.slice(0, q.limit);
    const out: NotificationList = {
      items: page.map((n) => ({
        id: n.id,
        type: n.type as NotificationList["items"][number]["type"],
        text: n.text,
        conversation: n.conversationId ? { id: n.conversationId, reference: n.reference, subject: n.subject } : null,
        actor: n.actorName,
        data: n.data,
        read: n.readAt !== null,
        createdAt: n.createdAt.toISOString(),
      })),
      unread,
      nextCursor: items.length > q.limit ? `${page.at(-1)!.createdAt.toISOString()}~${page.at(-1)!.id}` : null,
    };
    return out;
  });

  app.post("/notifications/read", { config: SESSION, schema: { body: MarkReadBodySchema, response: { 200: z.object({ updated: z.number().int() }) } } }, async (req) => ({
    updated: await write(req, (ctx) => markNotificationsRead(ctx, staffOf(req).actor.staffId, req.body.ids)),
  }));
};
