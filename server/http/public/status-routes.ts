import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Language } from "../../../common/enums.js";
import { publicMessages } from "../../../common/i18n/public.js";
import { findReplyEmail } from "../../domain/contacts/index.js";
import { addContactMessage, findConversationByStatusToken, findFamilyAttachment, listFamilyMessages } from "../../domain/conversations/index.js";
import { listTopics, type DistrictRow } from "../../domain/districts/index.js";
import type { ConversationRow } from "../../db/schema/index.js";
import { notFound } from "../../lib/errors.js";
import { inTransaction, type AppDeps } from "../context.js";
import { first, readFormBody } from "./body.js";
import { loc } from "./form-page.js";
import { page, setPageHeaders } from "./layout.js";
import { rule } from "../plugins/limits.js";
import { loadDistrict, pageLanguage, pageLinks, PUBLIC, publicWriteLimit, queryValue, readCtx, reqLog } from "./request.js";
import { statusBody, type StatusView } from "./status-page.js";
import { checkFiles, MESSAGE_MAX } from "./submission.js";

type TokenParams = { district: string; token: string };

/** The conversation a private link names, in this district only; a forged, revoked or foreign link is a 404 page. */
async function loadConversation(deps: AppDeps, req: FastifyRequest, params: TokenParams) {
  const district = await loadDistrict(deps, req, params.district);
  const conversation = await findConversationByStatusToken(readCtx(deps, district, req.log), district, params.token);
  if (!conversation) throw notFound("Conversation");
  return { district, conversation, base: `/d/${district.slug}/c/${params.token}` };
}

type StatusRender = { district: DistrictRow; conversation: ConversationRow; base: string; reply?: StatusView["reply"] };

async function sendStatus(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, lang: Language, r: StatusRender): Promise<FastifyReply> {
  const t = publicMessages(lang);
  const read = readCtx(deps, r.district, req.log);
  const c = r.conversation;
  const [messages, topics, email] = await Promise.all([
    listFamilyMessages(read, c.id),
    listTopics(read, { includePrivate: true, includeInactive: true }),
    c.isAnonymous ? null : findReplyEmail(read, c.contactId),
  ]);
  const topic = topics.find((x) => x.id === c.topicId);
  const { links } = pageLinks(req, r.district, lang, r.base);
  const body = statusBody({
    t,
    lang,
    district: r.district,
    conversation: c,
    topicName: topic ? loc(topic.name, lang) : null,
    messages,
    base: r.base,
    submitted: queryValue(req, "submitted") === "1",
    sent: queryValue(req, "sent") === "1",
    ackSent: Boolean(email),
    reply: r.reply ?? { message: "", hadFiles: false },
  });
  const title = r.reply?.error || r.reply?.attachmentsError ? `${t.errorPrefix} ${c.reference}` : c.reference;
  return setPageHeaders(reply, { private: true })
    .status(r.reply?.error || r.reply?.attachmentsError ? 400 : 200)
    .send(page({ lang, title, districtName: r.district.name, links, languages: r.district.languages, private: true, body }));
}

/** The family's private status page, their write-back, and downloads of their thread's files. */
export function statusRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get<{ Params: TokenParams }>("/:district/c/:token", PUBLIC, async (req, reply) => {
      const loaded = await loadConversation(deps, req, req.params);
      const { lang } = pageLanguage(req, reply, loaded.conversation.language as Language);
      return sendStatus(deps, req, reply, lang, loaded);
    });

    const limited = {
      ...PUBLIC,
      preValidation: publicWriteLimit(deps, (req, limits) => {
        const p = req.params as TokenParams;
        return [rule("write-back", limits.writeBack, `${p.token}\u0000${req.ip}`, p.district)];
      }),
    };
    app.post<{ Params: TokenParams }>("/:district/c/:token/messages", limited, async (req, reply) => {
      const loaded = await loadConversation(deps, req, req.params);
      const { lang, t } = pageLanguage(req, reply, loaded.conversation.language as Language);
      const body = await readFormBody(req);
      const message = (first(body.values, "message") ?? "").trim();
      const files = checkFiles(body.files, body.problem);
      const messageError = !message ? t.errors.required(t.messageLabel) : message.length > MESSAGE_MAX ? t.errors.too_long(t.messageLabel) : undefined;
      const attachmentsError = files.errors[0] ? t.errors[files.errors[0].code](t.attachmentsLabel) : undefined;
      if (messageError || attachmentsError) {
        const hadFiles = body.files.length > 0 || Boolean(body.problem);
        return sendStatus(deps, req, reply, lang, { ...loaded, reply: { message, error: messageError, attachmentsError, hadFiles } });
      }
      const actor = { kind: "contact" as const, contactId: loaded.conversation.contactId };
      const saved = await inTransaction(deps, loaded.district.id, actor, reqLog(req), (ctx) =>
        addContactMessage(ctx, loaded.conversation.id, { body: message, channel: "web_form", attachments: files.files }).then((r) => r.message),
      );
      req.log.info({ conversationId: loaded.conversation.id, messageId: saved.id, files: files.files.length }, "family wrote back");
      return reply.redirect(`${loaded.base}?sent=1&lang=${lang}`, 303);
    });

    app.get<{ Params: TokenParams & { attachmentId: string } }>("/:district/c/:token/attachments/:attachmentId", PUBLIC, async (req, reply) => {
      const { district, conversation } = await loadConversation(deps, req, req.params);
      const file = await findFamilyAttachment(readCtx(deps, district, req.log), conversation.id, req.params.attachmentId);
      if (!file) throw notFound("Attachment");
      const ascii = file.filename.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
      return reply
        .header("Content-Type", file.contentType)
        .header("Content-Disposition", `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'")
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "private, no-store")
        .send(file.data);
    });
  };
}
