import type { PublicCatalog } from "../../../common/i18n/public.js";
import { choiceGroup, textareaControl } from "./controls.js";
import { html, type SafeHtml } from "./html.js";
import { errorSummary } from "./layout.js";

export const SCALES = ["accuracy", "timeliness", "courtesy"] as const;
export type Scale = (typeof SCALES)[number];

export type RatingState = { values: Partial<Record<Scale, string>>; comment: string };

export type RatingView = {
  t: PublicCatalog;
  reference: string;
  action: string;
  state: RatingState;
  /** Scales left unanswered or out of range, and whether the comment is too long. */
  errors: { scales: Scale[]; comment: boolean };
};

const POINTS = Array.from({ length: 10 }, (_, i) => String(i + 1));

/** Three 1–10 scales as radio groups (a fieldset and legend each), and an optional comment. */
export function ratingBody(v: RatingView): SafeHtml {
  const { t } = v;
  const scaleError = (s: Scale) => (v.errors.scales.includes(s) ? t.rateMissing(t.scales[s]) : undefined);
  const commentError = v.errors.comment ? t.errors.too_long(t.commentLabel) : undefined;
  const summary = [
    ...v.errors.scales.map((s) => ({ href: `#${s}-0`, text: scaleError(s)! })),
    ...(commentError ? [{ href: "#comment", text: commentError }] : []),
  ];
  return html`${errorSummary(t, summary)}
<h1>${t.rateTitle}</h1>
<p class="lead">${t.rateIntro(v.reference)}</p>
<form method="post" action="${v.action}" novalidate>
${SCALES.map((s) =>
  choiceGroup(t, { id: s, label: t.scales[s], hint: t.scaleHint, error: scaleError(s), required: true }, {
    name: s,
    type: "radio",
    values: [v.state.values[s] ?? ""],
    inline: true,
    options: POINTS.map((p) => ({ value: p, label: p })),
  }),
)}
${textareaControl(t, { id: "comment", label: t.commentLabel, error: commentError, optionalMark: true }, { name: "comment", value: v.state.comment, rows: 4 })}
<button type="submit" class="button">${t.rateSubmit}</button>
</form>`;
}
