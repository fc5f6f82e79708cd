/**
 * Staff-facing notification emails (English: the staff app's working language). They carry the reference, the
 * subject line and a link into the app, never the family's message or contact details: the app is where those are
 * read, behind sign-in.
 */
import { escapeEmailHtml } from "../mail/index.js";

export type NotificationType = "assigned" | "mentioned" | "family_replied" | "alert" | "sla_warning" | "sla_breach" | "triage" | "escalated";

export type NotificationLine = {
  type: NotificationType;
  reference: string | null;
  subject: string | null;
  actorName: string | null;
  data: Record<string, unknown>;
  url: string;
};

const CLOCKS: Record<string, string> = { first_response: "first response", next_response: "next response", resolution: "resolution" };
const str = (v: unknown) => (typeof v === "string" ? v : "");

/** One sentence per notification, used by the instant email, the digest and the in-app feed's text fallback. */
export function describeNotification(n: Pick<NotificationLine, "type" | "reference" | "subject" | "actorName" | "data">): string {
  const ref = n.reference ? `${n.reference} ` : "";
  const subj = n.subject ? `“${n.subject}”` : "";
  switch (n.type) {
    case "assigned":
      return `${n.actorName ? `${n.actorName} assigned you` : "You were assigned"} ${ref}${subj}`.trim();
    case "mentioned":
      return `${n.actorName ?? "Someone"} mentioned you in a note on ${ref}${subj}`.trim();
    case "family_replied":
      return `The family wrote again on ${ref}${subj}`.trim();
    case "alert":
      return `Critical alert (${str(n.data.category).replace(/_/g, " ")}) on ${ref}${subj}`.trim();
    case "sla_warning":
      return `${CLOCKS[str(n.data.clock)] ?? "Response"} due soon on ${ref}${subj}`.trim();
    case "sla_breach":
      return `${CLOCKS[str(n.data.clock)] ?? "Response"} target missed on ${ref}${subj}`.trim();
    case "triage":
      return `${ref}${subj} is waiting in triage: nobody could be chosen automatically`.trim();
    case "escalated":
      return `${ref}${subj} was escalated to you: its ${CLOCKS[str(n.data.clock)] ?? "service"} target was missed`.trim();
  }
}

const esc = escapeEmailHtml;

/** Emails name the conversation by its reference only: its subject is the family's own words, which stay in the app. */
export function renderInstantEmail(districtName: string, n: NotificationLine): { subject: string; text: string; html: string } {
  const line = describeNotification({ ...n, subject: null });
  const prefix = n.type === "alert" ? "[CRITICAL] " : "";
  return {
    subject: `${prefix}${line}`.slice(0, 200),
    text: `${line}\n\nOpen it: ${n.url}\n\n— Front Office, ${districtName}\nYou receive this because of your notification settings.\n`,
    html: `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a"><p>${esc(line)}</p><p><a href="${esc(n.url)}">Open in Front Office</a></p><p style="color:#555;font-size:14px">— Front Office, ${esc(districtName)}. You receive this because of your notification settings.</p></body></html>`,
  };
}

export function renderDigestEmail(districtName: string, lines: NotificationLine[], inboxUrl: string): { subject: string; text: string; html: string } {
  const items = lines.map((l) => ({ text: describeNotification({ ...l, subject: null }), url: l.url }));
  const count = `${lines.length} notification${lines.length === 1 ? "" : "s"}`;
  return {
    subject: `Your Front Office digest: ${count}`,
    text: `${count} since your last digest:\n\n${items.map((i) => `- ${i.text}\n  ${i.url}`).join("\n")}\n\nInbox: ${inboxUrl}\n\n— Front Office, ${districtName}\n`,
    html: `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a"><p>${esc(count)} since your last digest:</p><ul>${items
      .map((i) => `<li><a href="${esc(i.url)}">${esc(i.text)}</a></li>`)
      .join("")}</ul><p><a href="${esc(inboxUrl)}">Open the inbox</a></p><p style="color:#555;font-size:14px">— Front Office, ${esc(districtName)}</p></body></html>`,
  };
}
