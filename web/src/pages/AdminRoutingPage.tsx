import { useTranslation } from "react-i18next";
import { RulesSection } from "../features/admin/rules/RulesSection.js";
import { TryPanel } from "../features/admin/rules/TryPanel.js";
import { SettingsPage } from "../features/admin/SettingsLayout.js";

/** Settings › Routing rules: the ordered rules and "Try a message" beside them. */
export function AdminRoutingPage() {
  const { t } = useTranslation();
  return (
    <SettingsPage title={t("admin.rules.title")} intro={t("admin.rules.intro")}>
      <div className="settings__columns">
        <RulesSection />
        <TryPanel />
      </div>
    </SettingsPage>
  );
}
