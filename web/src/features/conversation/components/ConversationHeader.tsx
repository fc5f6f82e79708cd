import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";
import { PriorityBadge, StatusBadge } from "../../../lib/badges.js";
import { topicName, useMeta } from "../../../lib/meta.js";
import { Badge } from "../../../ui/Badge.js";
import { DateTime } from "../../../ui/RelativeTime.js";

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
    <header className="convhead">
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
      </div>
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
