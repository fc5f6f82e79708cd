import type { Language } from "../../../common/enums.js";
import type { PublicCatalog } from "../../../common/i18n/public.js";
import { promiseText } from "../../../common/utils/promise.js";
import type { CategoryRow, DistrictRow, TopicRow } from "../../domain/districts/index.js";
import { loc } from "./form-page.js";
import { html, type SafeHtml } from "./html.js";

/** Lower-cased, accents removed: "Autobús" and "autobus" match. */
export function foldText(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** Topics whose name or description (in the page language) contains every word of the query. */
export function searchTopics(topics: TopicRow[], q: string, lang: Language): TopicRow[] {
  const words = foldText(q).split(/\s+/).filter(Boolean);
  if (words.length === 0) return topics;
  return topics.filter((topic) => {
    const text = foldText(`${loc(topic.name, lang)} ${loc(topic.description, lang)}`);
    return words.every((w) => text.includes(w));
  });
}

export type LandingView = {
  t: PublicCatalog;
  lang: Language;
  district: DistrictRow;
  categories: CategoryRow[];
  topics: TopicRow[];
  safety: TopicRow | undefined;
  q: string;
  /** Builds links that keep `lang`/`embed` when they must travel in the URL. */
  link: (path: string, extra?: Record<string, string>) => string;
  embed: boolean;
};

function topicList(v: LandingView, topics: TopicRow[]): SafeHtml {
  return html`<ul class="topics">${topics.map((topic) => {
    const description = loc(topic.description, v.lang);
    return html`<li><a href="${v.link(`/d/${v.district.slug}/topics/${topic.slug}`)}">${loc(topic.name, v.lang)}</a>${description ? html`<p>${description}</p>` : ""}</li>`;
  })}</ul>`;
}

function groups(v: LandingView, topics: TopicRow[]): SafeHtml {
  const sections = v.categories
    .map((c) => ({ id: `cat-${c.slug}`, title: loc(c.name, v.lang), topics: topics.filter((t) => t.categoryId === c.id) }))
    .concat([{ id: "cat-other", title: v.t.otherTopics, topics: topics.filter((t) => !v.categories.some((c) => c.id === t.categoryId)) }])
    .filter((s) => s.topics.length > 0);
  return html`${sections.map((s) => html`<section class="category" aria-labelledby="${s.id}"><h2 id="${s.id}">${s.title}</h2>${topicList(v, s.topics)}</section>`)}`;
}

function searchForm(v: LandingView): SafeHtml {
  return html`<form class="search" role="search" method="get" action="/d/${v.district.slug}">
<label for="q">${v.t.searchLabel}</label>
<div class="search-row"><input id="q" name="q" type="search" value="${v.q}" autocomplete="off">${v.embed ? html`<input type="hidden" name="embed" value="1"><input type="hidden" name="lang" value="${v.lang}">` : ""}<button type="submit" class="button">${v.t.searchButton}</button></div>
</form>`;
}

/** The "Let's Talk" front door: welcome, search, the safety line, and topics grouped by category. */
export function landingBody(v: LandingView): SafeHtml {
  const { t } = v;
  const shown = searchTopics(v.topics, v.q, v.lang);
  const q = v.q.trim();
  const result = q
    ? html`<p class="result" role="status">${shown.length > 0 ? t.searchResults(shown.length, q) : t.noResults(q)} <a href="${v.link(`/d/${v.district.slug}`)}">${t.allTopics}</a></p>`
    : "";
  return html`<h1>${t.landingTitle}</h1>
<p class="lead">${t.welcome(v.district.name)} ${t.promiseLine(promiseText(v.lang, v.district.responseDays))}</p>
${v.safety
  ? html`<p class="safety"><a class="button button-warning" href="${v.link(`/d/${v.district.slug}/topics/${v.safety.slug}`)}">${loc(v.safety.name, v.lang)}</a> <span>${t.safetyHint} ${t.emergency}</span></p>`
  : ""}
${searchForm(v)}
${result}
${v.topics.length === 0 ? html`<p>${t.noTopics}</p>` : groups(v, shown)}`;
}
