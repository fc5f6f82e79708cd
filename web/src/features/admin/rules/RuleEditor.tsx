import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { AlertCategory, SlaPolicy } from "../../../../../common/contract/operations.js";
import { RoutingRuleInputSchema, type RoutingRule, type RuleActionType, type RuleConditionType } from "../../../../../common/contract/routing.js";
import { ChannelTypeSchema, ConversationKindSchema, LanguageSchema, PrioritySchema, RequesterRoleSchema } from "../../../../../common/enums.js";
import { localized, type Meta } from "../../../lib/meta.js";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { SelectField } from "../../../ui/SelectField.js";
import { TextField } from "../../../ui/TextField.js";
import * as adminApi from "../api.js";
import { errorAt, errorsFromProblem, errorsFromZod, hasErrors, type FieldErrors } from "../formErrors.js";
import { adminKeys, useAdminMutation } from "../hooks.js";
import { CheckboxField, CheckboxGroupField, ErrorSummary, Fieldset, InputField, PickerField, RadioGroupField, TextAreaField } from "../ui/fields.js";
import {
  ACTION_TYPES,
  CHOICE_PROP,
  CONDITION_TYPES,
  draftFrom,
  emptyDraft,
  isChoiceCondition,
  newAction,
  newCondition,
  toInput,
  type ActionDraft,
  type ChoiceConditionType,
  type ConditionDraft,
  type RuleDraft,
} from "./ruleDraft.js";

type Option = { value: string; label: string };

type Props = {
  rule: RoutingRule | null;
  meta: Meta;
  slaPolicies: SlaPolicy[];
  alertCategories: AlertCategory[];
  onSaved: (rule: RoutingRule, created: boolean) => void;
  onCancel: () => void;
};

/** Create or edit one routing rule: name, conditions (every RuleCondition type), actions (every RuleAction type). */
export function RuleEditor({ rule, meta, slaPolicies, alertCategories, onSaved, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [draft, setDraft] = useState<RuleDraft>(() => (rule ? draftFrom(rule) : emptyDraft()));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [conditionType, setConditionType] = useState<RuleConditionType>("keywords");
  const [actionType, setActionType] = useState<RuleActionType>("setDepartment");
  const formRef = useRef<HTMLFormElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const baseId = useId();
  const save = useAdminMutation(
    (body: ReturnType<typeof toInput>) => (rule ? adminApi.updateRule(rule.id, body) : adminApi.createRule(body)),
    [adminKeys.rules],
  );

  useEffect(() => headingRef.current?.focus(), []);

  const update = (patch: Partial<RuleDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setCondition = (uid: string, patch: Partial<ConditionDraft>) =>
    setDraft((d) => ({ ...d, conditions: d.conditions.map((c) => (c.uid === uid ? { ...c, ...patch } : c)) }));
  const setAction = (uid: string, patch: Partial<ActionDraft>) => setDraft((d) => ({ ...d, actions: d.actions.map((a) => (a.uid === uid ? { ...a, ...patch } : a)) }));

  /** Puts focus on the first control of the group that was just added. */
  const focusGroup = (id: string) =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`#${CSS.escape(id)} input, #${CSS.escape(id)} button, #${CSS.escape(id)} textarea`)?.focus());
  const focusById = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const addCondition = () => {
    const c = newCondition(conditionType);
    setDraft((d) => ({ ...d, conditions: [...d.conditions, c] }));
    focusGroup(`${baseId}-c-${c.uid}`);
  };
  const addAction = () => {
    const a = newAction(actionType);
    setDraft((d) => ({ ...d, actions: [...d.actions, a] }));
    focusGroup(`${baseId}-a-${a.uid}`);
  };
  const removeCondition = (uid: string) => {
    setDraft((d) => ({ ...d, conditions: d.conditions.filter((c) => c.uid !== uid) }));
    setErrors({});
    focusById(`${baseId}-add-condition`);
  };
  const removeAction = (uid: string) => {
    setDraft((d) => ({ ...d, actions: d.actions.filter((a) => a.uid !== uid) }));
    setErrors({});
    focusById(`${baseId}-add-action`);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const body = toInput(draft);
    const parsed = RoutingRuleInputSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(errorsFromZod(parsed.error, t));
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    save.mutate(body, {
      onSuccess: (saved) => onSaved(saved, rule === null),
      onError: (err) => {
        const fieldErrors = errorsFromProblem(err);
        setErrors(fieldErrors);
        setAttempt((n) => n + 1);
      },
    });
  };

  // Where each error is, for the summary: "Condition 2: Keywords: Choose at least one."
  const where = (path: string): string => {
    const [head, index] = path.split(".");
    const i = Number(index);
    if (head === "name") return t("admin.rules.editor.name");
    if (head === "conditions" && Number.isInteger(i) && draft.conditions[i]) {
      return t("admin.rules.editor.conditionN", { n: i + 1, type: t(`admin.rules.editor.conditionTypes.${draft.conditions[i]!.type}`) });
    }
    if (head === "actions" && Number.isInteger(i) && draft.actions[i]) {
      return t("admin.rules.editor.actionN", { n: i + 1, type: t(`admin.rules.editor.actionTypes.${draft.actions[i]!.type}`) });
    }
    if (head === "actions") return t("admin.rules.editor.actions");
    if (head === "conditions") return t("admin.rules.editor.conditions");
    return path;
  };
  const summary = Object.entries(errors).map(([path, message]) => `${where(path)}: ${message}`);
  const problemShown = save.isError && !hasErrors(errorsFromProblem(save.error));

  const staffOptions: Option[] = meta.staff.map((s) => ({ value: s.id, label: s.name }));
  const departmentOptions: Option[] = meta.departments.map((d) => ({ value: d.id, label: d.name }));
  const choiceOptions = (type: ChoiceConditionType): Option[] => {
    const en = (values: readonly string[], group: "language" | "channel" | "requesterRole" | "kind" | "priority") =>
      values.map((v) => ({ value: v, label: t(`enums.${group}.${v}` as "enums.language.en") }));
    switch (type) {
      case "topic":
        return meta.topics.map((x) => ({ value: x.id, label: localized(x.name, lang) }));
      case "category":
        return meta.categories.map((x) => ({ value: x.id, label: localized(x.name, lang) }));
      case "school":
        return meta.schools.map((x) => ({ value: x.id, label: x.name }));
      case "department":
        return departmentOptions;
      case "language":
        return en(LanguageSchema.options, "language");
      case "channel":
        return en(ChannelTypeSchema.options, "channel");
      case "requesterRole":
        return en(RequesterRoleSchema.options, "requesterRole");
      case "kind":
        return en(ConversationKindSchema.options, "kind");
      case "priority":
        return en(PrioritySchema.options, "priority");
      case "alert":
        return alertCategories.map((c) => ({ value: c.key, label: localized(c.name, lang) }));
    }
  };

  const title = rule ? t("admin.rules.editor.editTitle", { name: rule.name }) : t("admin.rules.editor.newTitle");
  return (
    <section className="panel settings__editor" aria-labelledby={`${baseId}-title`}>
      <h3 id={`${baseId}-title`} ref={headingRef} tabIndex={-1} className="section-title">
        {title}
      </h3>
      <form ref={formRef} className="settings__form" onSubmit={submit} noValidate>
        <ErrorSummary items={summary} focusKey={attempt} />
        {problemShown ? <ProblemAlert error={save.error} /> : null}
        <TextField
          label={t("admin.rules.editor.name")}
          description={t("admin.rules.editor.nameHelp")}
          value={draft.name}
          onChange={(name) => update({ name })}
          isRequired
          isInvalid={Boolean(errors.name)}
          errorMessage={errors.name}
          validationBehavior="aria"
          name="name"
        />
        <div className="settings__row">
          <CheckboxField isSelected={draft.enabled} onChange={(enabled) => update({ enabled })}>
            {t("admin.rules.editor.enabled")}
          </CheckboxField>
        </div>

        <Fieldset
          id={`${baseId}-conditions`}
          legend={t("admin.rules.editor.conditions")}
          description={t("admin.rules.editor.conditionsHelp")}
          errorMessage={errors.conditions}
        >
          {draft.conditions.length === 0 ? <p className="muted">{t("admin.rules.editor.noConditions")}</p> : null}
          <ol className="settings__stack">
            {draft.conditions.map((c, i) => (
              <li key={c.uid}>
                <ConditionEditor
                  id={`${baseId}-c-${c.uid}`}
                  index={i}
                  condition={c}
                  errors={errors}
                  options={isChoiceCondition(c.type) ? choiceOptions(c.type) : []}
                  onChange={(patch) => setCondition(c.uid, patch)}
                  onRemove={() => removeCondition(c.uid)}
                />
              </li>
            ))}
          </ol>
          <div className="settings__adder">
            <SelectField
              label={t("admin.rules.editor.conditionType")}
              value={conditionType}
              options={CONDITION_TYPES.map((x) => ({ value: x, label: t(`admin.rules.editor.conditionTypes.${x}`) }))}
              onChange={(v) => setConditionType(v as RuleConditionType)}
            />
            <Button id={`${baseId}-add-condition`} onPress={addCondition}>
              {t("admin.rules.editor.addCondition")}
            </Button>
          </div>
        </Fieldset>

        <Fieldset id={`${baseId}-actions`} legend={t("admin.rules.editor.actions")} description={t("admin.rules.editor.actionsHelp")} errorMessage={errors.actions}>
          {draft.actions.length === 0 ? <p className="muted">{t("admin.rules.editor.noActions")}</p> : null}
          <ol className="settings__stack">
            {draft.actions.map((a, i) => (
              <li key={a.uid}>
                <ActionEditor
                  id={`${baseId}-a-${a.uid}`}
                  index={i}
                  action={a}
                  errors={errors}
                  staffOptions={staffOptions}
                  departmentOptions={departmentOptions}
                  slaOptions={slaPolicies.map((p) => ({ value: p.id, label: p.name }))}
                  onChange={(patch) => setAction(a.uid, patch)}
                  onRemove={() => removeAction(a.uid)}
                />
              </li>
            ))}
          </ol>
          <div className="settings__adder">
            <SelectField
              label={t("admin.rules.editor.actionType")}
              value={actionType}
              options={ACTION_TYPES.map((x) => ({ value: x, label: t(`admin.rules.editor.actionTypes.${x}`) }))}
              onChange={(v) => setActionType(v as RuleActionType)}
            />
            <Button id={`${baseId}-add-action`} onPress={addAction}>
              {t("admin.rules.editor.addAction")}
            </Button>
          </div>
        </Fieldset>

        <CheckboxField isSelected={draft.stopProcessing} onChange={(stopProcessing) => update({ stopProcessing })} description={t("admin.rules.editor.stopHelp")}>
          {t("admin.rules.editor.stopProcessing")}
        </CheckboxField>

        <div className="settings__buttons">
          <Button type="submit" variant="primary" isDisabled={save.isPending}>
            {save.isPending ? t("admin.common.saving") : rule ? t("admin.rules.editor.save") : t("admin.rules.editor.create")}
          </Button>
          <Button variant="secondary" onPress={onCancel}>
            {t("admin.common.cancel")}
          </Button>
        </div>
      </form>
    </section>
  );
}

function ConditionEditor({
  id,
  index,
  condition: c,
  errors,
  options,
  onChange,
  onRemove,
}: {
  id: string;
  index: number;
  condition: ConditionDraft;
  errors: FieldErrors;
  options: Option[];
  onChange: (patch: Partial<ConditionDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const path = `conditions.${index}`;
  const err = (prop: string) => errorAt(errors, `${path}.${prop}`);
  const typeLabel = t(`admin.rules.editor.conditionTypes.${c.type}`);
  // An error on the condition as a whole (not under one of its fields) shows under the legend.
  const own = errors[path];
  return (
    <Fieldset id={id} className="settings__item" legend={t("admin.rules.editor.conditionN", { n: index + 1, type: typeLabel })} errorMessage={own}>
      {isChoiceCondition(c.type) ? (
        <CheckboxGroupField
          label={t("admin.rules.editor.matchesAny")}
          options={options}
          value={c.chosen}
          onChange={(chosen) => onChange({ chosen })}
          errorMessage={err(CHOICE_PROP[c.type])}
          emptyText={t("admin.rules.editor.nothingToChoose")}
          scroll={options.length > 8}
        />
      ) : null}
      {c.type === "keywords" ? (
        <>
          <TextAreaField
            label={t("admin.rules.editor.phrases")}
            description={t("admin.rules.editor.phrasesHelp")}
            value={c.text}
            onChange={(text) => onChange({ text })}
            errorMessage={err("phrases")}
            rows={3}
          />
          <RadioGroupField
            label={t("admin.rules.editor.match")}
            orientation="horizontal"
            value={c.match}
            onChange={(v) => onChange({ match: v === "all" ? "all" : "any" })}
            options={[
              { value: "any", label: t("admin.rules.editor.matchAny") },
              { value: "all", label: t("admin.rules.editor.matchAll") },
            ]}
            errorMessage={err("match")}
          />
        </>
      ) : null}
      {c.type === "field" ? (
        <div className="settings__grid">
          <InputField
            label={t("admin.rules.editor.fieldKey")}
            description={t("admin.rules.editor.fieldKeyHelp")}
            value={c.fieldKey}
            onChange={(fieldKey) => onChange({ fieldKey })}
            errorMessage={err("key")}
          />
          <SelectField
            label={t("admin.rules.editor.fieldOp")}
            value={c.op}
            options={(["equals", "contains", "present", "in"] as const).map((op) => ({ value: op, label: t(`admin.rules.editor.ops.${op}`) }))}
            onChange={(v) => onChange({ op: v as ConditionDraft["op"] })}
          />
          {c.op === "equals" || c.op === "contains" ? (
            <InputField label={t("admin.rules.editor.fieldValue")} value={c.value} onChange={(value) => onChange({ value })} errorMessage={err("value")} />
          ) : null}
          {c.op === "in" ? (
            <TextAreaField label={t("admin.rules.editor.fieldValues")} value={c.text} onChange={(text) => onChange({ text })} errorMessage={err("values")} rows={3} />
          ) : null}
        </div>
      ) : null}
      {c.type === "hasTag" ? (
        <InputField
          label={t("admin.rules.editor.tags")}
          description={t("admin.rules.editor.tagsHelp")}
          value={c.text}
          onChange={(text) => onChange({ text })}
          errorMessage={err("tags")}
        />
      ) : null}
      {c.type === "afterHours" ? (
        <RadioGroupField
          label={t("admin.rules.editor.when")}
          value={c.afterHours ? "after" : "during"}
          onChange={(v) => onChange({ afterHours: v === "after" })}
          options={[
            { value: "after", label: t("admin.rules.editor.afterHours") },
            { value: "during", label: t("admin.rules.editor.duringHours") },
          ]}
        />
      ) : null}
      <div className="settings__item-foot">
        <CheckboxField isSelected={c.negate} onChange={(negate) => onChange({ negate })}>
          {t("admin.rules.editor.negate")}
        </CheckboxField>
        <Button variant="quiet" size="sm" onPress={onRemove}>
          {t("admin.rules.editor.removeCondition", { n: index + 1 })}
        </Button>
      </div>
    </Fieldset>
  );
}

function ActionEditor({
  id,
  index,
  action: a,
  errors,
  staffOptions,
  departmentOptions,
  slaOptions,
  onChange,
  onRemove,
}: {
  id: string;
  index: number;
  action: ActionDraft;
  errors: FieldErrors;
  staffOptions: Option[];
  departmentOptions: Option[];
  slaOptions: Option[];
  onChange: (patch: Partial<ActionDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const path = `actions.${index}`;
  const err = (prop: string) => errorAt(errors, `${path}.${prop}`);
  const typeLabel = t(`admin.rules.editor.actionTypes.${a.type}`);
  return (
    <Fieldset id={id} className="settings__item" legend={t("admin.rules.editor.actionN", { n: index + 1, type: typeLabel })} errorMessage={errors[path]}>
      {a.type === "setDepartment" ? (
        <PickerWithError
          label={t("admin.rules.editor.department")}
          value={a.departmentId}
          options={departmentOptions}
          onChange={(departmentId) => onChange({ departmentId })}
          error={err("departmentId")}
        />
      ) : null}
      {a.type === "assignPerson" ? (
        <PickerWithError label={t("admin.rules.editor.person")} value={a.staffId} options={staffOptions} onChange={(staffId) => onChange({ staffId })} error={err("staffId")} />
      ) : null}
      {a.type === "assignByPolicy" ? <p className="field__description">{t("admin.rules.editor.assignByPolicyHelp")}</p> : null}
      {a.type === "sendToTriage" ? <p className="field__description">{t("admin.rules.editor.sendToTriageHelp")}</p> : null}
      {a.type === "setPriority" ? (
        <SelectField
          label={t("admin.rules.editor.priority")}
          value={a.priority}
          options={PrioritySchema.options.map((p) => ({ value: p, label: t(`enums.priority.${p}`) }))}
          onChange={(v) => onChange({ priority: PrioritySchema.parse(v) })}
        />
      ) : null}
      {a.type === "addTags" ? (
        <InputField
          label={t("admin.rules.editor.tags")}
          description={t("admin.rules.editor.tagsHelp")}
          value={a.tags}
          onChange={(tags) => onChange({ tags })}
          errorMessage={err("tags")}
        />
      ) : null}
      {a.type === "addWatchers" ? (
        <CheckboxGroupField
          label={t("admin.rules.editor.watchers")}
          description={t("admin.rules.editor.watchersHelp")}
          options={staffOptions}
          value={a.staffIds}
          onChange={(staffIds) => onChange({ staffIds })}
          errorMessage={err("staffIds")}
          scroll={staffOptions.length > 8}
        />
      ) : null}
      {a.type === "applySla" ? (
        slaOptions.length === 0 ? (
          <p className="field__error">{t("admin.rules.editor.noSla")}</p>
        ) : (
          <PickerWithError label={t("admin.rules.editor.sla")} value={a.slaPolicyId} options={slaOptions} onChange={(slaPolicyId) => onChange({ slaPolicyId })} error={err("slaPolicyId")} />
        )
      ) : null}
      <div className="settings__item-foot">
        <Button variant="quiet" size="sm" onPress={onRemove}>
          {t("admin.rules.editor.removeAction", { n: index + 1 })}
        </Button>
      </div>
    </Fieldset>
  );
}

function PickerWithError({ label, value, options, onChange, error }: { label: string; value: string; options: Option[]; onChange: (v: string) => void; error?: string }) {
  const { t } = useTranslation();
  return <PickerField label={label} value={value} emptyLabel={t("admin.common.choose")} options={options} onChange={onChange} errorMessage={error} />;
}
