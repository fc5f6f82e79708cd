import type { FormField, LocalizedText } from "../../../common/contract/forms.js";
import { ConversationKindSchema, RequesterRoleSchema, type Language } from "../../../common/enums.js";
import { LANGUAGE_NAMES, type PublicCatalog } from "../../../common/i18n/public.js";
import type { DistrictRow, SchoolRow, TopicRow } from "../../domain/districts/index.js";
import { first, type FormBody } from "./body.js";
import { checkboxControl, choiceGroup, inputControl, selectControl, textareaControl, type ControlFrame } from "./controls.js";
import { html, type SafeHtml } from "./html.js";
import { FORM_TOKEN_FIELD } from "./idempotency.js";
import { errorSummary } from "./layout.js";
import type { SubmissionError, SubmissionInput } from "./submission.js";

/** A label in the page language; Spanish falls back to English. */
export function loc(text: LocalizedText | null | undefined, lang: Language): string {
  if (!text) return "";
  return (lang === "es" ? text.es : undefined) || text.en;
}

/** Everything the family typed, kept to re-render the form after an error (files cannot be kept). */
export type FormState = {
  fields: Record<string, string[]>;
  message: string;
  name: string;
  email: string;
  phone: string;
  language: string;
  kind: string;
  requesterRole: string;
  anonymous: boolean;
  hadFiles: boolean;
};

export function emptyState(topic: TopicRow, lang: Language): FormState {
  return { fields: {}, message: "", name: "", email: "", phone: "", language: lang, kind: topic.defaultKind, requesterRole: "", anonymous: false, hadFiles: false };
}

/** Field inputs are named `fields.<key>`, like the API's invalidParams. */
export function stateFromBody(topic: TopicRow, body: FormBody): FormState {
  const v = body.values;
  const fields: Record<string, string[]> = {};
  for (const f of topic.form.fields) {
    const list = Object.hasOwn(v, `fields.${f.key}`) ? v[`fields.${f.key}`]! : [];
    fields[f.key] = f.type === "multi_choice" ? list : list.slice(0, 1);
  }
  return {
    fields,
    message: first(v, "message") ?? "",
    name: first(v, "name") ?? "",
    email: first(v, "email") ?? "",
    phone: first(v, "phone") ?? "",
    language: first(v, "language") ?? "",
    kind: first(v, "kind") ?? "",
    requesterRole: first(v, "requesterRole") ?? "",
    anonymous: first(v, "anonymous") === "1",
    hadFiles: body.files.length > 0 || body.problem === "too_many" || body.problem === "too_large",
  };
}

export function submissionFromState(topic: TopicRow, s: FormState): SubmissionInput {
  const fields: Record<string, unknown> = {};
  for (const f of topic.form.fields) fields[f.key] = f.type === "multi_choice" ? s.fields[f.key] : s.fields[f.key]?.[0];
  const opt = (x: string) => x.trim() || undefined;
  return {
    fields,
    message: s.message,
    name: s.name,
    email: s.email,
    phone: s.phone,
    language: opt(s.language),
    kind: opt(s.kind),
    requesterRole: opt(s.requesterRole),
    anonymous: s.anonymous,
  };
}

const CHOICE_AS_RADIOS_MAX = 5;
const fieldId = (f: FormField) => `field-${f.key}`;
const isGroup = (f: FormField) => f.type === "multi_choice" || (f.type === "choice" && (f.options?.length ?? 0) <= CHOICE_AS_RADIOS_MAX);

/** The element an error summary link moves focus to (the first input of a group). */
function anchorFor(topic: TopicRow, name: string): string {
  if (name.startsWith("fields.")) {
    const f = topic.form.fields.find((x) => `fields.${x.key}` === name);
    return f ? (isGroup(f) ? `${fieldId(f)}-0` : fieldId(f)) : "message";
  }
  const groups: Record<string, string> = { kind: "kind-0", requesterRole: "role-0", language: "language-0" };
  return groups[name] ?? name;
}

function labelFor(t: PublicCatalog, topic: TopicRow, name: string, lang: Language): string {
  if (name.startsWith("fields.")) return loc(topic.form.fields.find((x) => `fields.${x.key}` === name)?.label, lang);
  const labels: Record<string, string> = {
    message: t.messageLabel,
    name: t.nameLabel,
    email: t.emailLabel,
    phone: t.phoneLabel,
    kind: t.kindLegend,
    requesterRole: t.roleLegend,
    language: t.languageLegend,
    anonymous: t.anonymousLabel,
    attachments: t.attachmentsLabel,
  };
  return labels[name] ?? name;
}

export type ErrorText = (name: string) => string | undefined;

/** Localised error messages keyed by field name, and the summary linking to each field. */
export function describeErrors(t: PublicCatalog, topic: TopicRow, lang: Language, errors: SubmissionError[]) {
  const text = new Map<string, string>();
  for (const e of errors) {
    const name = e.name.startsWith("attachments") ? "attachments" : e.name;
    if (!text.has(name)) text.set(name, t.errors[e.code](labelFor(t, topic, name, lang)));
  }
  const summary = [...text].map(([name, msg]) => ({ href: `#${anchorFor(topic, name)}`, text: msg }));
  return { errorText: ((name: string) => text.get(name)) as ErrorText, summary };
}

function customField(t: PublicCatalog, f: FormField, ctx: { lang: Language; state: FormState; schools: readonly SchoolRow[]; err: ErrorText }): SafeHtml {
  const frame: ControlFrame = { id: fieldId(f), label: loc(f.label, ctx.lang), hint: loc(f.help, ctx.lang) || undefined, error: ctx.err(`fields.${f.key}`), required: f.required };
  const values = ctx.state.fields[f.key] ?? [];
  const value = values[0] ?? "";
  const name = `fields.${f.key}`;
  const options = (f.options ?? []).map((o) => ({ value: o.value, label: loc(o.label, ctx.lang) }));
  switch (f.type) {
    case "text":
      return inputControl(t, frame, { name, type: "text", value });
    case "long_text":
      return textareaControl(t, frame, { name, value, rows: 5 });
    case "email":
      return inputControl(t, frame, { name, type: "email", value });
    case "phone":
      return inputControl(t, frame, { name, type: "tel", value });
    case "number":
      return inputControl(t, frame, { name, type: "number", value, inputmode: "decimal", ...(f.min !== undefined ? { min: f.min } : {}), ...(f.max !== undefined ? { max: f.max } : {}) });
    case "date":
      return inputControl(t, frame, { name, type: "date", value });
    case "school":
      return selectControl(t, frame, { name, value, placeholder: t.chooseSchool, options: ctx.schools.map((s) => ({ value: s.id, label: s.name })) });
    case "choice":
      return isGroup(f)
        ? choiceGroup(t, frame, { name, type: "radio", values, options })
        : selectControl(t, frame, { name, value, placeholder: t.chooseOne, options });
    case "multi_choice":
      return choiceGroup(t, frame, { name, type: "checkbox", values, options });
  }
}

export type TopicPageView = {
  t: PublicCatalog;
  lang: Language;
  district: DistrictRow;
  topic: TopicRow;
  schools: readonly SchoolRow[];
  state: FormState;
  errors: SubmissionError[];
  action: string;
  home: string;
  embed: boolean;
  /** This render's submission token (hidden field): posting the same form twice stores it once. */
  token: string;
};

function standardFields(v: TopicPageView, err: ErrorText): SafeHtml {
  const { t, state } = v;
  return html`${choiceGroup(t, { id: "kind", label: t.kindLegend, error: err("kind") }, {
    name: "kind",
    type: "radio",
    values: [state.kind],
    options: ConversationKindSchema.options.map((k) => ({ value: k, label: t.kinds[k] })),
  })}
${choiceGroup(t, { id: "role", label: t.roleLegend, error: err("requesterRole") }, {
  name: "requesterRole",
  type: "radio",
  values: [state.requesterRole],
  options: RequesterRoleSchema.options.map((r) => ({ value: r, label: t.roles[r] })),
})}
${textareaControl(t, { id: "message", label: t.messageLabel, hint: t.messageHint, error: err("message"), required: true }, { name: "message", value: state.message, rows: 8 })}
${v.topic.allowAnonymous ? checkboxControl(t, { id: "anonymous", label: t.anonymousLabel, hint: t.anonymousHint, error: err("anonymous") }, { name: "anonymous", checked: state.anonymous }) : ""}
<fieldset class="group"><legend>${t.contactLegend}</legend>
<p class="hint">${t.contactHint}</p>
${inputControl(t, { id: "name", label: t.nameLabel, error: err("name") }, { name: "name", type: "text", value: state.name, autocomplete: "name" })}
${inputControl(t, { id: "email", label: t.emailLabel, error: err("email") }, { name: "email", type: "email", value: state.email, autocomplete: "email" })}
${inputControl(t, { id: "phone", label: t.phoneLabel, error: err("phone") }, { name: "phone", type: "tel", value: state.phone, autocomplete: "tel" })}
</fieldset>
${choiceGroup(t, { id: "language", label: t.languageLegend, error: err("language") }, {
  name: "language",
  type: "radio",
  values: [state.language],
  inline: true,
  options: (["en", "es"] as const).map((l) => ({ value: l, label: LANGUAGE_NAMES[l], lang: l })),
})}
${inputControl(t, { id: "attachments", label: t.attachmentsLabel, hint: t.attachmentsHint, note: state.hadFiles ? t.filesNotKept : undefined, error: err("attachments"), optionalMark: true }, {
  name: "attachments",
  type: "file",
  value: "",
  multiple: true,
  accept: ".pdf,.png,.jpg,.jpeg,.gif,.webp,.heic,.docx,.xlsx,.txt,application/pdf,image/*,text/plain",
})}`;
}

/** The topic's form: its own questions first, then what every message needs. Works without JavaScript. */
export function topicFormBody(v: TopicPageView): SafeHtml {
  const { t, lang, topic } = v;
  const { errorText, summary } = describeErrors(t, topic, lang, v.errors);
  const description = loc(topic.description, lang);
  return html`<p class="back"><a href="${v.home}">${t.backToTopics}</a></p>
${errorSummary(t, summary)}
<h1>${loc(topic.name, lang)}</h1>
${description ? html`<p class="lead">${description}</p>` : ""}
${topic.allowAnonymous ? html`<p class="notice">${t.emergency}${v.district.safetyPhone ? html` ${t.callPhone(v.district.safetyPhone)}` : ""}</p>` : ""}
<form class="inquiry" method="post" action="${v.action}" enctype="multipart/form-data" novalidate${v.embed ? html` target="_top"` : ""}>
<input type="hidden" name="${FORM_TOKEN_FIELD}" value="${v.token}">
${topic.form.fields.map((f) => customField(t, f, { lang, state: v.state, schools: v.schools, err: errorText }))}
${standardFields(v, errorText)}
<button type="submit" class="button">${t.submit}</button>
</form>`;
}
