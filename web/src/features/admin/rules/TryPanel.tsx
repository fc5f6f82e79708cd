import { useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { TryRoutingRequestSchema, type TryRoutingRequest, type TryRoutingResponse } from "../../../../../common/contract/routing.js";
import { ChannelTypeSchema, ConversationKindSchema, LanguageSchema, RequesterRoleSchema } from "../../../../../common/enums.js";
import { PriorityBadge } from "../../../lib/badges.js";
import { localized, useMeta } from "../../../lib/meta.js";
import { Badge } from "../../../ui/Badge.js";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { TextField } from "../../../ui/TextField.js";
import * as adminApi from "../api.js";
import { errorsFromProblem, errorsFromZod, hasErrors, type FieldErrors } from "../formErrors.js";
import { useAlertCategories, useSlaPolicies } from "../hooks.js";
import { formatList, RoutingSteps } from "../RoutingSteps.js";
import { useMutation } from "@tanstack/react-query";
import { PickerField, TextAreaField } from "../ui/fields.js";

const FIELD_KEY = /^[a-z][a-z0-9_]{0,39}$/;

/** "bus_number=42" lines → {bus_number: "42"}; the 1-based number of the first bad line otherwise. */
export function parseFieldLines(text: string): { fields: Record<string, string> } | { badLine: number } {
  const fields: Record<string, string> = {};
  const lines = text.split("\n");
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf("=");
    const key = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!FIELD_KEY.test(key)) return { badLine: i + 1 };
    fields[key] = line.slice(eq + 1).trim();
  }
  return { fields };
}

type Form = { text: string; subject: string; topicId: string; schoolId: string; channel: string; language: string; requesterRole: string; kind: string; fields: string };
const EMPTY: Form = { text: "", subject: "", topicId: "", schoolId: "", channel: "", language: "", requesterRole: "", kind: "", fields: "" };

/** "Try a message": route a sample through the saved rules and show where it would go and why. Nothing is stored. */
export function TryPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const meta = useMeta();
  const sla = useSlaPolicies();
  const alertCategories = useAlertCategories();
  const [form, setForm] = useState<Form>(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const run = useMutation({ mutationFn: (body: TryRoutingRequest) => adminApi.tryRouting(body) });
  const set = (key: keyof Form) => (v: string) => setForm((f) => ({ ...f, [key]: v }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (run.isPending) return;
    const parsedFields = parseFieldLines(form.fields);
    if ("badLine" in parsedFields) {
      setErrors({ fields: t("admin.try.fieldsInvalid", { line: parsedFields.badLine }) });
      return;
    }
    const body = {
      text: form.text,
      subject: form.subject.trim() || undefined,
      topicId: form.topicId || undefined,
      schoolId: form.schoolId || undefined,
      channel: form.channel || undefined,
      language: form.language || undefined,
      requesterRole: form.requesterRole || undefined,
      kind: form.kind || undefined,
      fields: Object.keys(parsedFields.fields).length ? parsedFields.fields : undefined,
    };
    const parsed = TryRoutingRequestSchema.safeParse(body);
    if (!parsed.success) {
      setErrors(errorsFromZod(parsed.error, t));
      return;
    }
    setErrors({});
    run.mutate(parsed.data, {
      onSuccess: () => requestAnimationFrame(() => resultHeading.current?.focus()),
      onError: (err) => setErrors(errorsFromProblem(err)),
    });
  };

  const enumOptions = (values: readonly string[], group: "channel" | "language" | "requesterRole" | "kind") =>
    values.map((v) => ({ value: v, label: t(`enums.${group}.${v}` as "enums.channel.email") }));
  const result = run.data;
  const fieldsError = errors.fields ?? Object.entries(errors).find(([k]) => k.startsWith("fields."))?.[1];

  return (
    <section className="panel settings__try" aria-labelledby="try-title">
      <h2 id="try-title" className="section-title">
        {t("admin.try.title")}
      </h2>
      <p className="muted settings__intro">{t("admin.try.intro")}</p>
      <form className="settings__form" onSubmit={submit} noValidate>
        <TextAreaField label={t("admin.try.text")} value={form.text} onChange={set("text")} errorMessage={errors.text} rows={5} isRequired name="try-text" />
        <TextField label={t("admin.try.subject")} value={form.subject} onChange={set("subject")} isInvalid={Boolean(errors.subject)} errorMessage={errors.subject} validationBehavior="aria" />
        <details className="settings__details">
          <summary>{t("admin.try.details")}</summary>
          <div className="settings__grid">
            <PickerField
              label={t("admin.try.topic")}
              value={form.topicId}
              emptyLabel={t("admin.try.notSet")}
              options={meta.topics.map((x) => ({ value: x.id, label: localized(x.name, lang) }))}
              onChange={set("topicId")}
              errorMessage={errors.topicId}
            />
            <PickerField
              label={t("admin.try.school")}
              value={form.schoolId}
              emptyLabel={t("admin.try.notSet")}
              options={meta.schools.map((x) => ({ value: x.id, label: x.name }))}
              onChange={set("schoolId")}
              errorMessage={errors.schoolId}
            />
            <PickerField label={t("admin.try.channel")} value={form.channel} emptyLabel={t("admin.try.notSet")} options={enumOptions(ChannelTypeSchema.options, "channel")} onChange={set("channel")} />
            <PickerField label={t("admin.try.language")} value={form.language} emptyLabel={t("admin.try.notSet")} options={enumOptions(LanguageSchema.options, "language")} onChange={set("language")} />
            <PickerField
              label={t("admin.try.requesterRole")}
              value={form.requesterRole}
              emptyLabel={t("admin.try.notSet")}
              options={enumOptions(RequesterRoleSchema.options, "requesterRole")}
              onChange={set("requesterRole")}
            />
            <PickerField label={t("admin.try.kind")} value={form.kind} emptyLabel={t("admin.try.notSet")} options={enumOptions(ConversationKindSchema.options, "kind")} onChange={set("kind")} />
          </div>
          <TextAreaField label={t("admin.try.fields")} description={t("admin.try.fieldsHelp")} value={form.fields} onChange={set("fields")} errorMessage={fieldsError} rows={3} />
        </details>
        {run.isError && !hasErrors(errorsFromProblem(run.error)) ? <ProblemAlert error={run.error} /> : null}
        <div className="settings__buttons">
          <Button type="submit" variant="primary" isDisabled={run.isPending}>
            {run.isPending ? t("admin.try.submitting") : t("admin.try.submit")}
          </Button>
        </div>
      </form>
      {result ? (
        <div className="settings__result">
          <h3 id="try-result" className="subsection-title" tabIndex={-1} ref={resultHeading}>
            {t("admin.try.resultTitle")}
          </h3>
          <TryResult result={result} slaPolicies={sla.data ?? []} alertName={(key) => {
            const c = alertCategories.data?.find((x) => x.key === key);
            return c ? localized(c.name, lang) : key;
          }} />
          <h3 className="subsection-title">{t("admin.try.stepsTitle")}</h3>
          <RoutingSteps steps={result.explanation.steps} slaPolicies={sla.data} />
        </div>
      ) : null}
    </section>
  );
}

function TryResult({ result: r, slaPolicies, alertName }: { result: TryRoutingResponse; slaPolicies: { id: string; name: string }[]; alertName: (key: string) => string }) {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const name = (list: { id: string; name: string }[], id: string | null) => (id ? (list.find((x) => x.id === id)?.name ?? t("admin.common.removed")) : null);
  return (
    <dl className="deflist settings__deflist">
      <div>
        <dt>{t("admin.try.department")}</dt>
        <dd>{name(meta.departments, r.departmentId) ?? t("admin.try.noDepartment")}</dd>
      </div>
      <div>
        <dt>{t("admin.try.assignee")}</dt>
        <dd>{name(meta.staff, r.assigneeId) ?? t("admin.try.nobody")}</dd>
      </div>
      <div>
        <dt>{t("admin.try.priority")}</dt>
        <dd>
          <PriorityBadge priority={r.priority} />
        </dd>
      </div>
      <div>
        <dt>{t("admin.try.tags")}</dt>
        <dd>{r.tags.length ? formatList(r.tags, i18n.language) : t("admin.common.none")}</dd>
      </div>
      <div>
        <dt>{t("admin.try.watchers")}</dt>
        <dd>{r.watchers.length ? formatList(r.watchers.map((id) => name(meta.staff, id) ?? ""), i18n.language) : t("admin.common.none")}</dd>
      </div>
      <div>
        <dt>{t("admin.try.sla")}</dt>
        <dd>{name(slaPolicies, r.slaPolicyId) ?? t("admin.try.districtDefault")}</dd>
      </div>
      <div>
        <dt>{t("admin.try.triage")}</dt>
        <dd>{r.triage ? <Badge tone="warning">{t("admin.try.triageYes")}</Badge> : t("admin.try.triageNo")}</dd>
      </div>
      <div>
        <dt>{t("admin.try.alerts")}</dt>
        <dd>
          {r.alerts.length
            ? r.alerts.map((a) => (
                <Badge key={a.category} tone="danger" icon="alert">
                  {t("admin.try.alert", { category: alertName(a.category), severity: t(`admin.alerts.severity.${a.severity}`) })}
                </Badge>
              ))
            : t("admin.common.none")}
        </dd>
      </div>
    </dl>
  );
}
