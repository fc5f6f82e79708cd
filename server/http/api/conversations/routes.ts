import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  AssignBodySchema,
  ConversationDetailSchema,
  ConversationListSchema,
  ListConversationsQuerySchema,
  MessageBodySchema,
  MessageSchema,
  ReplyBodySchema,
  StatusBodySchema,
  UpdateConversationBodySchema,
} from "../../../../common/contract/conversations.js";
import {
  addNote,
  assignConversation,
  changeStatus,
  getAttachmentFile,
  getConversationDetail,
  getMessage,
  listConversations,
  loadForView,
  replyToConversation,
  updateConversation,
} from "../../../domain/conversations/index.js";
import type { AppDeps } from "../../context.js";
import { idParam, staffContexts } from "../staff-context.js";
import { staffOf } from "../../plugins/auth.js";
import type { LiveHub } from "../../live.js";
import { PresenceBodySchema, PresenceSchema } from "../../../../common/contract/operations.js";
import { signal } from "../../../events/emit.js";

const IdParams = z.object({ id: z.string().max(100) });
const AttachmentParams = IdParams.extend({ attachmentId: z.string().max(100) });

const conversationId = (params: { id: string }): string => idParam(params, "Conversation");

/** RFC 6266 filename, with an ASCII fallback for old clients. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/** The universal inbox: list, read, reply, note, assign, change status, reclassify, download attachments. */
export const conversationRoutes: FastifyPluginAsyncZod<{ deps: AppDeps; live: LiveHub }> = async (app, { deps, live }) => {
  const { read: readCtx, write } = staffContexts(deps);

  app.get(
    "/conversations",
    { config: { audience: "staff", ability: "conversation.view" }, schema: { querystring: ListConversationsQuerySchema, response: { 200: ConversationListSchema } } },
    async (req) => listConversations(readCtx(req), req.query),
  );

  app.get(
    "/conversations/:id",
    { config: { audience: "staff", ability: "conversation.view" }, schema: { params: IdParams, response: { 200: ConversationDetailSchema } } },
    async (req) => getConversationDetail(readCtx(req), conversationId(req.params)),
  );

  app.post(
    "/conversations/:id/replies",
    { config: { audience: "staff", ability: "conversation.reply" }, schema: { params: IdParams, body: ReplyBodySchema, response: { 201: MessageSchema } } },
    async (req, reply) => {
      const id = conversationId(req.params);
      const opts = { openedAt: req.body.openedAt ? new Date(req.body.openedAt) : null, force: req.body.force ?? false };
      const message = await write(req, async (ctx) => getMessage(ctx, id, (await replyToConversation(ctx, id, req.body.body, opts)).id));
      return reply.code(201).send(message);
    },
  );

  app.post(
    "/conversations/:id/notes",
    { config: { audience: "staff", ability: "conversation.note" }, schema: { params: IdParams, body: MessageBodySchema, response: { 201: MessageSchema } } },
    async (req, reply) => {
      const id = conversationId(req.params);
      const message = await write(req, async (ctx) => getMessage(ctx, id, (await addNote(ctx, id, req.body.body)).id));
      return reply.code(201).send(message);
    },
  );

  app.post(
    "/conversations/:id/assign",
    { config: { audience: "staff", ability: "conversation.assign" }, schema: { params: IdParams, body: AssignBodySchema, response: { 200: ConversationDetailSchema } } },
    async (req) => {
      const id = conversationId(req.params);
      return write(req, async (ctx) => {
        await assignConversation(ctx, id, req.body);
        return getConversationDetail(ctx, id);
      });
    },
  );

  app.post(
    "/conversations/:id/status",
    { config: { audience: "staff", ability: "conversation.changeStatus" }, schema: { params: IdParams, body: StatusBodySchema, response: { 200: ConversationDetailSchema } } },
    async (req) => {
      const id = conversationId(req.params);
      return write(req, async (ctx) => {
        await changeStatus(ctx, id, req.body.status);
        return getConversationDetail(ctx, id);
      });
    },
  );

  app.patch(
    "/conversations/:id",
    { config: { audience: "staff", ability: "conversation.update" }, schema: { params: IdParams, body: UpdateConversationBodySchema, response: { 200: ConversationDetailSchema } } },
    async (req) => {
      const id = conversationId(req.params);
      return write(req, async (ctx) => {
        await updateConversation(ctx, id, req.body);
        return getConversationDetail(ctx, id);
      });
    },
  );

  // Collision detection: who else has this conversation open, and who is writing a reply.
  app.put(
    "/conversations/:id/presence",
    { config: { audience: "staff", ability: "conversation.view" }, schema: { params: IdParams, body: PresenceBodySchema } },
    async (req, reply) => {
      const id = conversationId(req.params);
      // this process must be listening before the signal commits, or its own presence map would miss it
      await live.ready();
      await write(req, async (ctx) => {
        await loadForView(ctx, id);
        const actor = staffOf(req).actor;
        await signal(ctx, { type: "presence", conversationId: id, data: { staffId: actor.staffId, name: actor.name, state: req.body.state } });
      });
      return reply.code(204).send();
    },
  );

  app.get(
    "/conversations/:id/presence",
    { config: { audience: "staff", ability: "conversation.view" }, schema: { params: IdParams, response: { 200: PresenceSchema } } },
    async (req) => {
      const id = conversationId(req.params);
      await write(req, (ctx) => loadForView(ctx, id));
      const me = staffOf(req).actor.staffId;
      await live.ready();
      return {
        items: live
          .presence(staffOf(req).districtId, id)
          .filter((p) => p.staffId !== me)
          .map((p) => ({ staffId: p.staffId, name: p.name, state: p.state, since: p.since.toISOString() })),
      };
    },
  );

  app.get(
    "/conversations/:id/attachments/:attachmentId",
    { config: { audience: "staff", ability: "conversation.view" }, schema: { params: AttachmentParams } },
    async (req, reply) => {
      const file = await getAttachmentFile(readCtx(req), conversationId(req.params), req.params.attachmentId);
      return reply
        .header("content-type", file.contentType)
        .header("content-disposition", contentDisposition(file.filename))
        .header("x-content-type-options", "nosniff")
        .header("content-security-policy", "default-src 'none'; sandbox")
        .header("cache-control", "private, no-store")
        .send(file.data);
    },
  );
};
