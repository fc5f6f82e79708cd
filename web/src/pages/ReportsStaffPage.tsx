import { useTranslation } from "react-i18next";
import { canReadStaffReports } from "../features/reports/access.js";
import { BreakdownPanel } from "../features/reports/components/BreakdownPanel.js";
import { useSession } from "../lib/session.js";
import { InlineAlert } from "../ui/InlineAlert.js";

/** Staff performance (admins and supervisors): a figure by the person conversations are assigned to. */
export function ReportsStaffPage() {
  const { t } = useTranslation();
  const { role } = useSession().staff;
  if (!canReadStaffReports(role)) return <InlineAlert tone="info">{t("reports.staffNotAllowed")}</InlineAlert>;
  return (
    <div className="reports__body">
      <p className="reports__lede">{t("reports.staff.intro")}</p>
      <BreakdownPanel byOptions={["assignee"]} defaultBy="assignee" />
    </div>
  );
}
