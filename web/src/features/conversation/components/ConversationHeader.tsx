import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";
import { PriorityBadge, StatusBadge } from "../../../lib/badges.js";
import { topicName, useMeta } from "../../../lib/meta.js";
import { Badge } from "../../../ui/Badge.js";
import { Icon } from "../../../ui/Icon.js";
import { DateTime } from "../../../ui/RelativeTime.js";
import { DueChips } from "../../inbox/components/DueChips.js";

/** Reference, subject, status and priority, then every classification field in one list. */
export function ConversationHeader({ c }: { c: ConversationDetail }) {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const rows: [string, string][] = [
    [t("conversation.topic"), topicName(meta, c.topic, i18n.language) ?? t("conversation.none")],
    [t("conversation.department"), c.department?.name ?? t("conversation.none")],
    [t("conversation.school"), c.school?.name ?? t("conversation.none")],
    [t("conversation.assignee"), c.assignee?.name ?? t("conversation.unassigned")],
    [t("conversation.channel"), t(`enums.channel.${c.channel}`)],
    [t("conversation.language"), t(`enums.language.${c.language}`)],
    [t("conversation.requesterRole"), t(`enums.requesterRole.${c.requesterRole}`)],
  ];
  return (
    <header className={c.alertStatus === "active" ? "convhead convhead--alert" : "convhead"}>
      {c.alertStatus === "active" ? (
        <p className="convhead__alert">
          <Icon name="alert" />
          {t("alerts.criticalAlert")}
        </p>
      ) : null}
      <p className="convhead__ref">
        <span className="sr-only">{t("conversation.reference")}: </span>
        {c.reference}
      </p>
      <h1 className="convhead__title" id="main-title" tabIndex={-1}>
        {c.subject}
      </h1>
      <div className="convhead__badges">
        <span className="sr-only">{t("conversation.status")}: </span>
        <StatusBadge status={c.status} />
        <span className="sr-only">{t("conversation.priority")}: </span>
        <PriorityBadge priority={c.priority} />
        <span className="sr-only">{t("conversation.kind")}: </span>
        <Badge tone="neutral">{t(`enums.kind.${c.kind}`)}</Badge>
        {c.inTriage ? (
          <Badge tone="warning" icon="filter">
            {t("inbox.list.inTriage")}
          </Badge>
        ) : null}
        <DueChips c={c} />
      </div>
      {c.tags.length > 0 || c.cluster ? (
        <div className="convhead__extra">
          {c.tags.length > 0 ? (
            <ul className="tags" aria-label={t("inbox.list.tags")}>
              {c.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
          {c.cluster ? (
            <Link to="/clusters/$clusterId" params={{ clusterId: c.cluster.id }} className="convhead__cluster">
              <Icon name="group" />
              {t("clusters.badge", { title: c.cluster.title })}
            </Link>
          ) : null}
        </div>
      ) : null}
      <dl className="convhead__details">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        <div>
          <dt>{t("conversation.received")}</dt>
          <dd>
            <DateTime iso={c.createdAt} />
          </dd>
        </div>
      </dl>
    </header>
  );
}
