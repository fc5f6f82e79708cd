import type { FieldValue, FieldValues, FormDefinition, FormField } from "../contract/forms.js";
import { normalizeEmail, normalizePhone } from "./contact-address.js";

export type FieldErrorCode =
  | "required"
  | "too_long"
  | "invalid_email"
  | "invalid_phone"
  | "invalid_number"
  | "out_of_range"
  | "invalid_date"
  | "invalid_choice"
  | "invalid_school";

export type FieldError = { key: string; code: FieldErrorCode };

const DEFAULT_MAX = { text: 200, long_text: 5000 } as const;

function asStrings(raw: unknown): string[] {
  if (raw === undefined || raw === null) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.map((v) => (typeof v === "number" ? String(v) : typeof v === "string" ? v.trim() : "")).filter((v) => v !== "");
}

function checkOne(field: FormField, raw: unknown, schoolIds: ReadonlySet<string>): { value?: FieldValue; error?: FieldErrorCode } {
  const values = asStrings(raw);
  if (values.length === 0) return field.required ? { error: "required" } : {};
  const first = values[0]!;
  switch (field.type) {
    case "text":
    case "long_text": {
      const max = field.maxLength ?? DEFAULT_MAX[field.type];
      return first.length > max ? { error: "too_long" } : { value: first };
    }
    case "email": {
      const v = normalizeEmail(first);
      return v ? { value: v } : { error: "invalid_email" };
    }
    case "phone": {
      const v = normalizePhone(first);
      return v ? { value: v } : { error: "invalid_phone" };
    }
    case "number": {
      if (!/^-?\d+(\.\d+)?$/.test(first)) return { error: "invalid_number" };
      const n = Number(first);
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) return { error: "out_of_range" };
      return { value: n };
    }
    case "date": {
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(first);
      const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
      return d && d.toISOString().slice(0, 10) === first ? { value: first } : { error: "invalid_date" };
    }
    case "choice": {
      const ok = field.options?.some((o) => o.value === first);
      return ok ? { value: first } : { error: "invalid_choice" };
    }
    case "multi_choice": {
      const allowed = new Set(field.options?.map((o) => o.value));
      const unique = [...new Set(values)];
      return unique.every((v) => allowed.has(v)) ? { value: unique } : { error: "invalid_choice" };
    }
    case "school":
      return schoolIds.has(first) ? { value: first } : { error: "invalid_school" };
  }
}

/**
 * Checks submitted answers against a topic's form definition. Unknown keys are dropped;
 * values come back normalised (emails lower-cased, phones in E.164, numbers as numbers).
 */
export function validateFormFields(
  form: FormDefinition,
  raw: Record<string, unknown>,
  schoolIds: ReadonlySet<string>,
): { values: FieldValues; errors: FieldError[] } {
  const values: FieldValues = {};
  const errors: FieldError[] = [];
  for (const field of form.fields) {
    const r = checkOne(field, raw[field.key], schoolIds);
    if (r.error) errors.push({ key: field.key, code: r.error });
    else if (r.value !== undefined) values[field.key] = r.value;
  }
  return { values, errors };
}
