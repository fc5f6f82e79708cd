import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AlertCategoryBodySchema, AlertCategoryUpdateSchema, type AlertCategory } from "../../../../../common/contract/operations.js";
import { localized, nameOf, useMeta } from "../../../lib/meta.js";
import { Badge } from "../../../ui/Badge.js";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { Spinner } from "../../../ui/Spinner.js";
import * as adminApi from "../api.js";
import { errorsFromProblem, errorsFromZod, hasErrors, type FieldErrors } from "../formErrors.js";
import { adminKeys, useAdminMutation, useAlertCategories, useSettingsAbilities } from "../hooks.js";
import { useFocusWhenReady } from "../useFocusWhenReady.js";
import { CheckboxGroupField, ErrorSummary, InputField, RadioGroupField, SwitchField, TextAreaField } from "../ui/fields.js";

const lines = (s: string) => s.split("\n").map((x) => x.trim()).filter(Boolean);

/** The alert categories (built-in and the district's own), each with its switch and responder team. */
export function AlertCategoriesSection() {
  const { t, i18n } = useTranslation();
  const { manage } = useSettingsAbilities();
  const categories = useAlertCategories();
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState("");
  const focusWhenReady = useFocusWhenReady();
  const items = categories.data ?? [];

  return (
    <section className="settings__section" aria-labelledby="categories-title">
      <div className="settings__section-head">
        <h2 id="categories-title" className="section-title" tabIndex={-1}>
          {t("admin.alerts.listTitle")}
        </h2>
        {manage ? (
          <Button id="categories-new" variant="primary" onPress={() => setCreating(true)} isDisabled={creating}>
            {t("admin.alerts.new")}
          </Button>
        ) : null}
      </div>
      <p className="sr-only" role="status">
        {status}
      </p>
      {creating ? (
        <NewCategory
          onDone={(created) => {
            setCreating(false);
            if (created) {
              setStatus(t("admin.alerts.created", { name: localized(created.name, i18n.language) }));
              focusWhenReady(`#category-${created.id}`, "#categories-title");
            } else {
              focusWhenReady("#categories-new", "#categories-title");
            }
          }}
        />
      ) : null}
      {categories.isPending ? <Spinner label={t("app.loading")} /> : null}
      {categories.isError ? <ProblemAlert error={categories.error} onRetry={() => void categories.refetch()} /> : null}
      <ul className="settings__cards">
        {items.map((c) => (
          <li key={c.id}>
            <CategoryCard category={c} manage={manage} onStatus={setStatus} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function CategoryCard({ category: c, manage, onStatus }: { category: AlertCategory; manage: boolean; onStatus: (s: string) => void }) {
  const { t, i18n } = useTranslation();
  const meta = useMeta();
  const name = localized(c.name, i18n.language);
  const [responders, setResponders] = useState<string[]>(c.responderIds);
  const [editing, setEditing] = useState(false);
  const focusWhenReady = useFocusWhenReady();
  const toggle = useAdminMutation((enabled: boolean) => adminApi.updateAlertCategory(c.id, { enabled }), [adminKeys.alertCategories]);
  // The current `enabled` goes along: the server answers 500 to a body with responderIds alone (an empty UPDATE).
  const saveResponders = useAdminMutation((responderIds: string[]) => adminApi.updateAlertCategory(c.id, { responderIds, enabled: c.enabled }), [
    adminKeys.alertCategories,
  ]);
  useEffect(() => setResponders(c.responderIds), [c.responderIds]);
  const dirty = [...responders].sort().join() !== [...c.responderIds].sort().join();
  const staff = meta.staff.map((s) => ({ value: s.id, label: s.name }));
  const responderNames = c.responderIds.map((id) => nameOf(meta.staff, id) ?? t("admin.common.removed"));

  return (
    <article className={c.enabled ? "panel settings__card" : "panel settings__card settings__card--off"} aria-labelledby={`category-${c.id}`} data-category={c.key}>
      <div className="settings__card-head">
        <h3 id={`category-${c.id}`} className="settings__card-title" tabIndex={-1}>
          {name}
        </h3>
        <Badge tone={c.builtIn ? "info" : "neutral"}>{c.builtIn ? t("admin.alerts.builtIn") : t("admin.alerts.districtDefined")}</Badge>
        <Badge tone={c.severity === "critical" ? "danger" : "warning"} icon="alert">
          {t(`admin.alerts.severity.${c.severity}`)}
        </Badge>
      </div>
      <p className="muted">
        {t("admin.alerts.key")}: <code>{c.key}</code>
        {c.builtIn ? ` · ${t("admin.alerts.builtInHelp")}` : ` · ${t("admin.alerts.phrasesCount", { count: c.phrases.length })}: ${c.phrases.join(", ")}`}
      </p>
      {manage ? (
        <SwitchField
          isSelected={c.enabled}
          isDisabled={toggle.isPending}
          onChange={(enabled) =>
            toggle.mutate(enabled, { onSuccess: () => onStatus(enabled ? t("admin.alerts.turnedOn", { name }) : t("admin.alerts.turnedOff", { name })) })
          }
        >
          <span className="sr-only">{t("admin.alerts.enabledFor", { name })}</span>
          <span aria-hidden="true">{t("admin.alerts.enabled")}</span>
        </SwitchField>
      ) : (
        <p>{c.enabled ? t("admin.alerts.enabled") : t("admin.rules.off")}</p>
      )}
      {toggle.isError ? <ProblemAlert error={toggle.error} /> : null}
      {manage ? (
        <form
          className="settings__form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            saveResponders.mutate(responders, { onSuccess: () => onStatus(t("admin.alerts.respondersSaved", { name })) });
          }}
        >
          <CheckboxGroupField
            label={t("admin.alerts.respondersFor", { name })}
            description={t("admin.alerts.respondersHelp")}
            options={staff}
            value={responders}
            onChange={setResponders}
            scroll={staff.length > 8}
            errorMessage={saveResponders.isError ? errorsFromProblem(saveResponders.error).responderIds : undefined}
          />
          {saveResponders.isError && !errorsFromProblem(saveResponders.error).responderIds ? <ProblemAlert error={saveResponders.error} /> : null}
          <div className="settings__buttons">
            <Button type="submit" isDisabled={!dirty || saveResponders.isPending}>
              {saveResponders.isPending ? t("admin.common.saving") : t("admin.alerts.saveResponders")}
              <span className="sr-only">: {name}</span>
            </Button>
            {!c.builtIn && !editing ? (
              <Button id={`category-edit-${c.id}`} variant="quiet" onPress={() => setEditing(true)}>
                {t("admin.alerts.edit")}
                <span className="sr-only">: {name}</span>
              </Button>
            ) : null}
          </div>
        </form>
      ) : (
        <p>
          <strong>{t("admin.alerts.responders")}:</strong> {responderNames.length ? responderNames.join(", ") : t("admin.alerts.noResponders")}
        </p>
      )}
      {editing ? (
        <EditCategory
          category={c}
          onDone={(saved) => {
            setEditing(false);
            if (saved) onStatus(t("admin.alerts.saved", { name: localized(saved.name, i18n.language) }));
            focusWhenReady(`#category-edit-${c.id}`, `#category-${c.id}`);
          }}
        />
      ) : null}
    </article>
  );
}

type Draft = { key: string; nameEn: string; nameEs: string; phrases: string; severity: "critical" | "high"; responderIds: string[] };

function CategoryFields({ draft, set, errors, withKey, withResponders }: { draft: Draft; set: (p: Partial<Draft>) => void; errors: FieldErrors; withKey: boolean; withResponders: boolean }) {
  const { t } = useTranslation();
  const meta = useMeta();
  return (
    <>
      {withKey ? (
        <InputField label={t("admin.alerts.key")} description={t("admin.alerts.keyHelp")} value={draft.key} onChange={(key) => set({ key })} errorMessage={errors.key} isRequired name="category-key" />
      ) : null}
      <div className="settings__grid">
        <InputField label={t("admin.alerts.nameEn")} value={draft.nameEn} onChange={(nameEn) => set({ nameEn })} errorMessage={errors["name.en"]} isRequired name="category-name-en" />
        <InputField label={t("admin.alerts.nameEs")} value={draft.nameEs} onChange={(nameEs) => set({ nameEs })} errorMessage={errors["name.es"]} name="category-name-es" />
      </div>
      <TextAreaField
        label={t("admin.alerts.phrases")}
        description={t("admin.alerts.phrasesHelp")}
        value={draft.phrases}
        onChange={(phrases) => set({ phrases })}
        errorMessage={errors.phrases}
        rows={4}
        isRequired
        name="category-phrases"
      />
      <RadioGroupField
        label={t("admin.alerts.severityLabel")}
        orientation="horizontal"
        value={draft.severity}
        onChange={(v) => set({ severity: v === "critical" ? "critical" : "high" })}
        options={[
          { value: "high", label: t("admin.alerts.severity.high") },
          { value: "critical", label: t("admin.alerts.severity.critical") },
        ]}
      />
      {withResponders ? (
        <CheckboxGroupField
          label={t("admin.alerts.responders")}
          description={t("admin.alerts.respondersHelp")}
          options={meta.staff.map((s) => ({ value: s.id, label: s.name }))}
          value={draft.responderIds}
          onChange={(responderIds) => set({ responderIds })}
          scroll={meta.staff.length > 8}
          errorMessage={errors.responderIds}
        />
      ) : null}
    </>
  );
}

function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

function NewCategory({ onDone }: { onDone: (created: AlertCategory | null) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<Draft>({ key: "", nameEn: "", nameEs: "", phrases: "", severity: "high", responderIds: [] });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const create = useAdminMutation((body: adminApi.AlertCategoryCreateBody) => adminApi.createAlertCategory(body), [adminKeys.alertCategories]);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const set = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (create.isPending) return;
    const body: adminApi.AlertCategoryCreateBody = {
      key: draft.key.trim().toLowerCase(),
      name: { en: draft.nameEn.trim(), ...(draft.nameEs.trim() ? { es: draft.nameEs.trim() } : {}) },
      phrases: lines(draft.phrases),
      severity: draft.severity,
      enabled: true,
      responderIds: draft.responderIds,
    };
    const parsed = AlertCategoryBodySchema.safeParse(body);
    if (!parsed.success) {
      setErrors(errorsFromZod(parsed.error, t));
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    create.mutate(body, {
      onSuccess: (c) => onDone(c),
      onError: (err) => {
        setErrors(errorsFromProblem(err));
        setAttempt((n) => n + 1);
      },
    });
  };

  return (
    <section className="panel settings__editor" aria-labelledby="category-new-title">
      <h3 id="category-new-title" className="section-title" tabIndex={-1} ref={heading}>
        {t("admin.alerts.newTitle")}
      </h3>
      <form className="settings__form" onSubmit={submit} noValidate>
        <ErrorSummary items={Object.values(errors)} focusKey={attempt} />
        {create.isError && !hasErrors(errorsFromProblem(create.error)) ? <ProblemAlert error={create.error} /> : null}
        <CategoryFields draft={draft} set={set} errors={errors} withKey withResponders />
        <div className="settings__buttons">
          <Button type="submit" variant="primary" isDisabled={create.isPending}>
            {create.isPending ? t("admin.common.saving") : t("admin.alerts.create")}
          </Button>
          <Button onPress={() => onDone(null)}>{t("admin.common.cancel")}</Button>
        </div>
      </form>
    </section>
  );
}

function EditCategory({ category: c, onDone }: { category: AlertCategory; onDone: (saved: AlertCategory | null) => void }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft>({ key: c.key, nameEn: c.name.en, nameEs: c.name.es ?? "", phrases: c.phrases.join("\n"), severity: c.severity, responderIds: c.responderIds });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAdminMutation((body: adminApi.AlertCategoryUpdateBody) => adminApi.updateAlertCategory(c.id, body), [adminKeys.alertCategories]);
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const set = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const phrases = lines(draft.phrases);
    const body: adminApi.AlertCategoryUpdateBody = {
      name: { en: draft.nameEn.trim(), ...(draft.nameEs.trim() ? { es: draft.nameEs.trim() } : {}) },
      phrases,
      severity: draft.severity,
    };
    const parsed = AlertCategoryUpdateSchema.safeParse(body);
    const errs = parsed.success ? {} : errorsFromZod(parsed.error, t);
    // The update schema allows an empty list; a district category without phrases would never fire.
    if (phrases.length === 0) errs.phrases = t("admin.form.chooseAtLeastOne");
    if (hasErrors(errs)) {
      setErrors(errs);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    save.mutate(body, {
      onSuccess: (saved) => onDone(saved),
      onError: (err) => {
        setErrors(errorsFromProblem(err));
        setAttempt((n) => n + 1);
      },
    });
  };

  return (
    <section className="settings__inline-editor" aria-labelledby={`category-edit-title-${c.id}`}>
      <h4 id={`category-edit-title-${c.id}`} className="subsection-title" tabIndex={-1} ref={heading}>
        {t("admin.alerts.editTitle", { name: localized(c.name, i18n.language) })}
      </h4>
      <form className="settings__form" onSubmit={submit} noValidate>
        <ErrorSummary items={Object.values(errors)} focusKey={attempt} />
        {save.isError && !hasErrors(errorsFromProblem(save.error)) ? <ProblemAlert error={save.error} /> : null}
        <CategoryFields draft={draft} set={set} errors={errors} withKey={false} withResponders={false} />
        <div className="settings__buttons">
          <Button type="submit" variant="primary" isDisabled={save.isPending}>
            {save.isPending ? t("admin.common.saving") : t("admin.alerts.save")}
          </Button>
          <Button onPress={() => onDone(null)}>{t("admin.common.cancel")}</Button>
        </div>
      </form>
    </section>
  );
}
