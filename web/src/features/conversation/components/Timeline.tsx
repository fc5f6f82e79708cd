import { useTranslation } from "react-i18next";
import type { ConversationDetail, Message, TimelineEvent } from "../../../../../common/contract/conversations.js";
import { formatBytes } from "../../../lib/format.js";
import type { Meta } from "../../../lib/meta.js";
import { Badge } from "../../../ui/Badge.js";
import { Icon } from "../../../ui/Icon.js";
import { RelativeTime } from "../../../ui/RelativeTime.js";
import { attachmentUrl } from "../api.js";
import { describeEvent } from "../describeEvent.js";
import { evidenceRanges, splitByRanges, type Range } from "../evidence.js";

type Entry = { kind: "message"; at: string; rank: number; message: Message } | { kind: "event"; at: string; rank: number; event: TimelineEvent; lines: string[] };

function DeliveryStatus({ m }: { m: Message }) {
  const { t } = useTranslation();
  if (!m.deliveryStatus) return null;
  if (m.deliveryStatus === "failed") {
    return (
      <Badge tone="danger" icon="alert">
        {m.deliveryError ? t("conversation.timeline.delivery.failedReason", { reason: m.deliveryError }) : t("conversation.timeline.delivery.failed")}
      </Badge>
    );
  }
  return m.deliveryStatus === "sent" ? (
    <Badge tone="success" icon="check">
      {t("conversation.timeline.delivery.sent")}
    </Badge>
  ) : (
    <Badge tone="muted" icon="clock">
      {t("conversation.timeline.delivery.queued")}
    </Badge>
  );
}

/** A message body with an alert's evidence marked (text, not colour alone: a screen reader hears where it starts). */
function Body({ body, ranges }: { body: string; ranges: Range[] }) {
  const { t } = useTranslation();
  if (ranges.length === 0) return <div className="msg__body">{body}</div>;
  return (
    <div className="msg__body">
      {splitByRanges(body, ranges).map((p, i) =>
        p.marked ? (
          <mark key={i} className="evidence">
            <span className="sr-only">{t("conversation.alerts.evidenceStart")} </span>
            {p.text}
            <span className="sr-only"> {t("conversation.alerts.evidenceEnd")}</span>
          </mark>
        ) : (
          p.text
        ),
      )}
    </div>
  );
}

function MessageItem({ m, conversationId, contactName, ranges }: { m: Message; conversationId: string; contactName: string | null; ranges: Range[] }) {
  const { t, i18n } = useTranslation();
  const author = m.author.name ?? (m.direction === "inbound" ? (contactName ?? t("conversation.timeline.family")) : t("conversation.timeline.someone"));
  const label =
    m.direction === "note" ? t("conversation.timeline.internalNote") : m.direction === "outbound" ? t("conversation.timeline.reply") : t("conversation.timeline.via", { channel: t(`enums.channelPhrase.${m.channel}`) });
  const headingId = `msg-${m.id}`;
  return (
    // Focusable from the alerts panel and the reply-collision dialog ("Show their reply").
    <article className={`msg msg--${m.direction}`} aria-labelledby={headingId} id={`message-${m.id}`} tabIndex={-1}>
      <header className="msg__head">
        <h3 className="msg__author" id={headingId}>
          {m.direction === "note" ? <Icon name="lock" /> : null}
          <span>{author}</span>
          <span className="msg__label">{label}</span>
        </h3>
        <RelativeTime iso={m.createdAt} className="msg__time" />
      </header>
      <Body body={m.body} ranges={ranges} />
      {m.quotedText ? (
        <details className="msg__quoted">
          <summary>{t("conversation.timeline.showQuoted")}</summary>
          <div className="msg__body msg__body--quoted">{m.quotedText}</div>
        </details>
      ) : null}
      {m.attachments.length > 0 ? (
        <ul className="msg__attachments" aria-label={t("conversation.timeline.attachments")}>
          {m.attachments.map((a) => (
            <li key={a.id}>
              <a href={attachmentUrl(conversationId, a.id)} download={a.filename}>
                <Icon name="paperclip" />
                {a.filename}
              </a>{" "}
              <span className="msg__size">({formatBytes(a.size, i18n.language)})</span>
            </li>
          ))}
        </ul>
      ) : null}
      {m.direction === "outbound" ? (
        <p className="msg__delivery">
          <span className="sr-only">{t("conversation.timeline.delivery.label")}: </span>
          <DeliveryStatus m={m} />
        </p>
      ) : null}
    </article>
  );
}

/** Family messages, staff replies, internal notes and events, oldest first, in one list. */
export function Timeline({ conversation, meta }: { conversation: ConversationDetail; meta: Meta }) {
  const { t, i18n } = useTranslation();
  const contactName = conversation.contact?.name ?? null;
  const names = { meta, lang: i18n.language, contactName };
  const highlights = new Map<string, Range[]>();
  for (const m of conversation.messages) {
    const evidence = conversation.alerts.filter((a) => a.messageId === m.id).flatMap((a) => a.evidence);
    if (evidence.length > 0) highlights.set(m.id, evidenceRanges(m.body, evidence, conversation.subject));
  }
  const entries: Entry[] = [
    ...conversation.messages.map((message): Entry => ({ kind: "message", at: message.createdAt, rank: 1, message })),
    ...conversation.events
      .map((event): Entry => ({ kind: "event", at: event.createdAt, rank: event.type === "conversation.created" ? 0 : 2, event, lines: describeEvent(event, t, names) }))
      .filter((e) => e.kind === "event" && e.lines.length > 0),
  ];
  // "Conversation received" opens the timeline even when it was stamped a moment after the first message.
  entries.sort((a, b) => (a.rank === 0 ? -1 : b.rank === 0 ? 1 : Date.parse(a.at) - Date.parse(b.at) || a.rank - b.rank));
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title" className="section-title">
        {t("conversation.timeline.title")}
      </h2>
      <ol className="timeline__list">
        {entries.map((e) =>
          e.kind === "message" ? (
            <li key={e.message.id} className="timeline__item">
              <MessageItem m={e.message} conversationId={conversation.id} contactName={contactName} ranges={highlights.get(e.message.id) ?? []} />
            </li>
          ) : (
            <li key={e.event.id} className="timeline__item timeline__event">
              <Icon name="dot" />
              <span className="timeline__event-text">
                {e.lines.map((line, i) => (
                  <span key={i} className="timeline__event-line">
                    {line}
                  </span>
                ))}
              </span>
              <RelativeTime iso={e.event.createdAt} className="timeline__time" />
            </li>
          ),
        )}
      </ol>
    </section>
  );
}
