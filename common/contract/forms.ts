import { z } from "zod";

/** A label in both district languages. Spanish falls back to English when missing. */
export const LocalizedTextSchema = z.object({ en: z.string().min(1), es: z.string().optional() });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

export const FormFieldTypeSchema = z.enum([
  "text",
  "long_text",
  "choice",
  "multi_choice",
  "date",
  "school",
  "phone",
  "email",
  "number",
]);
export type FormFieldType = z.infer<typeof FormFieldTypeSchema>;

export const FormFieldOptionSchema = z.object({ value: z.string().min(1).max(100), label: LocalizedTextSchema });

/** One question on a topic's form, e.g. Transportation's "Bus number". */
export const FormFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  type: FormFieldTypeSchema,
  label: LocalizedTextSchema,
  help: LocalizedTextSchema.optional(),
  required: z.boolean().default(false),
  options: z.array(FormFieldOptionSchema).optional(),
  maxLength: z.number().int().positive().optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
export type FormField = z.infer<typeof FormFieldSchema>;

export const FormDefinitionSchema = z.object({ fields: z.array(FormFieldSchema).max(30) });
export type FormDefinition = z.infer<typeof FormDefinitionSchema>;

/** A submitted field value after validation. Multi-choice values are arrays. */
export const FieldValueSchema = z.union([z.string(), z.number(), z.array(z.string())]);
export type FieldValue = z.infer<typeof FieldValueSchema>;
export type FieldValues = Record<string, FieldValue>;
