import { useTranslation } from "react-i18next";
import { SettingsPage } from "../features/admin/SettingsLayout.js";
import { CalendarSection } from "../features/admin/standards/CalendarSection.js";
import { PoliciesSection } from "../features/admin/standards/PoliciesSection.js";

/** Settings › Service standards: the district calendar the clocks run on, and the standards by topic and priority. */
export function AdminServiceStandardsPage() {
  const { t } = useTranslation();
  return (
    <SettingsPage title={t("admin.standards.title")} intro={t("admin.standards.intro")}>
      <p className="settings__help">{t("admin.standards.businessHelp")}</p>
      <CalendarSection />
      <PoliciesSection />
    </SettingsPage>
  );
}
