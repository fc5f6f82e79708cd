import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ConversationSummary } from "../../../../../common/contract/conversations.js";
import { PriorityBadge, StatusBadge } from "../../../lib/badges.js";
import { topicName, useMeta } from "../../../lib/meta.js";
import { Badge } from "../../../ui/Badge.js";
import { Icon } from "../../../ui/Icon.js";
import { RelativeTime } from "../../../ui/RelativeTime.js";
import { DueChips } from "./DueChips.js";

function Meta({ label, children }: { label: string; children: string }) {
  return (
    <span className="convitem__meta">
      <span className="sr-only">{label}: </span>
      {children}
    </span>
  );
}

/**
 * One inbox row; the subject is the link and the whole card is its click target. A conversation with an active
 * critical alert is red and says so in words ("Critical alert"), not by colour alone.
 */
export function ConversationListItem({ c, showCluster = true }: { c: ConversationSummary; showCluster?: boolean }) {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const alert = c.alertStatus === "active";
  return (
    <article className={`convitem convitem--${c.status}${alert ? " convitem--alert" : ""}`} aria-labelledby={`conv-${c.id}`}>
      {alert ? (
        <p className="convitem__alert">
          <Icon name="alert" />
          {t("alerts.criticalAlert")}
        </p>
      ) : null}
      <div className="convitem__head">
        <h2 className="convitem__subject" id={`conv-${c.id}`}>
          <Link to="/conversations/$conversationId" params={{ conversationId: c.id }} className="convitem__link">
            {c.subject}
          </Link>
        </h2>
        <RelativeTime iso={c.lastMessageAt} className="convitem__time" />
      </div>
      <p className="convitem__line">
        <span className="convitem__ref">{c.reference}</span>
        <Meta label={t("inbox.list.from")}>{c.contact?.name ?? t("inbox.list.anonymous")}</Meta>
        <Meta label={t("inbox.list.channel")}>{t(`enums.channel.${c.channel}`)}</Meta>
        <Meta label={t("inbox.list.language")}>{t(`enums.language.${c.language}`)}</Meta>
      </p>
      {c.preview ? <p className="convitem__preview">{c.preview}</p> : null}
      <div className="convitem__tags">
        <StatusBadge status={c.status} />
        <PriorityBadge priority={c.priority} />
        {c.alertStatus === "acknowledged" ? (
          <Badge tone="muted" icon="check">
            {t("alerts.status.acknowledged")}
          </Badge>
        ) : null}
        {c.inTriage ? (
          <Badge tone="warning" icon="filter">
            {t("inbox.list.inTriage")}
          </Badge>
        ) : null}
        <DueChips c={c} />
        {c.topic ? <Meta label={t("inbox.list.topic")}>{topicName(meta, c.topic, i18n.language) ?? c.topic.name}</Meta> : null}
        {c.department ? <Meta label={t("inbox.list.department")}>{c.department.name}</Meta> : null}
        <Meta label={t("inbox.list.assignee")}>{c.assignee?.name ?? t("inbox.list.unassigned")}</Meta>
      </div>
      {c.tags.length > 0 || (c.cluster && showCluster) ? (
        <div className="convitem__extra">
          {c.tags.length > 0 ? (
            <ul className="tags" aria-label={t("inbox.list.tags")}>
              {c.tags.map((tag) => (
                <li key={tag} className="tag">
                  {tag}
                </li>
              ))}
            </ul>
          ) : null}
          {c.cluster && showCluster ? (
            <Link to="/clusters/$clusterId" params={{ clusterId: c.cluster.id }} className="convitem__cluster">
              <Icon name="group" />
              {t("clusters.badge", { title: c.cluster.title })}
            </Link>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
