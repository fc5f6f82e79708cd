import { ElementType, parseDocument } from "htmlparser2";

/** One rendered line of an HTML body: its text, how many blockquotes deep it sits, whether a mail
 * client's quote container (Gmail, Outlook, Yahoo, Thunderbird…) starts on it, and whether it sits in
 * a citing blockquote (any but Gmail's class="gmail_quote" one, which Gmail also uses to indent). */
export type HtmlLine = { text: string; depth: number; quoteStart: boolean; cite: boolean };

type DomNode = ReturnType<typeof parseDocument>["children"][number];

// Past this the body is cut before parsing: quoted history is what makes bodies that long, and
// a rendering step must stay bounded on hostile input (issue 3: huge messages).
const MAX_HTML_CHARS = 3_000_000;

const SKIP = new Set([
  "head", "script", "style", "title", "meta", "link", "noscript", "template", "xml", "svg", "math", "object",
  "embed", "iframe", "frame", "frameset", "applet", "select", "option", "textarea", "button", "img", "canvas",
  "audio", "video",
]);
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
  "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "li", "main",
  "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "caption", "body",
  "html",
]);
// Reply containers of common clients, after stripping the "x_" / "ecx" prefixes webmail adds.
const QUOTE_CLASSES = new Set(["gmail_quote", "gmail_quote_container", "yahoo_quoted", "protonmail_quote", "moz-cite-prefix", "zmail_extra", "outlookmessageheader"]);
const QUOTE_IDS = new Set(["divrplyfwdmsg", "appendonsend", "olk_src_body_section", "zwchr", "stopspelling", "isforwardcontent"]);
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\ufeff\u00ad]/g;

function isQuoteContainer(name: string, attribs: Record<string, string>): boolean {
  const id = (attribs.id ?? "").toLowerCase().replace(/^(x_|ecx)+/, "");
  if (QUOTE_IDS.has(id) || id.startsWith("yahoo_quoted")) return true;
  if (name === "blockquote") return false;
  return (attribs.class ?? "")
    .toLowerCase()
    .split(/\s+/)
    .some((c) => QUOTE_CLASSES.has(c.replace(/^(x_|ecx)+/, "")));
}

const isGmailBlockquote = (attribs: Record<string, string>): boolean => /(?:^|\s)gmail_quote(?:\s|$)/i.test(attribs.class ?? "");

function hidden(attribs: Record<string, string>): boolean {
  const style = attribs.style;
  return style !== undefined && /display\s*:\s*none|mso-hide\s*:\s*all/i.test(style);
}

/** Renders HTML as lines of text the way a mail client shows it, keeping quote depth and the
 * quote containers clients wrap history in, so reply extraction can work from HTML-only mail. */
export function htmlToLines(html: string): HtmlLine[] {
  const doc = parseDocument(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html, { decodeEntities: true });
  const lines: HtmlLine[] = [];
  let buf = "";
  let depth = 0;
  let cites = 0;
  let pre = 0;
  let pendingQuote = false;

  const flush = (force = false) => {
    const text = buf.trim();
    buf = "";
    if (!text && !force) return;
    const quoteStart = pendingQuote && text.length > 0;
    if (quoteStart) pendingQuote = false;
    lines.push({ text: text.replace(/\u00a0/g, " "), depth, quoteStart, cite: cites > 0 });
  };
  const append = (s: string) => {
    if (!s) return;
    if (pre > 0) {
      const parts = s.split(/\r?\n/);
      parts.forEach((p, i) => {
        if (i > 0) flush(true);
        buf += p;
      });
      return;
    }
    const collapsed = s.replace(/[ \t\n\r\f\v]+/g, " ");
    if (collapsed === " " && (buf === "" || buf.endsWith(" "))) return;
    buf += buf.endsWith(" ") && collapsed.startsWith(" ") ? collapsed.slice(1) : collapsed;
  };

  // Iterative walk: real mail nests thousands of levels deep (mailparser's htmllargecallstack).
  type Frame = { node: DomNode; exit: boolean };
  const stack: Frame[] = [...doc.children].reverse().map((node) => ({ node, exit: false }));
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (node.type === ElementType.Text) {
      append(node.data.replace(INVISIBLE, ""));
      continue;
    }
    if (node.type !== ElementType.Tag && node.type !== ElementType.Script && node.type !== ElementType.Style) continue;
    const name = node.name.toLowerCase();
    if (exit) {
      if (BLOCK.has(name)) flush();
      else if (name === "td" || name === "th") append(" ");
      if (name === "blockquote") {
        depth = Math.max(0, depth - 1);
        if (!isGmailBlockquote(node.attribs)) cites = Math.max(0, cites - 1);
      }
      if (name === "pre") pre = Math.max(0, pre - 1);
      continue;
    }
    if (SKIP.has(name) || hidden(node.attribs)) continue;
    if (name === "br") {
      flush(true);
      continue;
    }
    if (name === "hr") {
      flush();
      if (isQuoteContainer(name, node.attribs)) pendingQuote = true;
      lines.push({ text: "", depth, quoteStart: false, cite: cites > 0 });
      continue;
    }
    if (BLOCK.has(name)) flush();
    if (isQuoteContainer(name, node.attribs)) {
      flush();
      pendingQuote = true;
    }
    if (name === "blockquote") {
      depth += 1;
      if (!isGmailBlockquote(node.attribs)) cites += 1;
    }
    if (name === "pre") pre += 1;
    if (name === "li") buf = "- ";
    stack.push({ node, exit: true });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, exit: false });
  }
  flush();
  return lines;
}

/** Plain text of an HTML body, blockquoted lines prefixed with "> " as mail clients do. */
export function htmlToText(html: string): string {
  return htmlToLines(html)
    .map((l) => (l.depth > 0 ? `${">".repeat(l.depth)} ${l.text}`.trimEnd() : l.text))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
