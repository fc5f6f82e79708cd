import {
  bounceProse,
  isDaemonLocalPart,
  parseDeliveryStatus,
  proseRecipients,
  proseStatus,
  returnedMessageId,
  type RecipientStatus,
} from "./delivery-status.js";
import type { ParsedEmail } from "./parse.js";

export type EmailKind = "message" | "bounce" | "auto_reply" | "feedback_report";
export type BounceInfo = {
  recipients: string[];
  /** RFC 3463 enhanced status code ("5.1.1"), when the report gives or implies one. */
  status?: string;
  /** Message-ID (with angle brackets) of our message that bounced, when the report returns it. */
  originalMessageId?: string;
  /** The address is bad (5.x.x); false for delays and temporary failures. */
  permanent: boolean;
  /** The remote server's diagnostic, for the failed message's error (never logged). */
  diagnostic?: string;
};
export type Classification = {
  kind: EmailKind;
  /** Short code naming the evidence ("dsn", "auto-submitted", "subject"…): safe to log. */
  reason: string;
  bounce?: BounceInfo;
  /** Never send an automatic acknowledgement to this sender (RFC 3834 and mail-loop protection). */
  suppressAutoReply: boolean;
};

const alt = (words: string[]) => words.join("|");

// Subjects of non-standard bounces, by MTA and language. Anchored: a family's "Re: delivery" is not one.
const BOUNCE_SUBJECT = new RegExp(
  `^(?:(?:fw|fwd|re)\\s*:\\s*)?(?:\\[postmaster\\]\\s*)?(?:${alt([
    "undeliver(?:able|ed)", "delivery status notification", "mail delivery status", "delivery (?:status )?notification",
    "delivery (?:failure|failed|problem|report|error)", "delivery has failed", "failed delivery", "failure delivery",
    "failure notice", "mail delivery (?:failed|failure|problem|error)", "mail failure", "mail failed", "mail system error",
    "message delivery (?:has )?failed", "message not delivered", "(?:message|mail) could not be delivered",
    "returned mail", "mail returned", "returned to sender", "permanent delivery failure", "permanent error",
    "warning: (?:could not send|message .{1,80} delayed)", "warning--could not send", "delayed mail",
    "there was an error sending your mail", "non-?delivery", "nondeliverable", "email delivery failure",
    "could not send message", "postmaster notif", "delivery delayed", "delivery status", "message delivery failure",
    "mail not delivered", "unable to deliver", "error sending message", "delivery final failure", "message status - undeliverable",
    "no se (?:pudo|ha podido) entregar", "mensaje no entregado", "no entregado", "error de entrega",
    "notificación de estado de (?:la )?entrega", "entrega fallida",
    "non remis", "échec de (?:la )?(?:remise|distribution)", "message non distribué", "non distribuable", "avis de non-remise",
    "unzustellbar", "nicht zustellbar", "übermittlungsfehler", "zustellungsbenachrichtigung", "mail-zustellung fehlgeschlagen",
    "non recapitabil", "impossibile recapitare", "mancato recapito", "notifica sullo stato",
    "não (?:foi possível )?entreg", "falha na entrega", "mensagem não entregue", "onbestelbaar", "niet bezorgd",
    "ваше сообщение не доставлено", "сообщение не доставлено", "не доставлено", "недоставленное сообщение",
    "メッセージを配信できません", "配信不能", "メールエラー通知", "退信", "未送达", "系统退信",
  ])})`,
  "iu",
);
// Prose that only delivery systems write.
const BOUNCE_TEMPLATE = new RegExp(
  alt([
    "this is the mail system at host", "i'm afraid i wasn't able to deliver", "this is the qmail-send program",
    "created automatically by mail delivery software", "delivery to the following recipients? (?:failed|has been delayed)",
    "delivery has failed to these recipients", "your message (?:could not|couldn't|wasn't|was not|cannot|can't) be delivered",
    "your message wasn't delivered", "the following (?:message|addresses|address|recipients?)[^\\n]{0,120}(?:undeliverable|permanent fatal error|could not be delivered|failed)",
    "the original message was received at", "transcript of session follows", "smtp error from remote (?:mail )?server",
    "remote (?:host|server) (?:said|replied|returned)", "diagnostic-code:", "final-recipient:", "reporting-mta:",
    "could not be delivered to (?:one or more|the following)", "message could not be delivered", "unable to deliver (?:your|the) message",
    "permanent (?:fatal )?error", "user unknown", "unknown user", "no such user", "mailbox (?:unavailable|full|not found|is full|does not exist)",
    "recipient address rejected", "address rejected", "host unknown", "unknown host", "no valid recipients",
    "invalid (?:user|recipient) address", "requested action not taken", "failed addresses follow", "(?:550|551|552|553|554)[ -][45]\\.\\d{1,3}\\.\\d{1,3}",
    "delivery (?:attempts|attempt) (?:will continue|failed)", "will (?:continue to )?retry", "could not deliver",
    "no se (?:pudo|ha podido) entregar", "non (?:remis|recapitat)", "unzustellbar", "konnte nicht zugestellt", "не доставлено",
    "配信できません", "the recipient's mailbox", "returned mail", "undeliver", "mail delivery failed",
  ]),
  "i",
);
const SES_NOTIFICATION = /\\?"notificationType\\?"\s*:\s*\\?"(Bounce|Complaint|Delivery)\\?"/;

const AUTO_SUBJECT = new RegExp(
  `^\\[?(?:${alt([
    "auto(?:matic|matische)?[- ]?(?:reply|response|respons|antwort|answer)", "autoreply", "autorespond", "auto:",
    "out of (?:the )?office(?! hours)", "ooo:", "respuesta autom[aá]tica", "fuera de (?:la )?oficina",
    "abwesenheitsnotiz", "automatische antwort", "r[ée]ponse automatique", "absent(?:e)? du bureau", "absence du bureau",
    "risposta automatica", "fuori (?:sede|ufficio)", "resposta autom[aá]tica", "fora do escrit[óo]rio",
    "automatisch antwoord", "автоответ", "автоматический ответ", "autosvar", "automatisk svar",
    "odpowied[źz] automatyczna", "automatick[áa] odpov[ěe]d", "otomatik yan[ıi]t", "自動返信", "自动回复", "自動回覆", "자동 회신",
  ])})`,
  "iu",
);
const AUTO_HEADERS = ["x-autoreply", "x-autorespond", "x-autoresponder", "x-auto-reply", "x-mail-autoreply", "x-autoreply-from", "x-autogenerated", "x-vacation", "x-cron-env", "x-fc-machinegenerated"];

const first = (e: ParsedEmail, name: string): string | null => e.headers[name]?.[0]?.trim() ?? null;
const lower = (v: string | null) => (v ?? "").toLowerCase();

function autoSubmitted(e: ParsedEmail): string | null {
  const v = lower(first(e, "auto-submitted")).split(/[\s;(]/)[0] ?? "";
  return v && v !== "no" ? v : null;
}

function isDaemonSender(e: ParsedEmail): boolean {
  const from = e.from?.address ?? "";
  const raw = lower(first(e, "from"));
  if (from && isDaemonLocalPart(from.split("@")[0]!) && !/^(?:no-?reply|noreply|root)@/.test(from)) return true;
  return /mail delivery (?:system|subsystem|service)|mailer[- _]?daemon|postmaster|mail administrator|system administrator/.test(raw);
}

const nullSender = (e: ParsedEmail): boolean => (e.headers["return-path"] ?? []).some((v) => /^<\s*>$/.test(v.trim()));

function feedbackReason(e: ParsedEmail): string | null {
  if (e.reportType === "feedback-report" || e.report.feedbackReport) return "arf";
  if (lower(first(e, "x-apple-unsubscribe")) === "true") return "unsubscribe-request";
  if (/x-hmxmroriginalrecipient:/i.test(e.report.returnedHeaders ?? "") || /^complaint about message from/i.test(e.subject)) return "jmrp";
  if (/^feedback-type:\s*(?:abuse|fraud|virus|other|not-spam)/im.test(e.text?.slice(0, 8000) ?? "") && /^user-agent:/im.test(e.text ?? "")) return "arf-inline";
  return null;
}

function dsnBounce(e: ParsedEmail, statuses: RecipientStatus[]): Classification {
  if (statuses.length === 0) return { kind: "bounce", reason: "dsn", bounce: proseBounce(e), suppressAutoReply: true };
  // RFC 3464 actions, plus the non-standard "expired" / "deliverable" some MTAs write.
  const ok = (s: RecipientStatus) => s.action !== null && /^(?:delivered|relayed|expanded|deliverable)$/.test(s.action);
  const delayed = statuses.filter((s) => s.action === "delayed" || (s.action === null && s.status?.startsWith("4")));
  const failed = statuses.filter((s) => !ok(s) && !delayed.includes(s) && (s.action !== null || s.status?.startsWith("5")));
  if (failed.length === 0 && delayed.length === 0) {
    return { kind: "auto_reply", reason: "dsn-success", suppressAutoReply: true };
  }
  const relevant = failed.length > 0 ? failed : delayed;
  const status = relevant.find((s) => s.status)?.status ?? undefined;
  const bounce = proseBounce(e, status);
  const recipients = relevant.map((s) => s.recipient).filter(Boolean);
  return {
    kind: "bounce",
    reason: "dsn",
    suppressAutoReply: true,
    bounce: {
      ...bounce,
      recipients: recipients.length > 0 ? [...new Set(recipients)] : bounce.recipients,
      permanent: failed.length > 0 ? (status ? status.startsWith("5") : true) : false,
      ...(relevant.find((s) => s.diagnostic)?.diagnostic ? { diagnostic: relevant.find((s) => s.diagnostic)!.diagnostic! } : {}),
    },
  };
}

const DELAY = /delay|delayed|will (?:continue to )?retry|still being retried|temporar|deferred|could not send (?:mail|message) for (?:the )?past|warning/i;

function proseBounce(e: ParsedEmail, knownStatus?: string): BounceInfo {
  const text = e.text ?? "";
  const prose = bounceProse(text);
  const exclude = new Set<string>([e.from?.address ?? "", ...e.to.map((t) => t.address), ...e.cc.map((t) => t.address)]);
  const failedHeader = (e.headers["x-failed-recipients"] ?? []).flatMap((v) => v.split(/[,\s]+/)).map((a) => a.toLowerCase().replace(/^<|>$/g, ""));
  const recipients = failedHeader.filter((a) => a.includes("@"));
  const status = knownStatus ?? proseStatus(prose) ?? undefined;
  const permanent = status ? status.startsWith("5") : !DELAY.test(`${e.subject}\n${prose.slice(0, 2000)}`);
  const originalMessageId = returnedMessageId(e.report.returnedHeaders, text, e.messageId) ?? undefined;
  return {
    recipients: recipients.length > 0 ? recipients : proseRecipients(prose, exclude),
    permanent,
    ...(status ? { status } : {}),
    ...(originalMessageId ? { originalMessageId } : {}),
  };
}

const LIST_SERVER_HEADERS = ["x-mlserver", "x-ml-name", "x-ml-info", "x-mailman-version", "x-list-administrivia", "list-id"];
const LIST_ADMIN = /^owner-|-(?:admin|owner|request|bounces?)(?:\+[^@]*)?@/i;
const LIST_REJECTION = /\byou\b[^\n]{0,80}\b(?:are|is) not (?:a )?(?:member|subscribed)|loop alert|duplicated message-id|you are not allowed to post/i;

function bounceReason(e: ParsedEmail): string | null {
  if ((e.headers["x-failed-recipients"] ?? []).length > 0) return "x-failed-recipients";
  const exchange = lower(first(e, "x-ms-exchange-generated-message-type"));
  if (/bounce|ndr|dsn/.test(exchange)) return "exchange-ndr";
  const text = e.text?.slice(0, 16_000) ?? "";
  const ses = SES_NOTIFICATION.exec(text);
  if (ses?.[1] === "Bounce") return "ses-notification";
  const subject = BOUNCE_SUBJECT.test(e.subject);
  const template = BOUNCE_TEMPLATE.test(bounceProse(text)) || BOUNCE_TEMPLATE.test(e.report.deliveryStatus ?? "");
  const automatic = autoSubmitted(e) !== null || nullSender(e);
  if (isDaemonSender(e) && (subject || template || automatic || e.report.returnedHeaders)) return "daemon-sender";
  if (subject && (template || automatic || e.report.returnedHeaders)) return "subject";
  if (template && automatic) return "automatic-bounce-text";
  // A list server refusing our message ("you are not a member", "loop alert").
  const listServer = LIST_SERVER_HEADERS.some((h) => e.headers[h]) && LIST_ADMIN.test(e.from?.address ?? "");
  if (listServer && LIST_REJECTION.test(`${e.subject}\n${text.slice(0, 2000)}`)) return "list-server-rejection";
  return null;
}

function autoReplyReason(e: ParsedEmail): string | null {
  const submitted = autoSubmitted(e);
  if (submitted) return `auto-submitted:${submitted}`;
  if (lower(first(e, "precedence")) === "auto_reply") return "precedence";
  for (const h of AUTO_HEADERS) if (e.headers[h] && !/^(?:no|false|0)$/i.test(first(e, h) ?? "")) return h;
  if (/vacation|auto/i.test(first(e, "x-apple-action") ?? "")) return "x-apple-action";
  if (/auto|oof/i.test(first(e, "x-ms-exchange-generated-message-type") ?? "")) return "exchange-auto";
  if (/autorespon/i.test(first(e, "x-post-messageclass") ?? "")) return "x-post-messageclass";
  if (AUTO_SUBJECT.test(e.subject.replace(/^\s*(?:re|aw|sv|vs|antw)\s*:\s*/i, ""))) return "subject";
  const ses = SES_NOTIFICATION.exec(e.text?.slice(0, 16_000) ?? "");
  if (ses?.[1] === "Delivery") return "ses-delivery";
  return null;
}

function suppress(e: ParsedEmail): boolean {
  const precedence = lower(first(e, "precedence"));
  const from = e.from?.address ?? "";
  return (
    /^(?:bulk|junk|list|auto_reply)$/.test(precedence) ||
    Boolean(e.headers["list-id"] || e.headers["list-unsubscribe"] || e.headers["x-auto-response-suppress"]) ||
    nullSender(e) ||
    /^(?:no-?reply|noreply|do-?not-?reply|donotreply|mailer-daemon|postmaster)@/.test(from)
  );
}

/**
 * What an inbound email is: a family's message, or automatic mail that must never open a
 * conversation — a bounce (RFC 3464 or an MTA's own words), an auto-reply / out-of-office
 * (RFC 3834 and vendor headers, subjects in many languages) or an abuse feedback report (ARF).
 */
export function classifyEmail(e: ParsedEmail): Classification {
  const feedback = feedbackReason(e) ?? (SES_NOTIFICATION.exec(e.text?.slice(0, 16_000) ?? "")?.[1] === "Complaint" ? "ses-complaint" : null);
  if (feedback) return { kind: "feedback_report", reason: feedback, suppressAutoReply: true };
  if (e.reportType === "disposition-notification") return { kind: "auto_reply", reason: "read-receipt", suppressAutoReply: true };
  if (e.reportType === "delivery-status" || e.reportType === "global-delivery-status" || e.report.deliveryStatus) {
    return dsnBounce(e, parseDeliveryStatus(e.report.deliveryStatus ?? ""));
  }
  const bounce = bounceReason(e);
  if (bounce) return { kind: "bounce", reason: bounce, bounce: proseBounce(e), suppressAutoReply: true };
  const auto = autoReplyReason(e);
  if (auto) return { kind: "auto_reply", reason: auto, suppressAutoReply: true };
  return { kind: "message", reason: "message", suppressAutoReply: suppress(e) };
}
