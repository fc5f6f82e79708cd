import type { TFunction } from "i18next";
import type { Notification } from "../../../../common/contract/operations.js";
import { alertCategoryLabel } from "../alerts/categories.js";

const CLOCKS = ["first_response", "next_response", "resolution"] as const;
type Clock = (typeof CLOCKS)[number];
const clockOf = (v: unknown): Clock | null => (CLOCKS as readonly unknown[]).includes(v) ? (v as Clock) : null;
const str = (v: unknown): string => (typeof v === "string" ? v : "");

/**
 * One notification as a sentence in the UI language, from its type and data (the server's `text` is English and is
 * kept for a type this app does not know yet).
 */
export function describeNotification(n: Pick<Notification, "type" | "text" | "conversation" | "actor" | "data">, t: TFunction): string {
  const reference = n.conversation?.reference ?? t("notifications.aConversation");
  const actor = n.actor ?? t("notifications.someone");
  const clock = clockOf(n.data.clock);
  const clockText = clock ? t(`inbox.due.clocks.${clock}`) : t("notifications.aTarget");
  switch (n.type) {
    case "assigned":
      return n.actor ? t("notifications.types.assigned", { actor, reference }) : t("notifications.types.assignedBySystem", { reference });
    case "mentioned":
      return t("notifications.types.mentioned", { actor, reference });
    case "family_replied":
      return t("notifications.types.family_replied", { reference });
    case "alert":
      return t("notifications.types.alert", { reference, category: alertCategoryLabel(str(n.data.category), t) });
    case "sla_warning":
      return t("notifications.types.sla_warning", { reference, clock: clockText });
    case "sla_breach":
      return t("notifications.types.sla_breach", { reference, clock: clockText });
    case "triage":
      return t("notifications.types.triage", { reference });
    case "escalated":
      return t("notifications.types.escalated", { reference, clock: clockText });
    default:
      return n.text;
  }
}
