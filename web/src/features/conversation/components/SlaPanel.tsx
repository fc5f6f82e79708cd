import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";
import { formatDateTime, formatRelative } from "../../../lib/format.js";
import { Badge } from "../../../ui/Badge.js";
import { Icon } from "../../../ui/Icon.js";
import { useNow } from "../../inbox/hooks/useNow.js";
import type { SlaClock } from "../../inbox/sla.js";

type Row = { clock: SlaClock; due: string | null; doneAt: string | null };

/**
 * The service-standard clocks: when the first response, the next response and the resolution are due, in the
 * viewer's own time zone with relative wording ("in 3 hours", "2 days ago"), whether they are paused while waiting
 * on the family, and which targets were missed.
 */
export function SlaPanel({ conversation: c }: { conversation: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const lang = i18n.language;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const rows: Row[] = [
    { clock: "first_response", due: c.sla.firstResponseDueAt, doneAt: c.firstResponseAt },
    { clock: "next_response", due: c.sla.nextResponseDueAt, doneAt: null },
    { clock: "resolution", due: c.sla.resolutionDueAt, doneAt: c.resolvedAt },
  ];
  const when = (iso: string) => (
    <time dateTime={iso}>
      {formatDateTime(iso, lang)} ({formatRelative(iso, lang, now)})
    </time>
  );
  return (
    <section className="panel slapanel" aria-labelledby="sla-title">
      <h2 id="sla-title" className="section-title">
        {t("conversation.sla.title")}
      </h2>
      {c.sla.paused ? (
        <p className="slapanel__paused">
          <Icon name="pause" />
          {t("conversation.sla.paused")}
        </p>
      ) : null}
      <dl className="deflist">
        {rows.map((r) => {
          const missed = c.sla.breached.includes(r.clock);
          const overdue = r.due !== null && Date.parse(r.due) <= now.getTime();
          return (
            <div key={r.clock}>
              <dt>{t(`conversation.sla.clocks.${r.clock}`)}</dt>
              <dd className="slapanel__value">
                {r.doneAt && r.clock !== "next_response" ? (
                  <span>
                    {t(r.clock === "resolution" ? "conversation.sla.resolved" : "conversation.sla.answered")} {when(r.doneAt)}
                  </span>
                ) : r.due && c.sla.paused ? (
                  <span>{t("conversation.sla.pausedClock")}</span>
                ) : r.due ? (
                  <span className={overdue ? "slapanel__overdue" : undefined}>
                    {overdue ? t("conversation.sla.pastDue") : t("conversation.sla.due")} {when(r.due)}
                  </span>
                ) : (
                  <span className="muted">{t("conversation.sla.noTarget")}</span>
                )}
                {missed ? (
                  <Badge tone="danger" icon="x">
                    {t("conversation.sla.missed")}
                  </Badge>
                ) : null}
              </dd>
            </div>
          );
        })}
      </dl>
      <p className="slapanel__zone muted">{t("conversation.sla.zone", { zone })}</p>
    </section>
  );
}
