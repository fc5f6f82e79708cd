import { useMemo, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { HolidaySchema, type DistrictSettings, type DistrictSettingsBody, type WeeklyHoursBody } from "../../../../../common/contract/operations.js";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { Spinner } from "../../../ui/Spinner.js";
import * as adminApi from "../api.js";
import { errorsFromProblem, errorsFromZod, hasErrors, type FieldErrors } from "../formErrors.js";
import { validateHours, WeeklyHoursEditor, type HoursErrors } from "../hours/WeeklyHoursEditor.js";
import { adminKeys, useAdminMutation, useDistrictSettings, useSettingsAbilities } from "../hooks.js";
import { ErrorSummary, Fieldset, InputField, NumberInputField, PickerField } from "../ui/fields.js";

/** Every IANA zone the browser knows, with the district's own first when it is not among them. */
function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return all.includes(current) ? all : [current, ...all];
}

/** The district calendar: time zone, weekly office hours (split days allowed), first-response promise, closures. */
export function CalendarSection() {
  const { t } = useTranslation();
  const district = useDistrictSettings();
  return (
    <section className="settings__section" aria-labelledby="calendar-title">
      <h2 id="calendar-title" className="section-title">
        {t("admin.standards.calendar.title")}
      </h2>
      {district.isPending ? <Spinner label={t("app.loading")} /> : null}
      {district.isError ? <ProblemAlert error={district.error} onRetry={() => void district.refetch()} /> : null}
      {district.data ? (
        <>
          <HoursForm key={JSON.stringify([district.data.timeZone, district.data.weeklyHours, district.data.responseDays])} settings={district.data} />
          <Holidays settings={district.data} />
        </>
      ) : null}
    </section>
  );
}

function HoursForm({ settings }: { settings: DistrictSettings }) {
  const { t } = useTranslation();
  const { manage } = useSettingsAbilities();
  const [timeZone, setTimeZone] = useState(settings.timeZone);
  const [hours, setHours] = useState<WeeklyHoursBody>(settings.weeklyHours);
  const [responseDays, setResponseDays] = useState<number | null>(settings.responseDays);
  const [hoursErrors, setHoursErrors] = useState<HoursErrors>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState("");
  const zones = useMemo(() => timeZones(settings.timeZone).map((z) => ({ value: z, label: z.replaceAll("_", " ") })), [settings.timeZone]);
  const save = useAdminMutation((body: DistrictSettingsBody) => adminApi.updateDistrictSettings(body), [adminKeys.district]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const hErrors = validateHours(hours, { time: t("admin.form.timeFormat"), order: t("admin.form.endBeforeStart"), overlap: t("admin.form.overlap") });
    const fErrors: FieldErrors = {};
    if (responseDays === null || responseDays < 1 || responseDays > 30) fErrors.responseDays = t("admin.form.atLeast", { min: 1 });
    setHoursErrors(hErrors);
    setErrors(fErrors);
    if (Object.keys(hErrors).length || hasErrors(fErrors)) {
      setAttempt((n) => n + 1);
      return;
    }
    save.mutate(
      { timeZone, weeklyHours: hours, responseDays: responseDays ?? undefined },
      {
        onSuccess: () => setStatus(t("admin.standards.calendar.saved")),
        onError: (err) => {
          setErrors(errorsFromProblem(err));
          setAttempt((n) => n + 1);
        },
      },
    );
  };

  return (
    <form className="panel settings__card settings__form" onSubmit={submit} noValidate aria-label={t("admin.standards.calendar.title")}>
      <ErrorSummary items={[...Object.values(errors), ...Object.values(hoursErrors)].filter((m): m is string => m !== undefined)} focusKey={attempt} />
      {save.isError && !hasErrors(errorsFromProblem(save.error)) ? <ProblemAlert error={save.error} /> : null}
      <div className="settings__grid">
        <PickerField label={t("admin.standards.calendar.timeZone")} value={timeZone} options={zones} onChange={setTimeZone} isDisabled={!manage} errorMessage={errors.timeZone} />
        <NumberInputField
          label={t("admin.standards.calendar.responseDays")}
          description={t("admin.standards.calendar.responseDaysHelp")}
          value={responseDays}
          onChange={setResponseDays}
          minValue={1}
          maxValue={30}
          step={1}
          isDisabled={!manage}
          errorMessage={errors.responseDays}
        />
      </div>
      <Fieldset id="calendar-hours" legend={t("admin.standards.calendar.hours")} description={t("admin.standards.calendar.hoursHelp")} errorMessage={errors.weeklyHours}>
        <WeeklyHoursEditor idPrefix="district-hours" value={hours} onChange={setHours} errors={hoursErrors} isDisabled={!manage} />
      </Fieldset>
      {manage ? (
        <div className="settings__buttons">
          <Button type="submit" variant="primary" isDisabled={save.isPending}>
            {save.isPending ? t("admin.common.saving") : t("admin.standards.calendar.save")}
          </Button>
        </div>
      ) : null}
      <p className="sr-only" role="status">
        {status}
      </p>
    </form>
  );
}

const formatDay = (d: string, lang: string) =>
  new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T12:00:00Z`));

/** Holidays and school breaks: each add or remove saves the whole list at once. */
function Holidays({ settings }: { settings: DistrictSettings }) {
  const { t, i18n } = useTranslation();
  const { manage } = useSettingsAbilities();
  const [name, setName] = useState("");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [status, setStatus] = useState("");
  const save = useAdminMutation((holidays: DistrictSettings["holidays"]) => adminApi.updateDistrictSettings({ holidays }), [adminKeys.district]);
  const sorted = [...settings.holidays].sort((a, b) => a.start.localeCompare(b.start));

  const add = (e: FormEvent) => {
    e.preventDefault();
    if (save.isPending) return;
    const parsed = HolidaySchema.safeParse({ name, start, end: end || start });
    if (!parsed.success) {
      const errs = errorsFromZod(parsed.error, t);
      if (errs.end && end) errs.end = t("admin.form.untilBeforeFrom");
      setErrors(errs);
      return;
    }
    setErrors({});
    save.mutate([...settings.holidays, parsed.data], {
      onSuccess: () => {
        setStatus(t("admin.standards.holidays.added", { name: parsed.data.name }));
        setName("");
        setStart("");
        setEnd("");
        requestAnimationFrame(() => document.querySelector<HTMLInputElement>("#holiday-form input")?.focus());
      },
      onError: (err) => setErrors(errorsFromProblem(err)),
    });
  };

  const remove = (index: number) => {
    const h = sorted[index]!;
    const next = sorted[index + 1] ?? sorted[index - 1];
    save.mutate(
      settings.holidays.filter((x) => !(x.start === h.start && x.end === h.end && x.name === h.name)),
      {
        onSuccess: () => {
          setStatus(t("admin.standards.holidays.removed", { name: h.name }));
          requestAnimationFrame(() => {
            const target = next ? document.querySelector<HTMLElement>(`[data-holiday="${CSS.escape(`${next.start}|${next.name}`)}"] button`) : null;
            (target ?? document.getElementById("holidays-title"))?.focus();
          });
        },
      },
    );
  };

  return (
    <div className="panel settings__card">
      <h3 id="holidays-title" className="settings__card-title" tabIndex={-1}>
        {t("admin.standards.holidays.title")}
      </h3>
      <p className="muted">{t("admin.standards.holidays.intro")}</p>
      <p className="sr-only" role="status">
        {status}
      </p>
      {sorted.length === 0 ? <p className="muted">{t("admin.standards.holidays.empty")}</p> : null}
      <ul className="holidays" aria-label={t("admin.standards.holidays.listTitle")}>
        {sorted.map((h, i) => (
          <li key={`${h.start}|${h.end}|${h.name}`} className="holidays__item" data-holiday={`${h.start}|${h.name}`}>
            <span className="holidays__name">{h.name}</span>
            <span className="holidays__dates">
              {h.start === h.end
                ? formatDay(h.start, i18n.language)
                : t("admin.standards.holidays.span", { start: formatDay(h.start, i18n.language), end: formatDay(h.end, i18n.language) })}
            </span>
            {manage ? (
              <Button size="sm" variant="quiet" onPress={() => remove(i)} isDisabled={save.isPending}>
                {t("admin.common.remove")}
                <span className="sr-only">: {h.name}</span>
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {save.isError && !hasErrors(errorsFromProblem(save.error)) ? <ProblemAlert error={save.error} /> : null}
      {manage ? (
        <form id="holiday-form" className="settings__form holidays__form" onSubmit={add} noValidate aria-label={t("admin.standards.holidays.add")}>
          <div className="settings__grid">
            <InputField label={t("admin.standards.holidays.name")} value={name} onChange={setName} errorMessage={errors.name} isRequired name="holiday-name" />
            <InputField type="date" label={t("admin.standards.holidays.start")} value={start} onChange={setStart} errorMessage={errors.start} isRequired name="holiday-start" />
            <InputField
              type="date"
              label={t("admin.standards.holidays.end")}
              description={t("admin.standards.holidays.endHelp")}
              value={end}
              onChange={setEnd}
              errorMessage={errors.end}
              name="holiday-end"
            />
          </div>
          <div className="settings__buttons">
            <Button type="submit" isDisabled={save.isPending}>
              {t("admin.standards.holidays.add")}
            </Button>
          </div>
        </form>
      ) : null}
    </div>
  );
}
