import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { RatingBodySchema } from "../../../common/contract/inquiries.js";
import type { Language } from "../../../common/enums.js";
import { publicMessages } from "../../../common/i18n/public.js";
import { findRatingByToken, submitRating, type RatingLink } from "../../domain/ratings/index.js";
import { AppError, notFound } from "../../lib/errors.js";
import { inTransaction, type AppDeps } from "../context.js";
import { first, readFormBody } from "./body.js";
import { html } from "./html.js";
import { messagePage, page, setPageHeaders } from "./layout.js";
import { ratingBody, SCALES, type RatingState, type Scale } from "./rating-page.js";
import { loadDistrict, pageLanguage, PUBLIC, PUBLIC_ACTOR, publicWriteLimit, queryValue, readCtx, reqLog } from "./request.js";

type RateParams = { district: string; token: string };

async function loadRating(deps: AppDeps, req: FastifyRequest, reply: FastifyReply, params: RateParams) {
  const district = await loadDistrict(deps, req, params.district);
  const link = await findRatingByToken(readCtx(deps, district, req.log), params.token);
  if (!link) throw notFound("Rating link");
  const { lang } = pageLanguage(req, reply, link.conversation.language as Language);
  return { district, link, lang, path: `/d/${district.slug}/rate/${params.token}` };
}

/** Why a link cannot take a rating any more (409), or null when it can. */
function closedReason(deps: AppDeps, link: RatingLink): "already" | "expired" | null {
  if (link.rating.submittedAt) return "already";
  return link.rating.expiresAt.getTime() < deps.now().getTime() ? "expired" : null;
}

function sendClosed(reply: FastifyReply, lang: Language, districtName: string, reason: "already" | "expired"): FastifyReply {
  const t = publicMessages(lang);
  const [title, text] = reason === "already" ? [t.alreadyRatedTitle, t.alreadyRated] : [t.expiredTitle, t.expired];
  return setPageHeaders(reply, { private: true }).status(409).send(messagePage({ lang, title, text, districtName }));
}

type FormRender = { lang: Language; districtName: string; reference: string; path: string; state?: RatingState; errors?: { scales: Scale[]; comment: boolean } };

function sendForm(reply: FastifyReply, r: FormRender): FastifyReply {
  const t = publicMessages(r.lang);
  const errors = r.errors ?? { scales: [], comment: false };
  const invalid = errors.scales.length > 0 || errors.comment;
  const body = ratingBody({ t, reference: r.reference, action: `${r.path}?lang=${r.lang}`, state: r.state ?? { values: {}, comment: "" }, errors });
  return setPageHeaders(reply, { private: true })
    .status(invalid ? 400 : 200)
    .send(page({ lang: r.lang, title: invalid ? `${t.errorPrefix} ${t.rateTitle}` : t.rateTitle, districtName: r.districtName, private: true, body }));
}

/** The one-time rating link: three 1–10 scales and a comment, accepted once. */
export function ratingRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get<{ Params: RateParams }>("/:district/rate/:token", PUBLIC, async (req, reply) => {
      const { district, link, lang, path } = await loadRating(deps, req, reply, req.params);
      const closed = closedReason(deps, link);
      if (closed === "already" && queryValue(req, "thanks") === "1") {
        const t = publicMessages(lang);
        const body = html`<div class="panel panel-success"><h1>${t.thanksTitle}</h1><p>${t.thanksBody}</p></div>`;
        return setPageHeaders(reply, { private: true }).send(page({ lang, title: t.thanksTitle, districtName: district.name, private: true, body }));
      }
      if (closed) return sendClosed(reply, lang, district.name, closed);
      return sendForm(reply, { lang, districtName: district.name, reference: link.conversation.reference, path });
    });

    app.post<{ Params: RateParams }>("/:district/rate/:token", { ...PUBLIC, preValidation: publicWriteLimit(deps) }, async (req, reply) => {
      const { district, link, lang, path } = await loadRating(deps, req, reply, req.params);
      const closed = closedReason(deps, link);
      if (closed) return sendClosed(reply, lang, district.name, closed);
      const { values } = await readFormBody(req);
      const state: RatingState = { values: Object.fromEntries(SCALES.map((s) => [s, first(values, s) ?? ""])), comment: first(values, "comment") ?? "" };
      const parsed = RatingBodySchema.safeParse({ ...state.values, comment: state.comment });
      if (!parsed.success) {
        const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
        const errors = { scales: SCALES.filter((s) => bad.has(s)), comment: bad.has("comment") };
        return sendForm(reply, { lang, districtName: district.name, reference: link.conversation.reference, path, state, errors });
      }
      try {
        await inTransaction(deps, district.id, PUBLIC_ACTOR, reqLog(req), (ctx) => submitRating(ctx, req.params.token, parsed.data));
      } catch (err) {
        // Two submissions racing: the second one finds the link used.
        if (err instanceof AppError && err.code === "conflict") return sendClosed(reply, lang, district.name, "already");
        throw err;
      }
      return reply.redirect(`${path}?thanks=1&lang=${lang}`, 303);
    });
  };
}
