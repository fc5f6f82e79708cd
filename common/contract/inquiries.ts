import { z } from "zod";
import { ConversationKindSchema, LanguageSchema, RequesterRoleSchema } from "../enums.js";
import { FieldValueSchema } from "./forms.js";

/** POST /api/public/:district/inquiries — the JSON twin of the HTML form. */
export const CreateInquiryBodySchema = z.object({
  topic: z.string().trim().min(1).max(100),
  fields: z.record(z.string().max(40), FieldValueSchema).default({}),
  message: z.string().trim().min(1, "Write your message").max(10_000),
  name: z.string().trim().max(200).optional(),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(40).optional(),
  language: LanguageSchema.optional(),
  kind: ConversationKindSchema.optional(),
  requesterRole: RequesterRoleSchema.optional(),
  anonymous: z.boolean().optional(),
});
export type CreateInquiryBody = z.infer<typeof CreateInquiryBodySchema>;

/**
 * The optional `Idempotency-Key` header of POST /api/public/:district/inquiries: 1–255 visible ASCII characters
 * (draft-ietf-httpapi-idempotency-key-header). A retry with the same key and body within 24 hours gets the first
 * 201 back (header `Idempotent-Replayed: true`) and creates nothing; the same key with another body is a 422.
 */
export const IdempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, "must be 1 to 255 visible ASCII characters");

export const CreateInquiryResponseSchema = z.object({ reference: z.string(), statusUrl: z.string().url() });
export type CreateInquiryResponse = z.infer<typeof CreateInquiryResponseSchema>;

export const RatingBodySchema = z.object({
  accuracy: z.coerce.number().int().min(1).max(10),
  timeliness: z.coerce.number().int().min(1).max(10),
  courtesy: z.coerce.number().int().min(1).max(10),
  comment: z.string().trim().max(2000).optional(),
});
export type RatingBody = z.infer<typeof RatingBodySchema>;
