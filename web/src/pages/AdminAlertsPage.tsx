import { useTranslation } from "react-i18next";
import { AlertCategoriesSection } from "../features/admin/alerts/AlertCategoriesSection.js";
import { SettingsPage } from "../features/admin/SettingsLayout.js";

/** Settings › Critical alerts: the categories, whether each is on, and who responds to it. */
export function AdminAlertsPage() {
  const { t } = useTranslation();
  return (
    <SettingsPage title={t("admin.alerts.title")} intro={t("admin.alerts.intro")}>
      <AlertCategoriesSection />
    </SettingsPage>
  );
}
