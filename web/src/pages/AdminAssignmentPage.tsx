import { useTranslation } from "react-i18next";
import { DepartmentsSection } from "../features/admin/assignment/DepartmentsSection.js";
import { ModelSection } from "../features/admin/assignment/ModelSection.js";
import { PeopleSection } from "../features/admin/assignment/PeopleSection.js";
import { SettingsPage } from "../features/admin/SettingsLayout.js";

/** Settings › Departments & people: assignment policies and owners, learned routing, each person's availability. */
export function AdminAssignmentPage() {
  const { t } = useTranslation();
  return (
    <SettingsPage title={t("admin.assignment.title")} intro={t("admin.assignment.intro")}>
      <DepartmentsSection />
      <ModelSection />
      <PeopleSection />
    </SettingsPage>
  );
}
