import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../../lib/session.js";
import { Button } from "../../../ui/Button.js";
import { Icon } from "../../../ui/Icon.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { useAcknowledgeAlert } from "../hooks/useAlerts.js";
import { DowngradeDialog } from "./DowngradeDialog.js";

export type AlertRef = { id: string; conversationId?: string; reference: string; category: string };

/** Whether the person's role may act on alerts at all (the server decides for each alert: responders, supervisors, admins). */
export const mayActOnAlerts = (role: string) => role !== "viewer" && role !== "recorder";

/**
 * "Acknowledge" and "Not critical…" for one active alert, with the server's refusal shown under them. Each button's
 * name ends with the reference (visually hidden) so a list of alerts reads unambiguously.
 */
export function AlertActions({ alert, onDone }: { alert: AlertRef; onDone?: (what: "acknowledged" | "downgraded") => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const acknowledge = useAcknowledgeAlert();
  const [downgrading, setDowngrading] = useState(false);
  if (!mayActOnAlerts(session.staff.role)) return null;
  const which = (
    <span className="sr-only">
      {" "}
      {alert.reference} ({alert.category})
    </span>
  );
  return (
    <div className="alertactions">
      <div className="alertactions__buttons">
        <Button
          size="sm"
          variant="danger"
          onPress={() => {
            if (acknowledge.isPending) return;
            acknowledge.mutate({ id: alert.id, conversationId: alert.conversationId }, { onSuccess: () => onDone?.("acknowledged") });
          }}
        >
          <Icon name="check" />
          {acknowledge.isPending ? t("alerts.actions.acknowledging") : t("alerts.actions.acknowledge")}
          {which}
        </Button>
        <Button size="sm" onPress={() => setDowngrading(true)} isDisabled={acknowledge.isPending}>
          {t("alerts.actions.notCritical")}
          {which}
        </Button>
      </div>
      {acknowledge.isError ? <ProblemAlert error={acknowledge.error} /> : null}
      <DowngradeDialog alert={alert} isOpen={downgrading} onOpenChange={setDowngrading} onDone={() => onDone?.("downgraded")} />
    </div>
  );
}
