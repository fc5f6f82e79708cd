import { useTranslation } from "react-i18next";
import type { ConversationStatus, Priority } from "../../../common/enums.js";
import { Badge, type BadgeTone } from "../ui/Badge.js";

const STATUS_TONE: Record<ConversationStatus, BadgeTone> = { new: "info", open: "neutral", pending: "warning", resolved: "success" };

/** A conversation status as a labelled badge. */
export function StatusBadge({ status }: { status: ConversationStatus }) {
  const { t } = useTranslation();
  return <Badge tone={STATUS_TONE[status]}>{t(`enums.status.${status}`)}</Badge>;
}

/** Priority as text plus an icon for critical and high: never colour alone. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  const label = t(`enums.priority.${priority}`);
  if (priority === "critical") return <Badge tone="danger" icon="alert">{label}</Badge>;
  if (priority === "high") return <Badge tone="warning" icon="arrowUp">{label}</Badge>;
  return <Badge tone="muted">{label}</Badge>;
}
