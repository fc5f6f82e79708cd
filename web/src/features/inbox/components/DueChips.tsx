import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ConversationSummary } from "../../../../../common/contract/conversations.js";
import { formatDateTime } from "../../../lib/format.js";
import { Badge } from "../../../ui/Badge.js";
import { useNow } from "../hooks/useNow.js";
import { dueChip, type Compact } from "../sla.js";

/** "3 h", "2 d", "20 min" in the UI language. */
export const compactText = (c: Compact, t: TFunction) => t(`inbox.due.units.${c.unit}`, { count: c.count });

/**
 * The service-standard chips of a conversation: its next due time ("Due in 3 h", "Past due 2 d") or "Paused" while
 * waiting on the family, and one "Missed: …" per target already missed. Text and icon carry the meaning; the colour
 * only repeats it. The absolute due time is in the title.
 */
export function DueChips({ c }: { c: Pick<ConversationSummary, "sla" | "status"> }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const chip = dueChip(c.sla, c.status, now);
  return (
    <>
      {chip?.kind === "paused" ? (
        <Badge tone="muted" icon="pause">
          {t("inbox.due.paused")}
        </Badge>
      ) : chip?.kind === "overdue" ? (
        <span title={formatDateTime(chip.at, i18n.language)}>
          <Badge tone="danger" icon="alert">
            {t("inbox.due.pastDue", { time: compactText(chip.by, t) })}
          </Badge>
        </span>
      ) : chip?.kind === "due" ? (
        <span title={formatDateTime(chip.at, i18n.language)}>
          <Badge tone={chip.soon ? "warning" : "neutral"} icon="clock">
            {t("inbox.due.dueIn", { time: compactText(chip.in, t) })}
          </Badge>
        </span>
      ) : null}
      {c.sla.breached.map((clock) => (
        <Badge key={clock} tone="danger" icon="x">
          {t("inbox.due.missed", { clock: t(`inbox.due.clocks.${clock}`) })}
        </Badge>
      ))}
    </>
  );
}
