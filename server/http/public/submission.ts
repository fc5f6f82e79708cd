import type { FieldValues } from "../../../common/contract/forms.js";
import { ConversationKindSchema, LanguageSchema, RequesterRoleSchema, type ConversationKind, type Language, type RequesterRole } from "../../../common/enums.js";
import { normalizeEmail, normalizePhone } from "../../../common/utils/contact-address.js";
import { validateFormFields, type FieldErrorCode } from "../../../common/utils/form-validation.js";
import type { TopicRow } from "../../domain/districts/index.js";
import { checkAttachments, type CheckedFile, type IncomingFile } from "../../lib/attachments.js";
import { AppError } from "../../lib/errors.js";

export type SubmissionErrorCode =
  | FieldErrorCode
  | "contact_required"
  | "not_allowed"
  | "too_many"
  | "too_large"
  | "unsupported_type"
  | "malformed";

/** One problem with a submission, named like the API's invalidParams: `fields.bus_number`, `message`, `email`… */
export type SubmissionError = { name: string; code: SubmissionErrorCode };

/** What the HTML form and the JSON API both hand over, before any check. */
export type SubmissionInput = {
  fields: Record<string, unknown>;
  message?: string | undefined;
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  language?: string | undefined;
  kind?: string | undefined;
  requesterRole?: string | undefined;
  anonymous: boolean;
};

/** A submission ready for `createInquiry` (contact details dropped when anonymous). */
export type CheckedSubmission = {
  fields: FieldValues;
  message: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  language: Language;
  kind: ConversationKind;
  requesterRole: RequesterRole | undefined;
  anonymous: boolean;
};

export const MESSAGE_MAX = 10_000;
const NAME_MAX = 200;

const blank = (v: string | undefined) => (v ?? "").trim();

function checkContact(input: SubmissionInput, errors: SubmissionError[]): Pick<CheckedSubmission, "name" | "email" | "phone"> {
  const name = blank(input.name);
  const email = blank(input.email);
  const phone = blank(input.phone);
  if (name.length > NAME_MAX) errors.push({ name: "name", code: "too_long" });
  if (email && !normalizeEmail(email)) errors.push({ name: "email", code: "invalid_email" });
  if (phone && !normalizePhone(phone)) errors.push({ name: "phone", code: "invalid_phone" });
  if (!email && !phone) errors.push({ name: "email", code: "contact_required" });
  return { name: name || null, email: normalizeEmail(email), phone: normalizePhone(phone) };
}

/**
 * The one validation of a front-door submission, shared by the HTML form and the JSON API: the topic's
 * own questions, the message, the enums, and a way to answer (email or phone) unless the topic takes
 * anonymous tips and the family chose to stay anonymous, in which case no contact detail is kept.
 */
export function checkSubmission(
  topic: TopicRow,
  schoolIds: ReadonlySet<string>,
  input: SubmissionInput,
): { ok: true; value: CheckedSubmission } | { ok: false; errors: SubmissionError[] } {
  const { values, errors: fieldErrors } = validateFormFields(topic.form, input.fields, schoolIds);
  const errors: SubmissionError[] = fieldErrors.map((e) => ({ name: `fields.${e.key}`, code: e.code }));
  const message = blank(input.message);
  if (!message) errors.push({ name: "message", code: "required" });
  else if (message.length > MESSAGE_MAX) errors.push({ name: "message", code: "too_long" });
  const kind = input.kind ? ConversationKindSchema.safeParse(input.kind) : undefined;
  if (kind && !kind.success) errors.push({ name: "kind", code: "invalid_choice" });
  const role = input.requesterRole ? RequesterRoleSchema.safeParse(input.requesterRole) : undefined;
  if (role && !role.success) errors.push({ name: "requesterRole", code: "invalid_choice" });
  const language = input.language ? LanguageSchema.safeParse(input.language) : undefined;
  if (language && !language.success) errors.push({ name: "language", code: "invalid_choice" });
  if (input.anonymous && !topic.allowAnonymous) errors.push({ name: "anonymous", code: "not_allowed" });
  const anonymous = input.anonymous && topic.allowAnonymous;
  const contact = anonymous ? { name: null, email: null, phone: null } : checkContact(input, errors);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      fields: values,
      message,
      ...contact,
      language: language?.data ?? "en",
      kind: kind?.data ?? (topic.defaultKind as ConversationKind),
      requesterRole: role?.data,
      anonymous,
    },
  };
}

/** The API's rendering of the same problems: a `validation_failed` AppError with invalidParams. */
export function submissionProblem(errors: SubmissionError[]): AppError {
  return new AppError("validation_failed", "Your submission has invalid fields", {
    invalidParams: errors.map((e) => ({ name: e.name, reason: e.code })),
  });
}

const FILE_REASONS = new Set<SubmissionErrorCode>(["too_many", "too_large", "unsupported_type"]);

/** Count, size and content-type checks of the uploaded files (or the upload's own problem), as form errors. */
export function checkFiles(
  files: IncomingFile[],
  problem: "too_many" | "too_large" | "malformed" | undefined,
): { files: CheckedFile[]; errors: SubmissionError[] } {
  if (problem) return { files: [], errors: [{ name: "attachments", code: problem }] };
  try {
    return { files: checkAttachments(files), errors: [] };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== "validation_failed") throw err;
    const reason = err.invalidParams?.[0]?.reason as SubmissionErrorCode | undefined;
    return { files: [], errors: [{ name: "attachments", code: reason && FILE_REASONS.has(reason) ? reason : "unsupported_type" }] };
  }
}
