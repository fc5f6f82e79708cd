import { desc, eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { outboundEmails } from "../../db/schema/index.js";
import type { AppDeps } from "../context.js";
import { html, type SafeHtml } from "../public/html.js";
import { page, setPageHeaders } from "../public/layout.js";
import { PUBLIC } from "../public/request.js";

const LIST_LIMIT = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Email text with its links clickable. Links to this app's public URL become host-relative, so a
 * developer (or a browser test) on any host and port lands on the page the family would open.
 */
export function linkify(text: string, publicUrl: string): SafeHtml {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return html`${parts.map((part, i) => {
    if (i % 2 === 0) return part;
    const url = part.replace(/[.,;:!?)]+$/, "");
    const tail = part.slice(url.length);
    const href = url.startsWith(`${publicUrl}/`) ? url.slice(publicUrl.length) : url;
    return html`<a href="${href}">${url}</a>${tail}`;
  })}`;
}

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19) + " UTC";

/**
 * The development mail sink: every email Front Office queued, newest first, across districts (a developer
 * tool, never mounted in production). Only registered when `deps.devOutbox` is on; otherwise these URLs are 404.
 */
export function devOutboxRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    if (!deps.devOutbox) return;
    const db = deps.database.db;

    app.get("/dev/outbox", PUBLIC, async (_req, reply) => {
      const rows = await db
        .select({ id: outboundEmails.id, to: outboundEmails.toAddress, subject: outboundEmails.subject, status: outboundEmails.status, createdAt: outboundEmails.createdAt })
        .from(outboundEmails)
        .orderBy(desc(outboundEmails.createdAt), desc(outboundEmails.id))
        .limit(LIST_LIMIT);
      const body = html`<h1>Development outbox</h1>
<p>The latest ${LIST_LIMIT} emails, newest first. Nothing here left this machine unless SMTP is configured.</p>
${rows.length === 0
  ? html`<p>No emails yet.</p>`
  : html`<table class="outbox"><thead><tr><th scope="col">Time</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Status</th></tr></thead><tbody>
${rows.map((r) => html`<tr><td>${when(r.createdAt)}</td><td>${r.to}</td><td><a href="/dev/outbox/${r.id}">${r.subject}</a></td><td>${r.status}</td></tr>`)}
</tbody></table>`}`;
      return setPageHeaders(reply, { private: true }).send(page({ lang: "en", title: "Development outbox", private: true, body }));
    });

    app.get<{ Params: { id: string } }>("/dev/outbox/:id", PUBLIC, async (req, reply) => {
      const [email] = UUID.test(req.params.id) ? await db.select().from(outboundEmails).where(eq(outboundEmails.id, req.params.id)) : [];
      if (!email) {
        const body = html`<h1>Email not found</h1><p><a href="/dev/outbox">Back to the outbox</a></p>`;
        return setPageHeaders(reply, { private: true }).status(404).send(page({ lang: "en", title: "Email not found", private: true, body }));
      }
      const body = html`<p class="back"><a href="/dev/outbox">Back to the outbox</a></p>
<h1>${email.subject}</h1>
<dl class="facts">
<div><dt>To</dt><dd>${email.toAddress}</dd></div>
<div><dt>From</dt><dd>${email.fromAddress}</dd></div>
${email.replyTo ? html`<div><dt>Reply-To</dt><dd>${email.replyTo}</dd></div>` : ""}
<div><dt>Time</dt><dd>${when(email.createdAt)}</dd></div>
<div><dt>Status</dt><dd>${email.status}${email.lastError ? ` (${email.lastError})` : ""}</dd></div>
<div><dt>Purpose</dt><dd>${email.purpose}</dd></div>
</dl>
<h2>Text</h2>
<div class="email-text">${linkify(email.textBody, deps.publicUrl)}</div>`;
      return setPageHeaders(reply, { private: true }).send(page({ lang: "en", title: email.subject, private: true, body }));
    });
  };
}
