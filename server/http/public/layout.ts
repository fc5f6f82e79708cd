import type { FastifyReply } from "fastify";
import { LANGUAGE_NAMES, publicMessages, type PublicCatalog } from "../../../common/i18n/public.js";
import type { Language } from "../../../common/enums.js";
import { CSS_URL } from "./assets.js";
import { html, type SafeHtml } from "./html.js";

const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'";

export type PageKind = {
  /** Landing and topic forms may be framed by a district's site (the embed dialog); nothing else may. */
  frameable?: boolean;
  /** Private pages (status, rating) are never cached or indexed. */
  private?: boolean;
  /** Pages carrying a per-render token (topic forms): a shared cache must never hand one render to two people. */
  perRender?: boolean;
};

/** Headers every public HTML page carries: a strict CSP (no inline script or style), no Referer, no sniffing. */
export function setPageHeaders(reply: FastifyReply, kind: PageKind = {}): FastifyReply {
  reply
    .header("Content-Security-Policy", `${CSP}; frame-ancestors ${kind.frameable ? "*" : "'none'"}`)
    .header("Referrer-Policy", "no-referrer")
    .header("X-Content-Type-Options", "nosniff")
    .header("Cache-Control", kind.private ? "no-store" : kind.perRender ? "private, no-cache" : "no-cache");
  if (!kind.frameable) reply.header("X-Frame-Options", "DENY");
  if (kind.private) reply.header("X-Robots-Tag", "noindex, nofollow");
  return reply.type("text/html; charset=utf-8");
}

/** Where the language switch and internal links point; `embed` and `lang` travel in the URL inside the embed dialog. */
export type PageLinks = { home: string; switchTo: (lang: Language) => string };

export type PageInput = {
  lang: Language;
  title: string;
  districtName?: string | undefined;
  links?: PageLinks | undefined;
  languages?: readonly string[] | undefined;
  private?: boolean;
  body: SafeHtml;
};

function languageSwitch(t: PublicCatalog, lang: Language, links: PageLinks, languages: readonly string[]): SafeHtml | string {
  const others = (["en", "es"] as const).filter((l) => l !== lang && languages.includes(l));
  if (others.length === 0) return "";
  return html`<nav class="lang" aria-label="${t.languageNav}"><ul>${others.map(
    (l) => html`<li><a href="${links.switchTo(l)}" lang="${l}" hreflang="${l}">${LANGUAGE_NAMES[l]}</a></li>`,
  )}</ul></nav>`;
}

/** The page shell: skip link, banner with the district and the language switch, main, footer. */
export function page(p: PageInput): string {
  const t = publicMessages(p.lang);
  const fullTitle = p.districtName ? `${p.title} · ${p.districtName}` : p.title;
  const brand = p.districtName
    ? html`<p class="brand">${p.links ? html`<a href="${p.links.home}">${p.districtName}</a>` : p.districtName} <span>${t.letsTalk}</span></p>`
    : html`<p class="brand">${t.letsTalk}</p>`;
  return html`<!doctype html>
<html lang="${t.htmlLang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${p.private ? html`<meta name="robots" content="noindex, nofollow">` : ""}
<title>${fullTitle}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CSS_URL}">
</head>
<body>
<a class="skip" href="#main">${t.skipLink}</a>
<header class="site-header"><div class="wrap">${brand}${p.links ? languageSwitch(t, p.lang, p.links, p.languages ?? ["en", "es"]) : ""}</div></header>
<main id="main" tabindex="-1"><div class="wrap">
${p.body}
</div></main>
<footer class="site-footer"><div class="wrap"><p>${t.footer}</p></div></footer>
</body>
</html>
`.value;
}

/** A page that only says what went wrong (404, 400, 409, 500), in the page language. */
export function messagePage(input: { lang: Language; title: string; text: string; districtName?: string | undefined; home?: string | undefined }): string {
  const t = publicMessages(input.lang);
  return page({
    lang: input.lang,
    title: input.title,
    districtName: input.districtName,
    body: html`<h1>${input.title}</h1><p>${input.text}</p>${input.home ? html`<p><a href="${input.home}">${t.homeLink}</a></p>` : ""}`,
  });
}

export type SummaryItem = { href: string; text: string };

/** The error summary at the top of a form: announced on load (role=alert), each item links to its field. */
export function errorSummary(t: PublicCatalog, items: SummaryItem[]): SafeHtml | string {
  if (items.length === 0) return "";
  return html`<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">
<h2 id="error-summary-title">${t.errorSummaryTitle}</h2>
<ul>${items.map((i) => html`<li><a href="${i.href}">${i.text}</a></li>`)}</ul>
</div>`;
}
