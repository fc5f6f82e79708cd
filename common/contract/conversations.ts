import { z } from "zod";
import {
  ChannelTypeSchema,
  ConversationKindSchema,
  ConversationStatusSchema,
  DeliveryStatusSchema,
  InboxViewSchema,
  LanguageSchema,
  MessageDirectionSchema,
  PrioritySchema,
  RequesterRoleSchema,
  RoleSchema,
} from "../enums.js";
import { FieldValueSchema } from "./forms.js";
import { RoutingExplanationSchema } from "./routing.js";

const Uuid = z.string().uuid();
const csv = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(item).max(20)).optional();

export const ConversationAbilitiesSchema = z.object({
  reply: z.boolean(),
  note: z.boolean(),
  assign: z.boolean(),
  changeStatus: z.boolean(),
  update: z.boolean(),
});
export type ConversationAbilities = z.infer<typeof ConversationAbilitiesSchema>;

export const RefSchema = z.object({ id: Uuid, name: z.string() });

export const ConversationSummarySchema = z.object({
  id: Uuid,
  reference: z.string(),
  subject: z.string(),
  preview: z.string(),
  status: ConversationStatusSchema,
  priority: PrioritySchema,
  kind: ConversationKindSchema,
  requesterRole: RequesterRoleSchema,
  channel: ChannelTypeSchema,
  language: LanguageSchema,
  topic: RefSchema.nullable(),
  department: RefSchema.nullable(),
  school: RefSchema.nullable(),
  assignee: RefSchema.nullable(),
  contact: z.object({ id: Uuid, name: z.string().nullable() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastMessageAt: z.string(),
  firstResponseAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  tags: z.array(z.string()),
  /** waiting in the triage queue: nobody could be chosen automatically */
  inTriage: z.boolean(),
  /** active: a critical alert waits for a responder (shown red and pinned first in every inbox) */
  alertStatus: z.enum(["active", "acknowledged", "downgraded"]).nullable(),
  /** the service-standard clocks: due instants, paused while waiting on the family, targets missed */
  sla: z.object({
    firstResponseDueAt: z.string().nullable(),
    nextResponseDueAt: z.string().nullable(),
    resolutionDueAt: z.string().nullable(),
    paused: z.boolean(),
    breached: z.array(z.enum(["first_response", "next_response", "resolution"])),
  }),
  cluster: z.object({ id: Uuid, title: z.string() }).nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummarySchema>;

export const ConversationSortSchema = z.enum(["last_message_desc", "last_message_asc", "created_desc", "created_asc", "priority"]);
export type ConversationSort = z.infer<typeof ConversationSortSchema>;

export const ListConversationsQuerySchema = z.object({
  view: InboxViewSchema.optional(),
  status: csv(ConversationStatusSchema),
  priority: csv(PrioritySchema),
  topicId: csv(Uuid),
  departmentId: csv(Uuid),
  schoolId: csv(Uuid),
  channel: csv(ChannelTypeSchema),
  kind: csv(ConversationKindSchema),
  language: csv(LanguageSchema),
  assigneeId: csv(z.union([Uuid, z.literal("none")])),
  contactId: Uuid.optional(),
  /** the conversations of one incident cluster */
  clusterId: Uuid.optional(),
  /** requester roles (parent, student, staff, community) and topic categories: the report drill-downs use them */
  requesterRole: csv(RequesterRoleSchema),
  categoryId: csv(Uuid),
  /** created in [createdFrom, createdTo): the drill-down from a report's period (ISO instants) */
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  q: z.string().trim().max(200).optional(),
  sort: ConversationSortSchema.default("last_message_desc"),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(500).optional(),
});
export type ListConversationsQuery = z.infer<typeof ListConversationsQuerySchema>;

export const ConversationListSchema = z.object({
  items: z.array(ConversationSummarySchema.extend({ abilities: ConversationAbilitiesSchema })),
  nextCursor: z.string().nullable(),
});
export type ConversationList = z.infer<typeof ConversationListSchema>;

export const AttachmentSchema = z.object({ id: Uuid, filename: z.string(), contentType: z.string(), size: z.number() });
export type Attachment = z.infer<typeof AttachmentSchema>;

export const MessageSchema = z.object({
  id: Uuid,
  direction: MessageDirectionSchema,
  channel: ChannelTypeSchema,
  body: z.string(),
  /** Quoted history and signature folded away from an email's visible text ("show quoted text"). */
  quotedText: z.string().nullable(),
  author: z.object({ kind: z.enum(["staff", "contact", "system"]), id: z.string().nullable(), name: z.string().nullable() }),
  deliveryStatus: DeliveryStatusSchema.nullable(),
  deliveryError: z.string().nullable(),
  attachments: z.array(AttachmentSchema),
  createdAt: z.string(),
});
export type Message = z.infer<typeof MessageSchema>;

export const TimelineEventSchema = z.object({
  id: Uuid,
  type: z.string(),
  actor: z.object({ kind: z.string(), id: z.string().nullable(), name: z.string().nullable() }),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const RatingSchema = z.object({
  accuracy: z.number().int(),
  timeliness: z.number().int(),
  courtesy: z.number().int(),
  comment: z.string().nullable(),
  submittedAt: z.string(),
});
export type Rating = z.infer<typeof RatingSchema>;

export const FieldAnswerSchema = z.object({ key: z.string(), label: z.string(), value: FieldValueSchema, display: z.string() });

export const ConversationDetailSchema = ConversationSummarySchema.extend({
  abilities: ConversationAbilitiesSchema,
  fields: z.array(FieldAnswerSchema),
  contact: z
    .object({
      id: Uuid,
      name: z.string().nullable(),
      preferredLanguage: LanguageSchema,
      identities: z.array(z.object({ kind: z.enum(["email", "phone"]), value: z.string(), bouncing: z.boolean() })),
      otherConversations: z.array(
        z.object({ id: Uuid, reference: z.string(), subject: z.string(), status: ConversationStatusSchema, createdAt: z.string() }),
      ),
    })
    .nullable(),
  messages: z.array(MessageSchema),
  events: z.array(TimelineEventSchema),
  ratings: z.array(RatingSchema),
  /** why it went where it went (null for conversations routed before routing existed) */
  routing: RoutingExplanationSchema.nullable(),
  alerts: z.array(
    z.object({
      id: Uuid,
      category: z.string(),
      severity: z.enum(["critical", "high"]),
      status: z.enum(["active", "acknowledged", "downgraded"]),
      evidence: z.array(z.object({ phrase: z.string(), start: z.number(), end: z.number() })),
      messageId: Uuid.nullable(),
      acknowledgedBy: RefSchema.nullable(),
      downgradeReason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
  watchers: z.array(RefSchema.extend({ reason: z.string() })),
  /** when the detail was read: send it back as `openedAt` with a reply to be warned of a colliding answer */
  openedAt: z.string(),
});
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;

export const MessageBodySchema = z.object({ body: z.string().trim().min(1, "Write a message").max(20_000) });
/**
 * A reply. With `openedAt` (the detail's `openedAt`), a reply another person sent since then stops this one with a
 * 409 whose invalidParams carry `reply_collision`; `force: true` sends anyway.
 */
export const ReplyBodySchema = MessageBodySchema.extend({ openedAt: z.iso.datetime().optional(), force: z.boolean().optional() });
export type ReplyBody = z.infer<typeof ReplyBodySchema>;
export type MessageBody = z.infer<typeof MessageBodySchema>;

export const AssignBodySchema = z
  .object({ staffId: Uuid.nullable().optional(), departmentId: Uuid.nullable().optional() })
  .refine((b) => b.staffId !== undefined || b.departmentId !== undefined, { message: "Give staffId or departmentId" });
export type AssignBody = z.infer<typeof AssignBodySchema>;

export const StatusBodySchema = z.object({ status: ConversationStatusSchema.exclude(["new"]) });
export type StatusBody = z.infer<typeof StatusBodySchema>;

export const UpdateConversationBodySchema = z
  .object({
    priority: PrioritySchema.optional(),
    kind: ConversationKindSchema.optional(),
    topicId: Uuid.nullable().optional(),
    schoolId: Uuid.nullable().optional(),
    requesterRole: RequesterRoleSchema.optional(),
    subject: z.string().trim().min(1).max(200).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Nothing to change" });
export type UpdateConversationBody = z.infer<typeof UpdateConversationBodySchema>;

export const StaffSummarySchema = z.object({
  id: Uuid,
  name: z.string(),
  email: z.string(),
  role: RoleSchema,
  departmentIds: z.array(Uuid),
});
export type StaffSummary = z.infer<typeof StaffSummarySchema>;
