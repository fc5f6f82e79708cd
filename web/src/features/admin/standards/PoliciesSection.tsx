import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { SlaPolicyBodySchema, type SlaPolicy, type SlaPolicyBody } from "../../../../../common/contract/operations.js";
import { PrioritySchema, type Priority } from "../../../../../common/enums.js";
import { localized, nameOf, useMeta } from "../../../lib/meta.js";
import { Badge } from "../../../ui/Badge.js";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { Spinner } from "../../../ui/Spinner.js";
import * as adminApi from "../api.js";
import { errorsFromProblem, errorsFromZod, hasErrors, type FieldErrors } from "../formErrors.js";
import { adminKeys, useAdminMutation, useDistrictSettings, useSettingsAbilities, useSlaPolicies } from "../hooks.js";
import { formatPercent } from "../RoutingSteps.js";
import { CheckboxField, ConfirmDialog, ErrorSummary, Fieldset, InputField, NumberInputField, PickerField } from "../ui/fields.js";
import { useFocusWhenReady } from "../useFocusWhenReady.js";
import { businessDayMinutes, targetFromMinutes, targetToMinutes, type TargetDraft } from "./targets.js";

const TARGETS = [
  ["firstResponse", "firstResponseMinutes"],
  ["nextResponse", "nextResponseMinutes"],
  ["resolution", "resolutionMinutes"],
] as const;
type TargetName = (typeof TARGETS)[number][0];

type Editing = { kind: "new" } | { kind: "edit"; policy: SlaPolicy } | null;

/** The district's service standards by topic and priority, with their targets and escalation. */
export function PoliciesSection() {
  const { t } = useTranslation();
  const { manage } = useSettingsAbilities();
  const policies = useSlaPolicies();
  const district = useDistrictSettings();
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<SlaPolicy | null>(null);
  const [status, setStatus] = useState("");
  const remove = useAdminMutation((p: SlaPolicy) => adminApi.deleteSlaPolicy(p.id), [adminKeys.slaPolicies]);
  const dayMinutes = businessDayMinutes(district.data?.weeklyHours);
  const items = policies.data ?? [];

  const focusWhenReady = useFocusWhenReady();
  const focusLater = (selector: string) => focusWhenReady(selector, "#policies-title");
  const closeEditor = (focus: string | null) => {
    const was = editing;
    setEditing(null);
    if (focus) focusLater(focus);
    else if (was?.kind === "edit") focusLater(`[data-policy="${was.policy.id}"] [data-edit]`);
    else focusLater("#policies-new");
  };

  const onDelete = () => {
    const p = confirming;
    if (!p) return;
    const index = items.findIndex((x) => x.id === p.id);
    const neighbour = items[index + 1] ?? items[index - 1];
    remove.mutate(p, {
      onSuccess: () => {
        setConfirming(null);
        setStatus(t("admin.standards.policies.deleted", { name: p.name }));
        if (editing?.kind === "edit" && editing.policy.id === p.id) setEditing(null);
        focusLater(neighbour ? `[data-policy="${neighbour.id}"] h3` : "#policies-title");
      },
    });
  };

  const editor = (policy: SlaPolicy | null) => (
    <PolicyEditor
      key={policy?.id ?? "new"}
      policy={policy}
      dayMinutes={dayMinutes}
      onSaved={(p, created) => {
        setStatus(t(created ? "admin.standards.policies.created" : "admin.standards.policies.updated", { name: p.name }));
        closeEditor(`[data-policy="${p.id}"] h3`);
      }}
      onCancel={() => closeEditor(null)}
    />
  );

  return (
    <section className="settings__section" aria-labelledby="policies-title">
      <div className="settings__section-head">
        <h2 id="policies-title" className="section-title" tabIndex={-1}>
          {t("admin.standards.policies.title")}
        </h2>
        {manage ? (
          <Button id="policies-new" variant="primary" onPress={() => setEditing({ kind: "new" })} isDisabled={editing?.kind === "new"}>
            {t("admin.standards.policies.new")}
          </Button>
        ) : null}
      </div>
      <p className="muted settings__intro">{t("admin.standards.policies.intro")}</p>
      <p className="sr-only" role="status">
        {status}
      </p>
      {editing?.kind === "new" ? editor(null) : null}
      {policies.isPending ? <Spinner label={t("app.loading")} /> : null}
      {policies.isError ? <ProblemAlert error={policies.error} onRetry={() => void policies.refetch()} /> : null}
      {policies.data && items.length === 0 ? <p className="empty">{t("admin.standards.policies.empty", { count: district.data?.responseDays ?? 1 })}</p> : null}
      <ul className="settings__cards">
        {items.map((p) => (
          <li key={p.id} data-policy={p.id}>
            <PolicyCard policy={p} dayMinutes={dayMinutes} manage={manage} isEditing={editing?.kind === "edit" && editing.policy.id === p.id} onEdit={() => setEditing({ kind: "edit", policy: p })} onDelete={() => setConfirming(p)} />
            {editing?.kind === "edit" && editing.policy.id === p.id ? editor(p) : null}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        isOpen={confirming !== null}
        onOpenChange={(open) => {
          // Dismissed: react-aria returns focus to the Delete button that opened it.
          if (!open) {
            setConfirming(null);
            remove.reset();
          }
        }}
        title={t("admin.standards.policies.confirmDelete.title")}
        confirmLabel={t("admin.standards.policies.confirmDelete.confirm")}
        onConfirm={onDelete}
        isPending={remove.isPending}
        error={remove.isError ? <ProblemAlert error={remove.error} /> : null}
      >
        <p>{t("admin.standards.policies.confirmDelete.body", { name: confirming?.name ?? "" })}</p>
      </ConfirmDialog>
    </section>
  );
}

function useTargetText(dayMinutes: number) {
  const { t } = useTranslation();
  return (minutes: number | null): string => {
    if (minutes === null) return t("admin.standards.policies.noTarget");
    const d = targetFromMinutes(minutes, dayMinutes);
    return d.unit === "days" ? t("admin.standards.policies.daysValue", { count: d.amount ?? 0 }) : t("admin.standards.policies.hoursValue", { count: d.amount ?? 0 });
  };
}

function PolicyCard({
  policy: p,
  dayMinutes,
  manage,
  isEditing,
  onEdit,
  onDelete,
}: {
  policy: SlaPolicy;
  dayMinutes: number;
  manage: boolean;
  isEditing: boolean;
  onEdit: () => void;
  onDelete: () => void;
}) {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const targetText = useTargetText(dayMinutes);
  const topic = p.topicId ? meta.topics.find((x) => x.id === p.topicId) : null;
  const applies = [
    p.topicId ? (topic ? localized(topic.name, i18n.language) : t("admin.common.removed")) : t("admin.standards.policies.anyTopic"),
    p.priority ? t(`enums.priority.${p.priority}`) : t("admin.standards.policies.anyPriority"),
  ].join(" · ");
  const escalation = [
    p.escalation.notifySupervisors ? t("admin.standards.policies.escalateNotify") : null,
    p.escalation.raisePriority ? t("admin.standards.policies.escalateRaise") : null,
    p.escalation.reassignToStaffId
      ? t("admin.standards.policies.escalateReassign", { person: nameOf(meta.staff, p.escalation.reassignToStaffId) ?? t("admin.common.removed") })
      : null,
  ].filter((x): x is string => x !== null);
  return (
    <article className="panel settings__card" aria-labelledby={`policy-${p.id}`}>
      <div className="settings__card-head">
        <h3 id={`policy-${p.id}`} className="settings__card-title" tabIndex={-1}>
          {p.name}
        </h3>
        {p.isDefault ? <Badge tone="info">{t("admin.standards.policies.isDefault")}</Badge> : null}
      </div>
      <dl className="deflist deflist--inline">
        <div>
          <dt>{t("admin.standards.policies.appliesTo")}</dt>
          <dd>{applies}</dd>
        </div>
        {TARGETS.map(([name, key]) => (
          <div key={name}>
            <dt>{t(`admin.standards.policies.${name}`)}</dt>
            <dd>{targetText(p[key])}</dd>
          </div>
        ))}
        <div>
          <dt>{t("admin.standards.policies.escalates")}</dt>
          <dd>
            {t("admin.standards.policies.warnsAt", { percent: formatPercent(p.warnAtPercent / 100, i18n.language) })}
            {"; "}
            {escalation.length ? escalation.join(", ") : t("admin.standards.policies.escalateNothing")}
          </dd>
        </div>
      </dl>
      {manage ? (
        <div className="settings__buttons">
          <Button size="sm" data-edit onPress={onEdit} isDisabled={isEditing}>
            {t("admin.common.edit")}
            <span className="sr-only">: “{p.name}”</span>
          </Button>
          <Button size="sm" variant="quiet" onPress={onDelete}>
            {t("admin.common.delete")}
            <span className="sr-only">: “{p.name}”</span>
          </Button>
        </div>
      ) : null}
    </article>
  );
}

type Draft = {
  name: string;
  topicId: string;
  priority: string;
  targets: Record<TargetName, TargetDraft>;
  warnAtPercent: number | null;
  isDefault: boolean;
  notifySupervisors: boolean;
  raisePriority: boolean;
  reassignTo: string;
};

function draftOf(p: SlaPolicy | null, dayMinutes: number): Draft {
  return {
    name: p?.name ?? "",
    topicId: p?.topicId ?? "",
    priority: p?.priority ?? "",
    targets: {
      firstResponse: targetFromMinutes(p?.firstResponseMinutes ?? null, dayMinutes),
      nextResponse: targetFromMinutes(p?.nextResponseMinutes ?? null, dayMinutes),
      resolution: targetFromMinutes(p?.resolutionMinutes ?? null, dayMinutes),
    },
    warnAtPercent: p?.warnAtPercent ?? 75,
    isDefault: p?.isDefault ?? false,
    notifySupervisors: p?.escalation.notifySupervisors ?? true,
    raisePriority: p?.escalation.raisePriority ?? false,
    reassignTo: p?.escalation.reassignToStaffId ?? "",
  };
}

function PolicyEditor({ policy, dayMinutes, onSaved, onCancel }: { policy: SlaPolicy | null; dayMinutes: number; onSaved: (p: SlaPolicy, created: boolean) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const [draft, setDraft] = useState<Draft>(() => draftOf(policy, dayMinutes));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAdminMutation((body: SlaPolicyBody) => (policy ? adminApi.updateSlaPolicy(policy.id, body) : adminApi.createSlaPolicy(body)), [adminKeys.slaPolicies]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const setTarget = (name: TargetName, patch: Partial<TargetDraft>) => setDraft((d) => ({ ...d, targets: { ...d.targets, [name]: { ...d.targets[name], ...patch } } }));
  const id = policy ? `policy-editor-${policy.id}` : "policy-editor-new";
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const body: SlaPolicyBody = {
      name: draft.name.trim(),
      topicId: draft.topicId || null,
      priority: (draft.priority || null) as Priority | null,
      firstResponseMinutes: targetToMinutes(draft.targets.firstResponse, dayMinutes),
      nextResponseMinutes: targetToMinutes(draft.targets.nextResponse, dayMinutes),
      resolutionMinutes: targetToMinutes(draft.targets.resolution, dayMinutes),
      warnAtPercent: draft.warnAtPercent ?? 75,
      escalation: { notifySupervisors: draft.notifySupervisors, raisePriority: draft.raisePriority, reassignToStaffId: draft.reassignTo || null },
      isDefault: draft.isDefault,
    };
    const parsed = SlaPolicyBodySchema.safeParse(body);
    if (!parsed.success) {
      const errs = errorsFromZod(parsed.error, t);
      // The refine "at least one target" has no path: show it on the targets group.
      if (errs[""] !== undefined) {
        errs.targets = t("admin.standards.policies.atLeastOneTarget");
        delete errs[""];
      }
      setErrors(errs);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    save.mutate(body, {
      onSuccess: (p) => onSaved(p, policy === null),
      onError: (err) => {
        const errs = errorsFromProblem(err);
        if (errs[""] !== undefined) {
          errs.targets = errs[""];
          delete errs[""];
        }
        setErrors(errs);
        setAttempt((n) => n + 1);
      },
    });
  };

  const targetError = (key: string) => errors[key];
  return (
    <section className="panel settings__editor" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title" tabIndex={-1} ref={headingRef}>
        {policy ? t("admin.standards.policies.editTitle", { name: policy.name }) : t("admin.standards.policies.new")}
      </h3>
      <p className="field__description settings__intro">{t("admin.standards.businessHelp")}</p>
      <form className="settings__form" onSubmit={submit} noValidate>
        <ErrorSummary items={Object.values(errors)} focusKey={attempt} />
        {save.isError && !hasErrors(errorsFromProblem(save.error)) ? <ProblemAlert error={save.error} /> : null}
        <InputField label={t("admin.standards.policies.name")} value={draft.name} onChange={(name) => set({ name })} errorMessage={errors.name} isRequired name="policy-name" />
        <div className="settings__grid">
          <PickerField
            label={t("admin.standards.policies.topic")}
            value={draft.topicId}
            emptyLabel={t("admin.standards.policies.anyTopic")}
            options={meta.topics.map((x) => ({ value: x.id, label: localized(x.name, i18n.language) }))}
            onChange={(topicId) => set({ topicId })}
            errorMessage={errors.topicId}
          />
          <PickerField
            label={t("admin.standards.policies.priority")}
            value={draft.priority}
            emptyLabel={t("admin.standards.policies.anyPriority")}
            options={PrioritySchema.options.map((p) => ({ value: p, label: t(`enums.priority.${p}`) }))}
            onChange={(priority) => set({ priority })}
            errorMessage={errors.priority}
          />
        </div>
        <CheckboxField isSelected={draft.isDefault} onChange={(isDefault) => set({ isDefault })} description={t("admin.standards.policies.isDefaultHelp")}>
          {t("admin.standards.policies.isDefault")}
        </CheckboxField>
        <Fieldset id={`${id}-targets`} legend={t("admin.standards.policies.targets")} description={t("admin.standards.policies.targetHelp")} errorMessage={errors.targets}>
          {TARGETS.map(([name, key]) => {
            const label = t(`admin.standards.policies.${name}`);
            return (
              <div key={name} className="settings__target" role="group" aria-label={label}>
                <NumberInputField
                  label={t("admin.standards.policies.amount", { target: label })}
                  value={draft.targets[name].amount}
                  onChange={(amount) => setTarget(name, { amount })}
                  minValue={0}
                  step={draft.targets[name].unit === "days" ? 1 : 0.25}
                  errorMessage={targetError(key)}
                />
                <PickerField
                  label={t("admin.standards.policies.unit", { target: label })}
                  value={draft.targets[name].unit}
                  options={[
                    { value: "hours", label: t("admin.standards.policies.unitHours") },
                    { value: "days", label: t("admin.standards.policies.unitDays") },
                  ]}
                  onChange={(v) => setTarget(name, { unit: v === "days" ? "days" : "hours" })}
                />
              </div>
            );
          })}
        </Fieldset>
        <NumberInputField
          className="settings__narrow"
          label={t("admin.standards.policies.warnAt")}
          value={draft.warnAtPercent}
          onChange={(warnAtPercent) => set({ warnAtPercent })}
          minValue={1}
          maxValue={99}
          step={1}
          errorMessage={errors.warnAtPercent}
        />
        <Fieldset id={`${id}-escalation`} legend={t("admin.standards.policies.escalation")} errorMessage={errors.escalation}>
          <CheckboxField isSelected={draft.notifySupervisors} onChange={(notifySupervisors) => set({ notifySupervisors })}>
            {t("admin.standards.policies.notifySupervisors")}
          </CheckboxField>
          <CheckboxField isSelected={draft.raisePriority} onChange={(raisePriority) => set({ raisePriority })}>
            {t("admin.standards.policies.raisePriority")}
          </CheckboxField>
          <PickerField
            label={t("admin.standards.policies.reassignTo")}
            value={draft.reassignTo}
            emptyLabel={t("admin.standards.policies.noReassign")}
            options={meta.staff.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(reassignTo) => set({ reassignTo })}
            errorMessage={errors["escalation.reassignToStaffId"]}
          />
        </Fieldset>
        <div className="settings__buttons">
          <Button type="submit" variant="primary" isDisabled={save.isPending}>
            {save.isPending ? t("admin.common.saving") : policy ? t("admin.standards.policies.save") : t("admin.standards.policies.create")}
          </Button>
          <Button onPress={onCancel}>{t("admin.common.cancel")}</Button>
        </div>
      </form>
    </section>
  );
}
