import type { Language } from "../../../common/enums.js";

export type EmailTemplate =
  | { kind: "acknowledgement"; districtName: string; reference: string; topic: string; statusUrl: string; promise: string; message: string }
  | { kind: "reply"; districtName: string; reference: string; staffName: string; body: string; statusUrl: string }
  | { kind: "rating_request"; districtName: string; reference: string; rateUrl: string };

/** Escapes text for the HTML part of an email (numeric character references, which every mail client reads). */
export const escapeEmailHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const esc = escapeEmailHtml;

const STRINGS = {
  en: {
    ackSubject: (r: string, t: string) => `[${r}] We received your message: ${t}`,
    ackIntro: (d: string) => `Thank you for contacting ${d}. We received your message.`,
    reference: "Your reference number",
    promise: (p: string) => `We will respond ${p}.`,
    yourMessage: "Your message",
    statusLink: "See your conversation, read replies and write back (no account needed):",
    replySubject: (r: string) => `[${r}] A reply to your message`,
    replyFooter: "Reply to this email, or use your private link to read the whole conversation and write back:",
    ratingSubject: (r: string) => `[${r}] How did we do?`,
    ratingIntro: (d: string) => `${d} marked your conversation as resolved. Please take a minute to rate our answer.`,
    ratingLink: "Rate our answer (accuracy, timeliness and courtesy, 1 to 10):",
    privacy: "This link is private to you. Please do not share it.",
  },
  es: {
    ackSubject: (r: string, t: string) => `[${r}] Recibimos su mensaje: ${t}`,
    ackIntro: (d: string) => `Gracias por comunicarse con ${d}. Recibimos su mensaje.`,
    reference: "Su número de referencia",
    promise: (p: string) => `Le responderemos ${p}.`,
    yourMessage: "Su mensaje",
    statusLink: "Vea su conversación, lea las respuestas y escríbanos (no necesita cuenta):",
    replySubject: (r: string) => `[${r}] Una respuesta a su mensaje`,
    replyFooter: "Responda a este correo, o use su enlace privado para leer toda la conversación y escribirnos:",
    ratingSubject: (r: string) => `[${r}] ¿Cómo lo hicimos?`,
    ratingIntro: (d: string) => `${d} marcó su conversación como resuelta. Por favor, tome un minuto para calificar nuestra respuesta.`,
    ratingLink: "Califique nuestra respuesta (exactitud, rapidez y cortesía, del 1 al 10):",
    privacy: "Este enlace es solo para usted. Por favor, no lo comparta.",
  },
} as const;

function html(paragraphs: string[], link?: { href: string; text: string }): string {
  const body = paragraphs.map((p) => `<p>${esc(p).replace(/\n/g, "<br>")}</p>`).join("\n");
  const a = link ? `<p><a href="${esc(link.href)}">${esc(link.text)}</a></p>` : "";
  return `<!doctype html><html><body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a">${body}${a}</body></html>`;
}

/** Family-facing emails in the conversation's language, as plain text and simple HTML. */
export function renderEmail(lang: Language, t: EmailTemplate): { subject: string; text: string; html: string } {
  const s = STRINGS[lang];
  switch (t.kind) {
    case "acknowledgement": {
      const paras = [
        s.ackIntro(t.districtName),
        `${s.reference}: ${t.reference}`,
        s.promise(t.promise),
        `${s.yourMessage}:\n${t.message}`,
        s.statusLink,
      ];
      return {
        subject: s.ackSubject(t.reference, t.topic),
        text: `${paras.join("\n\n")}\n${t.statusUrl}\n\n${s.privacy}\n`,
        html: html(paras, { href: t.statusUrl, text: t.statusUrl }) + "",
      };
    }
    case "reply": {
      const paras = [t.body, `— ${t.staffName}, ${t.districtName}`, s.replyFooter];
      return {
        subject: s.replySubject(t.reference),
        text: `${paras.join("\n\n")}\n${t.statusUrl}\n\n${s.reference}: ${t.reference}\n`,
        html: html(paras, { href: t.statusUrl, text: t.statusUrl }),
      };
    }
    case "rating_request": {
      const paras = [s.ratingIntro(t.districtName), s.ratingLink];
      return {
        subject: s.ratingSubject(t.reference),
        text: `${paras.join("\n\n")}\n${t.rateUrl}\n\n${s.privacy}\n`,
        html: html(paras, { href: t.rateUrl, text: t.rateUrl }),
      };
    }
  }
}
