import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AssignmentPolicyTypeSchema, type AssignmentPolicyType } from "../../../../../common/contract/routing.js";
import type { DepartmentRouting } from "../../../../../common/contract/operations.js";
import { nameOf, useMeta } from "../../../lib/meta.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { Spinner } from "../../../ui/Spinner.js";
import * as adminApi from "../api.js";
import { adminKeys, useAdminMutation, useDepartmentRouting, useDistrictSettings, useSettingsAbilities } from "../hooks.js";
import { PickerField } from "../ui/fields.js";

/** Per department: how new conversations are handed out and who owns the leftovers; the district owner last. */
export function DepartmentsSection() {
  const { t } = useTranslation();
  const meta = useMeta();
  const { manage } = useSettingsAbilities();
  const departments = useDepartmentRouting();
  const district = useDistrictSettings();
  const [status, setStatus] = useState("");
  const saveOwner = useAdminMutation((ownerStaffId: string | null) => adminApi.updateDistrictSettings({ ownerStaffId }), [adminKeys.district]);
  const staffOptions = meta.staff.filter((s) => s.role !== "viewer").map((s) => ({ value: s.id, label: s.name }));

  return (
    <section className="settings__section" aria-labelledby="departments-title">
      <h2 id="departments-title" className="section-title">
        {t("admin.assignment.departments.title")}
      </h2>
      <p className="sr-only" role="status">
        {status}
      </p>
      {departments.isPending ? <Spinner label={t("app.loading")} /> : null}
      {departments.isError ? <ProblemAlert error={departments.error} onRetry={() => void departments.refetch()} /> : null}
      {departments.data && departments.data.length === 0 ? <p className="empty">{t("admin.assignment.departments.empty")}</p> : null}
      <ul className="settings__cards">
        {departments.data?.map((d) => (
          <li key={d.id}>
            <DepartmentCard department={d} manage={manage} staffOptions={staffOptions} onSaved={() => setStatus(t("admin.assignment.departments.saved", { name: d.name }))} />
          </li>
        ))}
      </ul>
      <div className="panel settings__card">
        {district.data ? (
          manage ? (
            <PickerField
              label={t("admin.assignment.district.owner")}
              description={t("admin.assignment.district.ownerHelp")}
              value={district.data.ownerStaffId ?? ""}
              emptyLabel={t("admin.assignment.departments.noOwner")}
              options={staffOptions}
              isDisabled={saveOwner.isPending}
              onChange={(v) => saveOwner.mutate(v || null, { onSuccess: () => setStatus(t("admin.assignment.district.saved")) })}
            />
          ) : (
            <dl className="deflist">
              <div>
                <dt>{t("admin.assignment.district.owner")}</dt>
                <dd>{nameOf(meta.staff, district.data.ownerStaffId) ?? t("admin.assignment.departments.noOwner")}</dd>
              </div>
            </dl>
          )
        ) : null}
        {district.isError ? <ProblemAlert error={district.error} onRetry={() => void district.refetch()} /> : null}
        {saveOwner.isError ? <ProblemAlert error={saveOwner.error} /> : null}
      </div>
    </section>
  );
}

function DepartmentCard({
  department: d,
  manage,
  staffOptions,
  onSaved,
}: {
  department: DepartmentRouting;
  manage: boolean;
  staffOptions: { value: string; label: string }[];
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const meta = useMeta();
  const save = useAdminMutation((body: adminApi.DepartmentRoutingBody) => adminApi.updateDepartment(d.id, body), [adminKeys.departments]);
  const members = d.memberIds.map((id) => nameOf(meta.staff, id)).filter((x): x is string => x !== null);
  // The department's members first, then everyone else.
  const owners = [...staffOptions.filter((o) => d.memberIds.includes(o.value)), ...staffOptions.filter((o) => !d.memberIds.includes(o.value))];
  const headingId = `dept-${d.id}`;
  return (
    <article className="panel settings__card" aria-labelledby={headingId}>
      <h3 id={headingId} className="settings__card-title">
        {d.name}
      </h3>
      <p className="muted">
        {d.memberIds.length ? t("admin.assignment.departments.members", { count: d.memberIds.length }) : t("admin.assignment.departments.noMembers")}
        {members.length ? `: ${members.join(", ")}` : ""}
      </p>
      {manage ? (
        <div className="settings__grid">
          <PickerField
            label={t("admin.assignment.departments.policy")}
            description={t(`admin.assignment.departments.policyHelp.${d.assignmentPolicy}`)}
            value={d.assignmentPolicy}
            options={AssignmentPolicyTypeSchema.options.map((p) => ({ value: p, label: t(`admin.assignment.departments.policies.${p}`) }))}
            isDisabled={save.isPending}
            onChange={(v) => save.mutate({ assignmentPolicy: v as AssignmentPolicyType }, { onSuccess: onSaved })}
          />
          <PickerField
            label={t("admin.assignment.departments.owner")}
            description={t("admin.assignment.departments.ownerHelp")}
            value={d.ownerStaffId ?? ""}
            emptyLabel={t("admin.assignment.departments.noOwner")}
            options={owners}
            isDisabled={save.isPending}
            onChange={(v) => save.mutate({ ownerStaffId: v || null }, { onSuccess: onSaved })}
          />
        </div>
      ) : (
        <dl className="deflist deflist--inline">
          <div>
            <dt>{t("admin.assignment.departments.policy")}</dt>
            <dd>{t(`admin.assignment.departments.policies.${d.assignmentPolicy}`)}</dd>
          </div>
          <div>
            <dt>{t("admin.assignment.departments.owner")}</dt>
            <dd>{nameOf(meta.staff, d.ownerStaffId) ?? t("admin.assignment.departments.noOwner")}</dd>
          </div>
        </dl>
      )}
      {save.isError ? <ProblemAlert error={save.error} /> : null}
    </article>
  );
}
