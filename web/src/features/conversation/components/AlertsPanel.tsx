import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";
import { Badge } from "../../../ui/Badge.js";
import { Button } from "../../../ui/Button.js";
import { Icon } from "../../../ui/Icon.js";
import { RelativeTime } from "../../../ui/RelativeTime.js";
import { AlertActions } from "../../alerts/components/AlertActions.js";
import { useAlertCategoryName } from "../../alerts/categories.js";
import { goToMessage } from "../goToMessage.js";

type AlertItem = ConversationDetail["alerts"][number];

/**
 * The conversation's critical alerts: category, severity, status (who acknowledged, why it was downgraded), the
 * evidence phrases (marked in the message they came from), and Acknowledge / Not critical… while active.
 */
export function AlertsPanel({ conversation: c }: { conversation: ConversationDetail }) {
  const { t } = useTranslation();
  const categoryName = useAlertCategoryName(c.alerts.map((a) => a.category));
  if (c.alerts.length === 0) return null;
  const active = c.alerts.some((a) => a.status === "active");
  return (
    <section className={active ? "panel alertspanel alertspanel--active" : "panel alertspanel"} aria-labelledby="alerts-title">
      <h2 id="alerts-title" className="section-title alertspanel__title">
        <Icon name="alert" />
        {t("conversation.alerts.title")}
      </h2>
      <ul className="alertspanel__list">
        {c.alerts.map((a) => (
          <AlertEntry key={a.id} a={a} category={categoryName(a.category)} reference={c.reference} conversationId={c.id} />
        ))}
      </ul>
    </section>
  );
}

function AlertEntry({ a, category, reference, conversationId }: { a: AlertItem; category: string; reference: string; conversationId: string }) {
  const { t } = useTranslation();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const previous = useRef(a.status);
  // Acknowledging or downgrading removes the buttons; keep focus on this alert rather than losing it.
  useEffect(() => {
    if (previous.current === a.status) return;
    previous.current = a.status;
    const frame = requestAnimationFrame(() => {
      const focused = document.activeElement;
      if (!focused || focused === document.body || !focused.isConnected) titleRef.current?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [a.status]);
  return (
    <li className={`alertitem alertitem--${a.status}`}>
      <h3 className="alertitem__title" ref={titleRef} tabIndex={-1}>
        {a.status === "active" ? <Icon name="alert" /> : <Icon name="check" />}
        {category}
      </h3>
      <div className="alertitem__badges">
        <span className="sr-only">{t("conversation.alerts.severity")}: </span>
        {a.severity === "critical" ? (
          <Badge tone="danger" icon="alert">
            {t("alerts.severity.critical")}
          </Badge>
        ) : (
          <Badge tone="warning" icon="arrowUp">
            {t("alerts.severity.high")}
          </Badge>
        )}
        <span className="sr-only">{t("conversation.alerts.status")}: </span>
        {a.status === "active" ? (
          <Badge tone="danger">{t("alerts.status.active")}</Badge>
        ) : a.status === "acknowledged" ? (
          <Badge tone="success" icon="check">
            {a.acknowledgedBy ? t("alerts.status.acknowledgedBy", { name: a.acknowledgedBy.name }) : t("alerts.status.acknowledged")}
          </Badge>
        ) : (
          <Badge tone="muted">{t("alerts.status.downgraded")}</Badge>
        )}
        <RelativeTime iso={a.createdAt} className="alertitem__time" />
      </div>
      {a.status === "downgraded" && a.downgradeReason ? (
        <p className="alertitem__reason">
          <strong>{t("conversation.alerts.reason")}:</strong> {a.downgradeReason}
        </p>
      ) : null}
      {a.evidence.length > 0 ? (
        <div className="alertitem__evidence">
          <p className="alertitem__label">{t("conversation.alerts.evidence")}</p>
          <ul className="alertitem__phrases">
            {[...new Set(a.evidence.map((e) => e.phrase))].map((phrase) => (
              <li key={phrase}>
                <mark className="evidence">{phrase}</mark>
              </li>
            ))}
          </ul>
          {a.messageId ? (
            <Button size="sm" variant="quiet" onPress={() => goToMessage(a.messageId!)}>
              {t("conversation.alerts.showInMessage")}
            </Button>
          ) : null}
        </div>
      ) : null}
      {a.status === "active" ? <AlertActions alert={{ id: a.id, conversationId, reference, category }} /> : null}
    </li>
  );
}
