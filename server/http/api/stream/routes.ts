import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppDeps } from "../../context.js";
import type { LiveClient, LiveEvent, LiveHub } from "../../live.js";
import { authenticate, staffOf, type StaffAuth } from "../../plugins/auth.js";

const StreamQuerySchema = z.object({ lastEventId: z.string().max(20).optional() });

function frame(e: LiveEvent): string {
  // Signals (seq -1) carry no id, so they never move the browser's Last-Event-ID.
  if (e.seq < 0) return `event: ${e.type}\ndata: ${JSON.stringify({ conversationId: e.conversationId, type: e.type, seq: e.seq, data: e.data ?? null })}\n\n`;
  return `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify({ conversationId: e.conversationId, type: e.type, seq: e.seq })}\n\n`;
}

function parseSeq(raw: unknown): number | null {
  return typeof raw === "string" && /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

/** Takes over the response as an event stream and subscribes it; live events wait while missed ones replay. */
async function serveStream(deps: AppDeps, live: LiveHub, req: FastifyRequest, reply: FastifyReply, auth: StaffAuth, since: number | null) {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    "content-type": "text/event-stream; charset=utf-8",
    "cache-control": "no-cache, no-transform",
    // Closing the socket with the stream lets the server shut down promptly.
    connection: "close",
    "x-accel-buffering": "no",
    "x-request-id": req.id,
  });
  let open = true;
  let replaying = true;
  const buffered: LiveEvent[] = [];
  const client: LiveClient = {
    districtId: auth.districtId,
    actor: auth.actor,
    send: (e) => (replaying ? buffered.push(e) : open && res.write(frame(e))),
    heartbeat: () => {
      if (!open) return;
      res.write(": heartbeat\n\n");
      // A signed-out or deactivated member stops receiving; a changed role applies to what follows.
      authenticate(deps, req).then(
        (fresh) => (fresh.districtId === auth.districtId && fresh.actor.staffId === auth.actor.staffId ? (client.actor = fresh.actor) : client.end()),
        () => client.end(),
      );
    },
    end: () => {
      if (!open) return;
      open = false;
      unsubscribe();
      res.end();
    },
  };
  const unsubscribe = live.subscribe(client);
  res.on("close", () => {
    open = false;
    unsubscribe();
  });
  res.write("retry: 3000\n: connected\n\n");
  const replayed = new Set<number>();
  try {
    for (const e of since === null ? [] : await live.replay(auth.districtId, auth.actor, since)) {
      replayed.add(e.seq);
      if (open) res.write(frame(e));
    }
  } catch (err) {
    req.log.error({ err }, "live: replay failed");
  }
  replaying = false;
  for (const e of buffered) if (open && !replayed.has(e.seq)) res.write(frame(e));
  return replayed.size;
}

/**
 * Server-sent events for live inboxes: `id` is the event's seq, `event` its type. A reconnecting
 * browser sends Last-Event-ID and first receives what it missed (at most 500 events) from the timeline.
 */
export const streamRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; live: LiveHub }> = async (app, { deps, live }) => {
  app.get(
    "/stream",
    { config: { audience: "staff", ability: "conversation.view" }, exposeHeadRoute: false, schema: { querystring: StreamQuerySchema } },
    async (req, reply) => {
      const auth = staffOf(req);
      await live.ready();
      const since = parseSeq(req.headers["last-event-id"]) ?? parseSeq(req.query.lastEventId);
      const replayed = await serveStream(deps, live, req, reply, auth, since);
      req.log.info({ staffId: auth.actor.staffId, replayed }, "live stream opened");
    },
  );
};
