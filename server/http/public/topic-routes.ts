import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Language } from "../../../common/enums.js";
import { publicMessages } from "../../../common/i18n/public.js";
import { activeTopicBySlug, createInquiry, intakeConfig } from "../../domain/conversations/index.js";
import { listCategories, listTopics, type DistrictRow, type SchoolRow, type TopicRow } from "../../domain/districts/index.js";
import { notFound } from "../../lib/errors.js";
import type { AppDeps } from "../context.js";
import { readFormBody } from "./body.js";
import { formIdempotency, formTokenOf, newFormToken, storeOnce } from "./idempotency.js";
import { emptyState, loc, stateFromBody, submissionFromState, topicFormBody, type FormState } from "./form-page.js";
import { landingBody } from "./landing-page.js";
import { page, setPageHeaders } from "./layout.js";
import { loadDistrict, pageLanguage, pageLinks, PUBLIC, queryValue, readCtx } from "./request.js";
import { rule } from "../plugins/limits.js";
import { publicWriteLimit } from "./request.js";
import { checkFiles, checkSubmission, type SubmissionError } from "./submission.js";

type DistrictParams = { district: string };
type TopicParams = { district: string; topic: string };

async function loadTopic(deps: AppDeps, req: FastifyRequest, params: TopicParams) {
  const district = await loadDistrict(deps, req, params.district);
  const config = await intakeConfig(readCtx(deps, district, req.log), district);
  const topic = activeTopicBySlug(config, params.topic);
  if (!topic) throw notFound("Topic");
  return { district, config, topic, schools: config.schools };
}

type FormRender = { district: DistrictRow; topic: TopicRow; schools: readonly SchoolRow[]; state?: FormState; errors?: SubmissionError[]; token?: string | undefined };

function sendForm(req: FastifyRequest, reply: FastifyReply, lang: Language, r: FormRender): FastifyReply {
  const t = publicMessages(lang);
  const path = `/d/${r.district.slug}/topics/${r.topic.slug}`;
  const { embed, link, links } = pageLinks(req, r.district, lang, path);
  const body = topicFormBody({
    t,
    lang,
    district: r.district,
    topic: r.topic,
    schools: r.schools,
    state: r.state ?? emptyState(r.topic, lang),
    errors: r.errors ?? [],
    action: `${path}?${new URLSearchParams({ lang, ...(embed ? { embed: "1" } : {}) }).toString()}`,
    home: link(`/d/${r.district.slug}`),
    embed,
    token: r.token ?? newFormToken(),
  });
  const title = r.errors?.length ? `${t.errorPrefix} ${loc(r.topic.name, lang)}` : loc(r.topic.name, lang);
  return setPageHeaders(reply, { frameable: true, perRender: true })
    .status(r.errors?.length ? 400 : 200)
    .send(page({ lang, title, districtName: r.district.name, links, languages: r.district.languages, body }));
}

/**
 * The landing page and the topic forms (GET renders, POST stores and redirects to the family's private page).
 * Each render carries a hidden submission token, so a double-click or a resubmitted post stores once and
 * redirects to the same page.
 */
export function topicRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get<{ Params: DistrictParams }>("/:district", PUBLIC, async (req, reply) => {
      const district = await loadDistrict(deps, req, req.params.district);
      const { lang, t } = pageLanguage(req, reply);
      const read = readCtx(deps, district, req.log);
      const [categories, all] = await Promise.all([listCategories(read), listTopics(read, { includePrivate: true })]);
      const { embed, link, links } = pageLinks(req, district, lang, `/d/${district.slug}`);
      const safety = all.find((x) => x.isPrivate && x.allowAnonymous);
      const topics = all.filter((x) => !x.isPrivate);
      const body = landingBody({ t, lang, district, categories, topics, safety, q: queryValue(req, "q") ?? "", link, embed });
      return setPageHeaders(reply, { frameable: true }).send(
        page({ lang, title: t.landingTitle, districtName: district.name, links, languages: district.languages, body }),
      );
    });

    app.get<{ Params: TopicParams }>("/:district/topics/:topic", PUBLIC, async (req, reply) => {
      const loaded = await loadTopic(deps, req, req.params);
      return sendForm(req, reply, pageLanguage(req, reply).lang, loaded);
    });

    const limited = {
      ...PUBLIC,
      preValidation: publicWriteLimit(deps, (req, limits) => {
        const p = req.params as TopicParams;
        return [rule("form", limits.form, `${p.topic}\u0000${req.ip}`, p.district)];
      }),
    };
    app.post<{ Params: TopicParams }>("/:district/topics/:topic", limited, async (req, reply) => {
      const { district, config, topic, schools } = await loadTopic(deps, req, req.params);
      const { lang } = pageLanguage(req, reply);
      const body = await readFormBody(req);
      const state = stateFromBody(topic, body);
      const checked = checkSubmission(topic, config.schoolIds, submissionFromState(topic, state));
      const files = checkFiles(body.files, body.problem);
      const errors = [...(checked.ok ? [] : checked.errors), ...files.errors];
      const token = formTokenOf(body.values);
      if (!checked.ok || errors.length > 0) return sendForm(req, reply, lang, { district, topic, schools, state, errors, token });
      const idempotency = token ? formIdempotency(token, topic.id, body.values, body.files) : undefined;
      let conversationId: string | undefined;
      const stored = await storeOnce(deps, req, district, { status: 303, idempotency }, async (ctx) => {
        const created = await createInquiry(ctx, { topic, ...checked.value, channel: "web_form", attachments: files.files }, { district, config });
        conversationId = created.conversation.id;
        return { reference: created.reference, statusUrl: created.statusUrl };
      });
      req.log.info({ conversationId, topicId: topic.id, files: files.files.length, replayed: stored.replayed }, "inquiry received");
      return reply.redirect(`${new URL(String(stored.body.statusUrl)).pathname}?submitted=1&lang=${lang}`, 303);
    });
  };
}
