import sanitizeHtml from "sanitize-html";

// Formatting a family's email needs, and nothing that runs, loads a frame, restyles our page or
// redirects it. Elements not listed are dropped but keep their text; NON_TEXT elements lose it too.
const ALLOWED_TAGS = [
  "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del",
  "details", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
  "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike", "strong", "sub",
  "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "tt", "u", "ul",
];

const NON_TEXT = [
  "script", "style", "textarea", "option", "noscript", "title", "head", "iframe", "frame", "frameset",
  "object", "embed", "applet", "template", "svg", "math", "xml", "select", "button", "canvas", "audio", "video",
];

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  nonTextTags: NON_TEXT,
  allowedAttributes: {
    "*": ["dir", "lang", "title"],
    // rel and target are always overwritten by transformTags below.
    a: ["href", "name", "rel", "target"],
    img: ["src", "alt", "width", "height"],
    td: ["colspan", "rowspan", "align", "valign"],
    th: ["colspan", "rowspan", "align", "valign", "scope"],
    col: ["span"],
    colgroup: ["span"],
    ol: ["start", "type"],
    blockquote: ["cite"],
  },
  allowedSchemes: ["http", "https", "mailto", "tel"],
  // Inline images stay `cid:` references: the UI resolves them to the stored attachment.
  allowedSchemesByTag: { img: ["cid", "https", "http"] },
  allowedSchemesAppliedToAttributes: ["href", "src", "cite"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: { ...attribs, rel: "noopener noreferrer nofollow", target: "_blank" },
    }),
  },
};

/**
 * Makes an inbound HTML body safe to store and show to staff: no scripts, styles, event handlers,
 * frames, forms, meta refreshes or `javascript:` URLs; ordinary formatting, links and images stay.
 */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
