import { useTranslation } from "react-i18next";
import type { WeeklyHoursBody } from "../../../../../common/contract/operations.js";
import { Button } from "../../../ui/Button.js";
import { InputField } from "../ui/fields.js";

/**
 * Weekly opening hours: per day, any number of blocks (a split day has two). Times are local wall-clock "HH:MM";
 * the contract's "24:00" end (midnight at the end of the day) shows as 00:00 in a time input and goes back as 24:00.
 */
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Day = (typeof DAYS)[number];

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const endMinutes = (hhmm: string) => (hhmm === "24:00" ? 1440 : minutes(hhmm));
const clock = (m: number) => (m >= 1440 ? "24:00" : `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);

/** Monday 2026-01-05 … Sunday 2026-01-11, for weekday names in the UI language. */
export function dayName(day: Day, lang: string): string {
  const date = new Date(Date.UTC(2026, 0, 5 + DAYS.indexOf(day), 12));
  return new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { weekday: "long", timeZone: "UTC" }).format(date);
}

export type HoursErrors = Partial<Record<`${Day}.${number}`, string>>;

/** Problems per block ("mon.1"): not a time, ends before it starts, overlaps another block of the day. */
export function validateHours(h: WeeklyHoursBody, msg: { time: string; order: string; overlap: string }): HoursErrors {
  const out: HoursErrors = {};
  for (const day of DAYS) {
    const blocks = h[day].map(([s, e], i) => ({ s, e, i }));
    for (const b of blocks) {
      if (!TIME.test(b.s) || !(TIME.test(b.e) || b.e === "24:00")) out[`${day}.${b.i}`] = msg.time;
      else if (endMinutes(b.e) <= minutes(b.s)) out[`${day}.${b.i}`] = msg.order;
    }
    const valid = blocks.filter((b) => out[`${day}.${b.i}`] === undefined).sort((a, b) => minutes(a.s) - minutes(b.s));
    for (let k = 1; k < valid.length; k++) {
      if (minutes(valid[k]!.s) < endMinutes(valid[k - 1]!.e)) out[`${day}.${valid[k]!.i}`] = msg.overlap;
    }
  }
  return out;
}

export function WeeklyHoursEditor({
  value,
  onChange,
  idPrefix,
  errors,
  isDisabled,
}: {
  value: WeeklyHoursBody;
  onChange: (v: WeeklyHoursBody) => void;
  idPrefix: string;
  errors: HoursErrors;
  isDisabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const setDay = (day: Day, blocks: [string, string][]) => onChange({ ...value, [day]: blocks });
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const add = (day: Day) => {
    const blocks = value[day];
    const last = blocks.at(-1);
    let next: [string, string] = ["08:00", "17:00"];
    if (last && TIME.test(last[0]) && (TIME.test(last[1]) || last[1] === "24:00")) {
      const start = Math.min(endMinutes(last[1]) + 60, 1380);
      next = [clock(start), clock(Math.min(start + 240, 1440))];
    }
    setDay(day, [...blocks, next]);
    requestAnimationFrame(() => document.querySelector<HTMLInputElement>(`#${CSS.escape(`${idPrefix}-${day}`)} [data-block="${blocks.length}"] input`)?.focus());
  };

  return (
    <div className="hours">
      <p className="field__description">{t("admin.hours.midnightHelp")}</p>
      {DAYS.map((day) => {
        const name = dayName(day, i18n.language);
        const blocks = value[day];
        return (
          <fieldset key={day} className="hours__day" id={`${idPrefix}-${day}`}>
            <legend className="hours__name">{name}</legend>
            <div className="hours__blocks">
              {blocks.length === 0 ? <p className="hours__closed">{t("admin.hours.closed")}</p> : null}
              {blocks.map(([from, until], i) => {
                const error = errors[`${day}.${i}`];
                return (
                  <div key={i} className="hours__block" data-block={i}>
                    <InputField
                      className="hours__time"
                      type="time"
                      label={t("admin.hours.from")}
                      value={from}
                      isDisabled={isDisabled}
                      onChange={(v) => setDay(day, blocks.map((b, k) => (k === i ? [v, b[1]] : b)))}
                      errorMessage={error}
                    />
                    <InputField
                      className="hours__time"
                      type="time"
                      label={t("admin.hours.until")}
                      value={until === "24:00" ? "00:00" : until}
                      isDisabled={isDisabled}
                      onChange={(v) => setDay(day, blocks.map((b, k) => (k === i ? [b[0], v === "00:00" ? "24:00" : v] : b)))}
                    />
                    {!isDisabled ? (
                      <Button
                        size="sm"
                        variant="quiet"
                        className="hours__remove"
                        onPress={() => {
                          setDay(
                            day,
                            blocks.filter((_, k) => k !== i),
                          );
                          focusLater(`${idPrefix}-${day}-add`);
                        }}
                      >
                        {t("admin.hours.removeInterval")}
                        <span className="sr-only">: {t("admin.hours.removeIntervalLabel", { from, until, day: name })}</span>
                      </Button>
                    ) : null}
                  </div>
                );
              })}
            </div>
            {!isDisabled && blocks.length < 6 ? (
              <Button id={`${idPrefix}-${day}-add`} size="sm" className="hours__add" onPress={() => add(day)}>
                {t("admin.hours.addInterval")}
                <span className="sr-only">: {name}</span>
              </Button>
            ) : null}
          </fieldset>
        );
      })}
    </div>
  );
}
