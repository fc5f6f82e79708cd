import type { TFunction } from "i18next";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { AvailabilityBodySchema, NotifyEmailSchema, type Availability, type AvailabilityBody, type NotifyEmail, type WeeklyHoursBody } from "../../../../../common/contract/operations.js";
import { formatDateTime } from "../../../lib/format.js";
import { nameOf } from "../../../lib/meta.js";
import { Badge } from "../../../ui/Badge.js";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { Spinner } from "../../../ui/Spinner.js";
import * as adminApi from "../api.js";
import { errorsFromProblem, errorsFromZod, hasErrors, type FieldErrors } from "../formErrors.js";
import { validateHours, WeeklyHoursEditor, type HoursErrors } from "../hours/WeeklyHoursEditor.js";
import { useSession } from "../../../lib/session.js";
import { adminKeys, useAdminMutation, useAvailability, useDistrictSettings, useSettingsAbilities } from "../hooks.js";
import { useFocusWhenReady } from "../useFocusWhenReady.js";
import { CheckboxField, ErrorSummary, Fieldset, InputField, NumberInputField, PickerField, RadioGroupField } from "../ui/fields.js";

/** ISO instant → the value of a datetime-local input, in the browser's time zone ("2026-11-26T09:00"). */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}
/** A datetime-local value (browser time) → an ISO instant; "" → null. */
export function fromLocalInput(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const DEFAULT_HOURS: WeeklyHoursBody = { mon: [["08:00", "17:00"]], tue: [["08:00", "17:00"]], wed: [["08:00", "17:00"]], thu: [["08:00", "17:00"]], fri: [["08:00", "17:00"]], sat: [], sun: [] };

/** Everyone's availability for automatic assignment, with an editor per person. */
export function PeopleSection() {
  const { t } = useTranslation();
  const people = useAvailability();
  const { manageAvailability } = useSettingsAbilities();
  const [editing, setEditing] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const items = people.data ?? [];

  const focusWhenReady = useFocusWhenReady();
  const close = (staffId: string) => {
    setEditing(null);
    focusWhenReady(`#person-edit-${staffId}`, "#people-title");
  };

  return (
    <section className="settings__section" aria-labelledby="people-title">
      <h2 id="people-title" className="section-title" tabIndex={-1}>
        {t("admin.assignment.people.title")}
      </h2>
      <p className="muted settings__intro">{t("admin.assignment.people.intro")}</p>
      <p className="sr-only" role="status">
        {status}
      </p>
      {people.isPending ? <Spinner label={t("app.loading")} /> : null}
      {people.isError ? <ProblemAlert error={people.error} onRetry={() => void people.refetch()} /> : null}
      {people.data && items.length === 0 ? <p className="empty">{t("admin.assignment.people.empty")}</p> : null}
      <ul className="settings__cards" aria-label={t("admin.assignment.people.listTitle")}>
        {items.map((p) => (
          <li key={p.staffId}>
            <PersonCard
              person={p}
              everyone={items}
              canEdit={manageAvailability}
              isEditing={editing === p.staffId}
              onEdit={() => setEditing(p.staffId)}
              onCancel={() => close(p.staffId)}
              onSaved={() => {
                setStatus(t("admin.assignment.people.saved", { name: p.name }));
                close(p.staffId);
              }}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

function awayText(p: Availability, t: TFunction, lang: string, now = new Date()): string | null {
  const from = p.outOfOfficeFrom ? new Date(p.outOfOfficeFrom) : null;
  const until = p.outOfOfficeUntil ? new Date(p.outOfOfficeUntil) : null;
  if (!from && !until) return null;
  if (until && until <= now) return null;
  if (from && from > now) return t("admin.assignment.people.awayFrom", { date: formatDateTime(from.toISOString(), lang) });
  return until ? t("admin.assignment.people.awayUntil", { date: formatDateTime(until.toISOString(), lang) }) : t("admin.assignment.people.away");
}

function PersonCard({
  person: p,
  everyone,
  canEdit,
  isEditing,
  onEdit,
  onCancel,
  onSaved,
}: {
  person: Availability;
  everyone: Availability[];
  canEdit: boolean;
  isEditing: boolean;
  onEdit: () => void;
  onCancel: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const away = awayText(p, t, i18n.language);
  const headingId = `person-${p.staffId}`;
  const delegate = nameOf(
    everyone.map((x) => ({ id: x.staffId, name: x.name })),
    p.delegateStaffId,
  );
  return (
    <article className="panel settings__card" aria-labelledby={headingId}>
      <div className="settings__card-head">
        <h3 id={headingId} className="settings__card-title">
          {p.name}
        </h3>
        {away ? <Badge tone="warning">{away}</Badge> : <Badge tone="success">{t("admin.assignment.people.available")}</Badge>}
      </div>
      <dl className="deflist deflist--inline">
        <div>
          <dt>{t("admin.assignment.people.openLoad")}</dt>
          <dd>{p.openLoad}</dd>
        </div>
        <div>
          <dt>{t("admin.assignment.people.capacity")}</dt>
          <dd>{p.capacity ?? t("admin.assignment.people.noLimit")}</dd>
        </div>
        <div>
          <dt>{t("admin.assignment.people.delegate")}</dt>
          <dd>{delegate ?? t("admin.assignment.people.noDelegate")}</dd>
        </div>
        <div>
          <dt>{t("admin.assignment.people.hours")}</dt>
          <dd>{p.workingHours ? t("admin.assignment.people.ownHours") : t("admin.assignment.people.districtHours")}</dd>
        </div>
        <div>
          <dt>{t("admin.assignment.people.notify")}</dt>
          <dd>{t(`admin.assignment.people.notifyOptions.${p.notifyEmail}`)}</dd>
        </div>
      </dl>
      {canEdit && !isEditing ? (
        <div className="settings__buttons">
          <Button id={`person-edit-${p.staffId}`} size="sm" onPress={onEdit}>
            {t("admin.assignment.people.edit")}
            <span className="sr-only">: {p.name}</span>
          </Button>
        </div>
      ) : null}
      {isEditing ? <AvailabilityEditor person={p} everyone={everyone} onCancel={onCancel} onSaved={onSaved} /> : null}
    </article>
  );
}

type Draft = { from: string; until: string; delegate: string; capacity: number | null; ownHours: boolean; hours: WeeklyHoursBody; notify: NotifyEmail };

function AvailabilityEditor({ person: p, everyone, onCancel, onSaved }: { person: Availability; everyone: Availability[]; onCancel: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const district = useDistrictSettings();
  const [draft, setDraft] = useState<Draft>(() => ({
    from: toLocalInput(p.outOfOfficeFrom),
    until: toLocalInput(p.outOfOfficeUntil),
    delegate: p.delegateStaffId ?? "",
    capacity: p.capacity,
    ownHours: p.workingHours !== null,
    hours: p.workingHours ?? district.data?.weeklyHours ?? DEFAULT_HOURS,
    notify: p.notifyEmail,
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [hoursErrors, setHoursErrors] = useState<HoursErrors>({});
  const [attempt, setAttempt] = useState(0);
  const save = useAdminMutation((body: AvailabilityBody) => adminApi.updateAvailability(p.staffId, body), [adminKeys.availability]);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const idPrefix = `avail-${p.staffId}`;
  // The API lets supervisors set a colleague's out-of-office, delegate and notifications, not their capacity or hours.
  const { manage } = useSettingsAbilities();
  const meId = useSession().staff.id;
  const canSetLoad = manage || p.staffId === meId;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const hErrors = canSetLoad && draft.ownHours ? validateHours(draft.hours, { time: t("admin.form.timeFormat"), order: t("admin.form.endBeforeStart"), overlap: t("admin.form.overlap") }) : {};
    setHoursErrors(hErrors);
    const body: AvailabilityBody = {
      outOfOfficeFrom: fromLocalInput(draft.from),
      outOfOfficeUntil: fromLocalInput(draft.until),
      delegateStaffId: draft.delegate || null,
      notifyEmail: draft.notify,
      ...(canSetLoad ? { capacity: draft.capacity === null ? null : Math.round(draft.capacity), workingHours: draft.ownHours ? draft.hours : null } : {}),
    };
    const parsed = AvailabilityBodySchema.safeParse(body);
    const fieldErrors = parsed.success ? {} : errorsFromZod(parsed.error, t);
    // The values sent are ISO instants by construction; the one check that can fail is "ends after it starts".
    if (fieldErrors.outOfOfficeUntil) fieldErrors.outOfOfficeUntil = t("admin.form.untilBeforeFrom");
    setErrors(fieldErrors);
    if (hasErrors(fieldErrors) || Object.keys(hErrors).length) {
      setAttempt((n) => n + 1);
      return;
    }
    save.mutate(body, {
      onSuccess: onSaved,
      onError: (err) => {
        setErrors(errorsFromProblem(err));
        setAttempt((n) => n + 1);
      },
    });
  };

  const summary = [...Object.values(errors), ...Object.values(hoursErrors)].filter((m): m is string => m !== undefined);
  const others = everyone.filter((x) => x.staffId !== p.staffId).map((x) => ({ value: x.staffId, label: x.name }));
  return (
    <form className="settings__form settings__inline-editor" onSubmit={submit} noValidate aria-labelledby={`${idPrefix}-title`}>
      <h4 id={`${idPrefix}-title`} className="subsection-title">
        {t("admin.assignment.people.editTitle", { name: p.name })}
      </h4>
      <ErrorSummary items={summary} focusKey={attempt} />
      {save.isError && !hasErrors(errorsFromProblem(save.error)) ? <ProblemAlert error={save.error} /> : null}
      <div className="settings__grid">
        <InputField
          type="datetime-local"
          label={t("admin.assignment.people.oooFrom")}
          value={draft.from}
          onChange={(from) => set({ from })}
          errorMessage={errors.outOfOfficeFrom}
          name="ooo-from"
        />
        <InputField
          type="datetime-local"
          label={t("admin.assignment.people.oooUntil")}
          value={draft.until}
          onChange={(until) => set({ until })}
          errorMessage={errors.outOfOfficeUntil}
          description={t("admin.assignment.people.oooHelp")}
          name="ooo-until"
        />
        <PickerField
          label={t("admin.assignment.people.delegate")}
          description={t("admin.assignment.people.delegateHelp")}
          value={draft.delegate}
          emptyLabel={t("admin.assignment.people.noDelegate")}
          options={others}
          onChange={(delegate) => set({ delegate })}
          errorMessage={errors.delegateStaffId}
        />
        <NumberInputField
          label={t("admin.assignment.people.capacity")}
          description={t("admin.assignment.people.capacityHelp")}
          value={draft.capacity}
          onChange={(capacity) => set({ capacity })}
          minValue={0}
          maxValue={10000}
          step={1}
          isDisabled={!canSetLoad}
          errorMessage={errors.capacity}
        />
      </div>
      <RadioGroupField
        label={t("admin.assignment.people.notify")}
        orientation="horizontal"
        value={draft.notify}
        onChange={(v) => set({ notify: NotifyEmailSchema.parse(v) })}
        options={NotifyEmailSchema.options.map((o) => ({ value: o, label: t(`admin.assignment.people.notifyOptions.${o}`) }))}
        errorMessage={errors.notifyEmail}
      />
      <Fieldset
        id={`${idPrefix}-hours`}
        legend={t("admin.assignment.people.hours")}
        description={canSetLoad ? undefined : t("admin.assignment.people.onlyAdminsLoad")}
        errorMessage={errors.workingHours}
      >
        <CheckboxField isSelected={!draft.ownHours} onChange={(same) => set({ ownHours: !same })} isDisabled={!canSetLoad}>
          {t("admin.assignment.people.useDistrictHours")}
        </CheckboxField>
        {draft.ownHours ? (
          <WeeklyHoursEditor idPrefix={`${idPrefix}-wh`} value={draft.hours} onChange={(hours) => set({ hours })} errors={hoursErrors} isDisabled={!canSetLoad} />
        ) : null}
      </Fieldset>
      <div className="settings__buttons">
        <Button type="submit" variant="primary" isDisabled={save.isPending}>
          {save.isPending ? t("admin.common.saving") : t("admin.assignment.people.save")}
        </Button>
        <Button onPress={onCancel}>{t("admin.common.cancel")}</Button>
      </div>
    </form>
  );
}
