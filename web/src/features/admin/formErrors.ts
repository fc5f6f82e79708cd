import type { TFunction } from "i18next";
import type { z } from "zod";
import { isApiError } from "../../lib/http.js";

/**
 * Field errors of a settings form, keyed by the body path the contract uses ("conditions.0.phrases"). Both sources
 * land here: the shared zod schema run before sending (messages in the UI language where the failure kind is known)
 * and the server's problem+json `invalidParams` (named "body.conditions.0.phrases"; shown as the server wrote them).
 */
export type FieldErrors = Record<string, string>;

type Issue = z.core.$ZodIssue;

/** A zod issue in the UI language when its kind says enough; otherwise the contract's own (English) message. */
function localizeIssue(issue: Issue, t: TFunction): string {
  const last = issue.path.filter((p) => typeof p === "string").at(-1);
  switch (issue.code) {
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) > 1 ? t("admin.form.tooShort", { min: Number(issue.minimum) }) : t("admin.form.required");
      if (issue.origin === "array") return t("admin.form.chooseAtLeastOne");
      if (issue.origin === "number") return t("admin.form.atLeast", { min: Number(issue.minimum) });
      return issue.message;
    case "too_big":
      if (issue.origin === "string") return t("admin.form.tooLong", { max: Number(issue.maximum) });
      if (issue.origin === "array") return t("admin.form.tooMany", { max: Number(issue.maximum) });
      if (issue.origin === "number") return t("admin.form.atMost", { max: Number(issue.maximum) });
      return issue.message;
    case "invalid_format":
      if (last === "tags") return t("admin.form.tagFormat");
      if (last === "key") return t("admin.form.keyFormat");
      if (last?.endsWith("Id")) return t("admin.form.chooseOne");
      if (last === "start" || last === "end") return t("admin.form.date");
      return issue.message;
    case "custom":
      if (last === "phrases") return t("admin.form.phraseFormat");
      if (last === "value" || last === "values") return t("admin.form.fieldValueNeeded");
      return issue.message;
    case "invalid_type":
      return t("admin.form.required");
    default:
      return issue.message;
  }
}

/** The first issue for each path (a list's items collapse onto the list: "phrases.2" shows at "phrases"). */
export function errorsFromZod(error: z.ZodError, t: TFunction, collapseItems = true): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    let path = issue.path.map(String);
    if (collapseItems) {
      // "conditions.0.phrases.2" → "conditions.0.phrases": the numeric tail is an item of a list field.
      while (path.length > 1 && /^\d+$/.test(path.at(-1)!) && !["conditions", "actions", "holidays"].includes(path.at(-2)!)) path = path.slice(0, -1);
    }
    const key = path.join(".");
    out[key] ??= localizeIssue(issue, t);
  }
  return out;
}

/** The server's invalidParams of a validation problem, by body path; {} for any other failure. */
export function errorsFromProblem(err: unknown): FieldErrors {
  if (!isApiError(err) || !err.problem.invalidParams) return {};
  const out: FieldErrors = {};
  for (const p of err.problem.invalidParams) {
    const key = p.name.replace(/^body\.?/, "");
    out[key] ??= p.reason;
  }
  return out;
}

/** The error at `path` or under it ("conditions.0" finds "conditions.0.phrases"). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path] !== undefined) return errors[path];
  const prefix = `${path}.`;
  for (const [k, v] of Object.entries(errors)) if (k.startsWith(prefix)) return v;
  return undefined;
}

export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0;
