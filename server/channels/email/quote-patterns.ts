// Line patterns that mark where quoted history starts in a reply, in the languages and clients
// families write from. Patterns describe the shape of a header (date, sender, verb, colon), never
// one message, so they carry over to mail we have not seen.

const alt = (words: string[]) => words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+")).join("|");

// The verb that ends (or sits inside) an attribution line: "…, Ana <a@x> wrote:".
const WROTE = alt([
  "wrote", "writes", "sent", "said",
  "escribió", "escribio", "escribe",
  "escreveu", "escreve",
  "a écrit", "a ecrit", "écrit",
  "schrieb", "schreibt", "geschrieben",
  "ha scritto", "scritto", "scrisse",
  "het volgende geschreven", "schreef", "geschreven", "verzond",
  "skrev", "skriver", "skrifaði", "kirjoitti",
  "napisał(a)", "napisała", "napisał", "napisal", "pisze", "napsal(a)", "napsala", "napsal", "napísal",
  "napisao", "napisala", "je napisal",
  "написал(а)", "написала", "написал", "пишет", "пише", "написав", "написа",
  "yazdı", "ezt írta", "írta", "a scris", "menulis", "đã viết", "έγραψε", "rašė", "rakstīja", "kirjutas",
  "写道", "寫道", "작성", "のメッセージ", "書きました", "כתב", "כתבה", "كتب",
]);
const VERB_END = new RegExp(`(?:(?:^|[\\s>)\\]"'»,])(?:${WROTE})|写道|寫道|のメッセージ)\\s*[:：]?$`, "iu");
const VERB_ANY = new RegExp(`(?:^|[\\s>)\\]"'»,(])(?:${WROTE})(?=$|[\\s:：(<])`, "iu");
// Words that open "On <date>, <person> wrote:" in other languages.
const LEAD = alt(["On", "Le", "El", "Em", "Am", "Op", "Il giorno", "Il", "In data", "W dniu", "Dnia", "Den", "På", "Pe", "Pada", "Vào", "Στις", "Dne", "В", "Kun", "Quoting", "Citando", "Zitat von"]);
const LEAD_START = new RegExp(`^(?:${LEAD})\\s`, "iu");
const LEAD_INSIDE = new RegExp(`^(.*?\\S)\\s*(?:-{2,}\\s*)?((?:${LEAD})\\s.*)$`, "u");

const EMAIL = /[^\s<>()[\]@"']+@[^\s<>()[\]@]+\.[^\s<>()[\]@]+/u;
const TIME = /(?:^|\D)\d{1,2}[:.h]\d{2}(?:\D|$)/u;
const YEAR = /(?:^|\D)(?:19|20)\d{2}(?:\D|$)|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|\d{4}年|\d{4}년/u;
const NUMERIC_DATE = /\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}/u;
const ENDS_COLON = /[:：]\s*$/u;
// How attribution lines begin: a lead word, a date ("pн, 5 янв.", "2014-10-17", "Thu, 26 Jun"), or the sender.
const DATE_START = /^(?:\p{L}{1,4}\.?,?\s+|\p{L}{5,12}\.?,\s+)?\d/u;
const SENDER_START = /^(?:[^<>@:]{0,80}<[^<>\s]+@[^<>\s]+>|[^\s<>@]+@[^\s<>@]+\s|"[^"]{1,80}"\s)/u;
const EMAIL_BEFORE_VERB = new RegExp(`@[^\\s<>]+[>)\\]"']*\\s*(?:${WROTE})\\s*[:：]?$`, "iu");

export type HeaderStrength = "strong" | "weak";

const clean = (raw: string): string =>
  raw
    .replace(/[\s\u00a0]+/g, " ")
    .replace(/^[\s>*-]+/, "")
    .replace(/[\s*-]+$/, "")
    .trim();

/** Whether a line begins the way attributions do (a lead word, a date, the sender): the first line of a wrapped one. */
export function startsLikeAttribution(line: string): boolean {
  const text = clean(line);
  return LEAD_START.test(text) || DATE_START.test(text) || SENDER_START.test(text);
}

/** Whether `text` (an attribution, already joined from up to three lines) introduces quoted history.
 * "strong" headers quote what follows whatever it is; "weak" ones ("Ana wrote:") only a trailing
 * block of ">" lines, so a parent quoting a teacher mid-message keeps the quote. */
export function attributionStrength(raw: string): HeaderStrength | null {
  const text = clean(raw);
  if (text.length < 6 || text.length > 400) return null;
  const email = EMAIL.test(text);
  const dated = TIME.test(text) || YEAR.test(text);
  const headerLike = LEAD_START.test(text) || DATE_START.test(text) || SENDER_START.test(text) || EMAIL_BEFORE_VERB.test(text);
  if (VERB_END.test(text)) {
    if (headerLike && (email || dated)) return "strong";
    if (text.split(" ").length <= 8) return "weak";
    return null;
  }
  if (!ENDS_COLON.test(text)) {
    return headerLike && email && NUMERIC_DATE.test(text) ? "weak" : null;
  }
  if (!headerLike) return null;
  if (VERB_ANY.test(text) && (email || dated)) return "strong";
  // "пн, 5 янв. 2026 г. в 09:14, Ana <a@x>:", "2014-10-17 11:28 GMT+03:00 Bob <b@x>:"
  if (email && dated && /(?:[>)\]"]|@\S+)\s*[:：]\s*$/u.test(text)) return "strong";
  return null;
}

/** Splits "reply text On <date>, <person> wrote:" into the reply and the header, when they share a line. */
export function splitLeadingText(line: string): [string, string] | null {
  if (line.length > 1000) return null;
  const m = LEAD_INSIDE.exec(line);
  if (!m || !m[1] || !m[2] || /^[\s>]*$/.test(m[1])) return null;
  return [m[1].replace(/-+$/, "").trimEnd(), m[2]];
}

// "-----Original Message-----" and its translations.
const ORIGINAL = alt([
  "Original Message", "Reply Message", "Original message", "Ursprüngliche Nachricht", "Originalnachricht",
  "Antwort Nachricht", "Oprindelig meddelelse", "Oprindelig besked", "Original meddelelse", "Mensaje original",
  "Mensagem original", "Message d'origine", "Message original", "Messaggio originale", "Oorspronkelijk bericht",
  "Origineel bericht", "Исходное сообщение", "Оригинальное сообщение", "Wiadomość oryginalna",
  "Oryginalna wiadomość", "Původní zpráva", "Pôvodná správa", "Alkuperäinen viesti", "Ursprungligt meddelande",
  "Opprinnelig melding", "Originalmelding", "Orijinal mesaj", "Özgün ileti", "Eredeti üzenet", "Mesaj original",
  "Mesajul original", "Izvorna poruka", "Originalna poruka", "Αρχικό μήνυμα", "原始邮件", "原始郵件", "元のメッセージ",
  "원본 메시지", "Thư gốc", "Pesan asli", "Pesan Asli",
]);
const ORIGINAL_LINE = new RegExp(`^[\\s>]*[-_=*~]*\\s*(?:${ORIGINAL})\\s*[-_=*~]*\\s*:?\\s*$`, "iu");

const FORWARD = alt([
  "Forwarded message", "Forwarded Message", "Forwarded e-mail", "Forwarded email", "Mensaje reenviado",
  "Correo reenviado", "Mensagem encaminhada", "Mensagem reencaminhada", "Message transféré", "Message réexpédié",
  "Weitergeleitete Nachricht", "Messaggio inoltrato", "Doorgestuurd bericht", "Doorgestuurd Bericht",
  "Пересылаемое сообщение", "Пересланное сообщение", "Videresendt meddelelse", "Videresendt melding",
  "Vidarebefordrat meddelande", "Przekazana wiadomość", "Wiadomość przekazana dalej", "Přeposlaná zpráva",
  "Välitetty viesti", "İletilen mesaj", "Továbbított üzenet", "Mesaj redirecționat", "Προωθημένο μήνυμα",
  "转发的邮件", "轉寄的郵件", "転送されたメッセージ", "전달된 메시지", "Thư được chuyển tiếp", "Pesan terusan",
]);
const FORWARD_LINE = new RegExp(`^\\s*[-_=*]{2,}\\s*(?:${FORWARD})\\s*[-_=*]*\\s*$`, "iu");
const FORWARD_INTRO = new RegExp(
  `^\\s*(?:${alt([
    "Begin forwarded message", "Inicio del mensaje reenviado", "Comienzo del mensaje reenviado",
    "Début du message réexpédié", "Début du message transféré", "Anfang der weitergeleiteten Nachricht",
    "Inizio messaggio inoltrato", "Início da mensagem reencaminhada", "Início da mensagem encaminhada",
    "Begin doorgestuurd bericht", "Начало переадресованного сообщения",
  ])})\\s*[:：]?\\s*$|^\\s*-{2,}\\s*Forwarded by .{1,120}-{2,}\\s*$`,
  "iu",
);

export const isOriginalMessageLine = (line: string): boolean => line.length < 120 && ORIGINAL_LINE.test(line);
export const isForwardLine = (line: string): boolean => line.length < 200 && (FORWARD_LINE.test(line) || FORWARD_INTRO.test(line));
/** A rule line: dashes, underscores, equals signs (Outlook's "________" before "From:"). */
export const isRuleLine = (line: string): boolean => /^\s*(?:[-_=*~#+]\s*){3,}$/.test(line) && line.length < 200;

// Header fields of a quoted message block ("From: … Sent: … To: … Subject:"), by meaning.
const FIELD_NAMES: Record<"from" | "date" | "to" | "cc" | "subject", string[]> = {
  from: ["From", "De", "Von", "Van", "Da", "Fra", "Från", "Frá", "Od", "От", "Від", "Kimden", "Feladó", "Lähettäjä", "Lähettäjä", "Absender", "Expéditeur", "Remitente", "Mittente", "Afzender", "Dari", "Từ", "Από", "差出人", "发件人", "寄件者", "寄件人", "보낸 사람", "Nadawca"],
  date: ["Date", "Sent", "Sent at", "Datum", "Fecha", "Enviado", "Enviado el", "Enviada em", "Envoyé", "Envoyé le", "Gesendet", "Inviato", "Verzonden", "Verstuurd", "Sendt", "Skickat", "Wysłano", "Wysłane", "Data", "Dato", "Отправлено", "Дата", "Відправлено", "Päivämäärä", "Lähetetty", "Gönderildi", "Gönderilme", "Tarih", "Küldve", "Dátum", "Odesláno", "Trimis", "Ημερομηνία", "Στάλθηκε", "送信日時", "日期", "发送时间", "時間", "날짜", "보낸 날짜", "Ngày", "Tanggal", "Terkirim"],
  to: ["To", "Para", "À", "A", "An", "Aan", "Til", "Till", "Do", "Кому", "Kime", "Címzett", "Vastaanottaja", "Komu", "Către", "Προς", "Kepada", "Đến", "宛先", "收件人", "收件者", "받는 사람", "Destinatario", "Destinataire", "Empfänger"],
  cc: ["Cc", "CC", "Kopie", "Kopia", "Копия", "Copie", "Copie à", "DW", "Bilgi", "Másolatot kap", "Kopio", "Kópia", "Копія", "抄送", "副本", "참조"],
  subject: ["Subject", "Asunto", "Assunto", "Objet", "Betreff", "Oggetto", "Onderwerp", "Emne", "Ämne", "Temat", "Тема", "Konu", "Tárgy", "Aihe", "Předmět", "Predmet", "Subiect", "Θέμα", "Perihal", "Subjek", "Chủ đề", "件名", "主题", "主旨", "제목"],
};
const FIELD_RES = Object.entries(FIELD_NAMES).map(
  ([kind, names]) => [kind, new RegExp(`^\\s*[*_]{0,2}\\s*(?:${alt(names)})\\s*[*_]{0,2}\\s?[:：]\\s?[*_]{0,2}(.*)$`, "iu")] as const,
);

export type FieldKind = keyof typeof FIELD_NAMES;
/** The header field a line of a quoted header block is ("From: …" → "from"), with its value. */
export function fieldOf(line: string): { kind: FieldKind; value: string } | null {
  if (line.length > 600) return null;
  for (const [kind, re] of FIELD_RES) {
    const m = re.exec(line);
    if (m) return { kind: kind as FieldKind, value: (m[1] ?? "").trim() };
  }
  return null;
}
/** A "Label : value" line that carries a date ("Message du : 12/12/2016 13:20") just above a header block. */
export const isDatedLabelLine = (line: string): boolean =>
  line.length < 120 && /^\s*[\p{L}][\p{L} ]{0,24}\s?[:：]\s*\S/u.test(line) && (TIME.test(line) || NUMERIC_DATE.test(line));

// Mobile and app footers ("Sent from my iPhone", "Enviado desde mi iPhone", "Get Outlook for iOS").
const MOBILE = new RegExp(
  `^\\s*(?:${alt([
    "Sent from", "Sent with", "Sent via", "Sent using", "Sent on the go", "Get Outlook for", "Obtener Outlook para",
    "Descargar Outlook para", "Enviado desde", "Enviado con", "Enviado do", "Enviado a partir", "Enviado de meu",
    "Enviado de mi", "Enviado via", "Envoyé de", "Envoyé depuis", "Envoyé à partir de", "Envoyé avec",
    "Télécharger Outlook pour", "Téléchargez Outlook pour", "Gesendet von", "Gesendet mit", "Gesendet vom",
    "Von meinem", "Outlook für", "Holen Sie sich Outlook für", "Inviato da", "Inviato dal", "Inviato con",
    "Scarica Outlook per", "Verzonden met", "Verzonden vanaf", "Verzonden van", "Verstuurd vanaf", "Verstuurd met",
    "Отправлено с", "Отправлено из", "Wysłane z", "Wysłano z", "Skickat från", "Sendt fra", "Lähetetty",
    "Baixe o Outlook para", "Obter o Outlook para",
  ])})(?:\\s|$).{0,80}$|^\\s*(?:iPhoneから送信|iPadから送信|从我的\\s?iPhone\\s?发送|發自我的\\s?iPhone|来自我的\\s?iPhone|從我的\\s?iPhone\\s?傳送)\\s*$`,
  "iu",
);

/** A one-line mobile or app footer; not a sentence that happens to start with "Sent from". */
export function isMobileSignature(line: string): boolean {
  if (line.length > 120 || !MOBILE.test(line)) return false;
  const words = line.replace(/<[^>]*>|\([^)]*\)|\[[^\]]*\]/g, " ").trim().split(/\s+/);
  if (words.length > 9) return false;
  return !(/,\s+\p{Ll}/u.test(line) && /[.!?]\s*$/.test(line));
}

/** "-- " (RFC 3676), "--" and underscore rules that open a signature block. */
export const isSignatureDelimiter = (line: string): boolean => /^\s*(?:--|__|___)\s*$/.test(line) || line === "-- ";
