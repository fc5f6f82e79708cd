import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";

const REASONS = ["alert_responder", "rule", "mentioned"] as const;
type Reason = (typeof REASONS)[number];

/** Why someone watches a conversation, in words (an unknown reason is shown as given). */
export function watchReason(reason: string, t: TFunction): string {
  return (REASONS as readonly string[]).includes(reason) ? t(`conversation.watchers.reasons.${reason as Reason}`) : reason.replace(/_/g, " ");
}

/** The people following this conversation besides its assignee, and why (alert responder, routing rule, mentioned). */
export function WatchersPanel({ watchers }: { watchers: ConversationDetail["watchers"] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="watchers-title">
      <h2 id="watchers-title" className="section-title">
        {t("conversation.watchers.title")}
      </h2>
      {watchers.length === 0 ? (
        <p className="muted">{t("conversation.watchers.none")}</p>
      ) : (
        <ul className="watchers">
          {watchers.map((w) => (
            <li key={w.id}>
              <span className="watchers__name">{w.name}</span> <span className="muted">({watchReason(w.reason, t)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
