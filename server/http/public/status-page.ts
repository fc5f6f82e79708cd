import type { ConversationStatus, Language } from "../../../common/enums.js";
import type { PublicCatalog } from "../../../common/i18n/public.js";
import { promiseText } from "../../../common/utils/promise.js";
import type { FamilyMessage } from "../../domain/conversations/index.js";
import type { DistrictRow } from "../../domain/districts/index.js";
import type { ConversationRow } from "../../db/schema/index.js";
import { inputControl, textareaControl } from "./controls.js";
import { html, type SafeHtml } from "./html.js";
import { errorSummary } from "./layout.js";

/** The status in the family's words: received, in progress, waiting for your answer, resolved. */
export function familyStatus(t: PublicCatalog, status: string): string {
  const map: Record<ConversationStatus, keyof PublicCatalog["statuses"]> = { new: "received", open: "in_progress", pending: "waiting", resolved: "resolved" };
  return t.statuses[map[status as ConversationStatus] ?? "received"];
}

export function formatWhen(d: Date, lang: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { dateStyle: "medium", timeStyle: "short", timeZone }).format(d);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export type StatusView = {
  t: PublicCatalog;
  lang: Language;
  district: DistrictRow;
  conversation: ConversationRow;
  topicName: string | null;
  messages: FamilyMessage[];
  /** Base path of this private page: `/d/<district>/c/<token>`. */
  base: string;
  submitted: boolean;
  sent: boolean;
  ackSent: boolean;
  reply: { message: string; error?: string | undefined; hadFiles: boolean; attachmentsError?: string | undefined };
};

function confirmation(v: StatusView): SafeHtml {
  const { t } = v;
  return html`<div class="panel panel-success">
<h1>${t.submittedTitle}</h1>
<p>${t.referenceLabel}: <strong class="reference">${v.conversation.reference}</strong></p>
<p>${t.promise(promiseText(v.lang, v.district.responseDays))}</p>
${v.ackSent ? html`<p>${t.ackSent}</p>` : ""}
${v.conversation.isAnonymous ? html`<p>${t.anonymousNote}</p>` : ""}
<p><strong>${t.bookmark}</strong></p>
</div>`;
}

function thread(v: StatusView): SafeHtml {
  const { t } = v;
  return html`<ol class="thread">${v.messages.map(
    (m) => html`<li class="message message-${m.direction}">
<p class="meta"><strong>${m.direction === "outbound" ? (m.authorName ?? t.staffFallback) : t.you}</strong> · <time datetime="${m.createdAt.toISOString()}">${formatWhen(m.createdAt, v.lang, v.district.timeZone)}</time></p>
<div class="body">${m.body}</div>
${m.attachments.length > 0
  ? html`<p class="files-title">${t.filesLabel}</p><ul class="files">${m.attachments.map(
      (a) => html`<li><a href="${v.base}/attachments/${a.id}" download>${a.filename}</a> (${formatSize(a.size)})</li>`,
    )}</ul>`
  : ""}
</li>`,
  )}</ol>`;
}

function writeBack(v: StatusView): SafeHtml {
  const { t } = v;
  return html`<section aria-labelledby="write-back"><h2 id="write-back">${t.writeBackTitle}</h2>
<form method="post" action="${v.base}/messages?lang=${v.lang}" enctype="multipart/form-data" novalidate>
${textareaControl(t, { id: "message", label: t.messageLabel, error: v.reply.error, required: true }, { name: "message", value: v.reply.message, rows: 6 })}
${inputControl(t, { id: "attachments", label: t.attachmentsLabel, hint: t.attachmentsHint, note: v.reply.hadFiles ? t.filesNotKept : undefined, error: v.reply.attachmentsError, optionalMark: true }, {
  name: "attachments",
  type: "file",
  value: "",
  multiple: true,
  accept: ".pdf,.png,.jpg,.jpeg,.gif,.webp,.heic,.docx,.xlsx,.txt,application/pdf,image/*,text/plain",
})}
<button type="submit" class="button">${t.writeBackSubmit}</button>
</form></section>`;
}

/** The family's private page: confirmation after submitting, status in their words, the thread, and a way to write back. */
export function statusBody(v: StatusView): SafeHtml {
  const { t, conversation: c } = v;
  const summary = [
    ...(v.reply.error ? [{ href: "#message", text: v.reply.error }] : []),
    ...(v.reply.attachmentsError ? [{ href: "#attachments", text: v.reply.attachmentsError }] : []),
  ];
  return html`${errorSummary(t, summary)}
${v.sent ? html`<p class="panel panel-success" role="status">${t.messageSent}</p>` : ""}
${v.submitted ? confirmation(v) : html`<h1>${t.statusTitle(c.reference)}</h1>`}
<dl class="facts">
<div><dt>${t.referenceLabel}</dt><dd>${c.reference}</dd></div>
<div><dt>${t.statusLabel}</dt><dd><strong class="status status-${c.status}">${familyStatus(t, c.status)}</strong></dd></div>
${v.topicName ? html`<div><dt>${t.topicLabel}</dt><dd>${v.topicName}</dd></div>` : ""}
</dl>
${v.submitted ? "" : html`<p class="hint">${t.bookmark}</p>`}
<section aria-labelledby="thread-title"><h2 id="thread-title">${t.threadTitle}</h2>${thread(v)}</section>
${writeBack(v)}`;
}
