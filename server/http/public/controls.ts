import type { PublicCatalog } from "../../../common/i18n/public.js";
import { attr, flag, html, type SafeHtml } from "./html.js";

/** What every form control shows around itself: a label, optional hint and error, and a required mark in text. */
export type ControlFrame = {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean;
  optionalMark?: boolean;
  /** Text shown next to the hint (e.g. "your files were not kept"). */
  note?: string | undefined;
};

export type Option = { value: string; label: string; lang?: string };

export function describedBy(f: ControlFrame): string {
  return [f.hint || f.note ? `${f.id}-hint` : "", f.error ? `${f.id}-error` : ""].filter(Boolean).join(" ");
}

function mark(t: PublicCatalog, f: ControlFrame): SafeHtml | string {
  if (f.required) return html` <span class="mark">${t.required}</span>`;
  if (f.optionalMark) return html` <span class="mark">${t.optional}</span>`;
  return "";
}

function hintAndError(t: PublicCatalog, f: ControlFrame): SafeHtml {
  return html`${f.hint || f.note
    ? html`<p class="hint" id="${f.id}-hint">${f.hint}${f.hint && f.note ? " " : ""}${f.note ? html`<strong>${f.note}</strong>` : ""}</p>`
    : ""}${f.error ? html`<p class="error-message" id="${f.id}-error"><span class="visually-hidden">${t.errorPrefix} </span>${f.error}</p>` : ""}`;
}

function aria(f: ControlFrame): SafeHtml {
  return html`${attr("aria-describedby", describedBy(f))}${f.error ? html` aria-invalid="true"` : ""}${flag("required", Boolean(f.required))}`;
}

/** `<input>` of any text-like type, with its label, hint and error tied to it. */
export function inputControl(
  t: PublicCatalog,
  f: ControlFrame,
  input: { name: string; type: string; value: string; autocomplete?: string; inputmode?: string; min?: number; max?: number; accept?: string; multiple?: boolean },
): SafeHtml {
  const value = input.type === "file" ? "" : attr("value", input.value);
  return html`<div class="field${f.error ? " field-error" : ""}">
<label for="${f.id}">${f.label}${mark(t, f)}</label>
${hintAndError(t, f)}<input id="${f.id}" name="${input.name}" type="${input.type}"${value}${attr("autocomplete", input.autocomplete)}${attr("inputmode", input.inputmode)}${attr("min", input.min)}${attr("max", input.max)}${attr("accept", input.accept)}${flag("multiple", Boolean(input.multiple))}${input.type === "number" ? html` step="any"` : ""}${aria(f)}>
</div>`;
}

export function textareaControl(t: PublicCatalog, f: ControlFrame, input: { name: string; value: string; rows?: number }): SafeHtml {
  return html`<div class="field${f.error ? " field-error" : ""}">
<label for="${f.id}">${f.label}${mark(t, f)}</label>
${hintAndError(t, f)}<textarea id="${f.id}" name="${input.name}" rows="${input.rows ?? 6}"${aria(f)}>${input.value}</textarea>
</div>`;
}

export function selectControl(t: PublicCatalog, f: ControlFrame, input: { name: string; value: string; placeholder: string; options: Option[] }): SafeHtml {
  return html`<div class="field${f.error ? " field-error" : ""}">
<label for="${f.id}">${f.label}${mark(t, f)}</label>
${hintAndError(t, f)}<select id="${f.id}" name="${input.name}"${aria(f)}>
<option value="">${input.placeholder}</option>
${input.options.map((o) => html`<option value="${o.value}"${flag("selected", o.value === input.value)}>${o.label}</option>`)}
</select>
</div>`;
}

/** Radios or checkboxes in a fieldset whose legend is the question; the first input is `${id}-0`. */
export function choiceGroup(
  t: PublicCatalog,
  f: ControlFrame,
  input: { name: string; type: "radio" | "checkbox"; values: readonly string[]; options: Option[]; inline?: boolean },
): SafeHtml {
  const described = describedBy(f);
  return html`<div class="field${f.error ? " field-error" : ""}">
<fieldset${attr("aria-describedby", described)}>
<legend>${f.label}${mark(t, f)}</legend>
${hintAndError(t, f)}<div class="choices${input.inline ? " inline" : ""}">
${input.options.map(
  (o, i) => html`<div class="choice"><input id="${f.id}-${i}" name="${input.name}" type="${input.type}" value="${o.value}"${flag("checked", input.values.includes(o.value))}${f.error ? html` aria-invalid="true"` : ""}${flag("required", Boolean(f.required) && input.type === "radio")}><label for="${f.id}-${i}"${attr("lang", o.lang)}>${o.label}</label></div>`,
)}
</div>
</fieldset>
</div>`;
}

/** A single checkbox with its label beside it (e.g. "Submit anonymously"). */
export function checkboxControl(t: PublicCatalog, f: ControlFrame, input: { name: string; checked: boolean }): SafeHtml {
  return html`<div class="field${f.error ? " field-error" : ""}">
<div class="choice"><input id="${f.id}" name="${input.name}" type="checkbox" value="1"${flag("checked", input.checked)}${aria(f)}><label for="${f.id}">${f.label}</label></div>
${hintAndError(t, f)}</div>`;
}
