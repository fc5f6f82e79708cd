import { z } from "zod";
import { LanguageSchema, PrioritySchema } from "../enums.js";
import { RefSchema } from "./conversations.js";
import { AssignmentPolicyTypeSchema, RoutingExplanationSchema } from "./routing.js";

/**
 * The staff API of routing settings, service standards, critical alerts, notifications, incident clusters and
 * presence (issue 4). Shared by the server routes and the staff app.
 *
 * ROUTES (server/http/api/*):
 * Contracts: `common/contract/operations.ts` (settings, availability, SLA policies, alerts, alert categories, notifications, clusters, presence, routing model), `common/contract/routing.ts` (routing rules, RoutingStep explanation, try-a-message), `common/contract/conversations.ts` (ConversationSummary now has `tags, inTriage, alertStatus, sla{firstResponseDueAt,nextResponseDueAt,resolutionDueAt,paused,breached[]}, cluster`; ConversationDetail adds `routing` (RoutingExplanation|null), `alerts[]`, `watchers[]`, `openedAt`; `ReplyBodySchema` {body, openedAt?, force?}), `common/enums.ts` (InboxView adds `triage, past_due, due_soon, alerts, watching`).
 * Routes (all under /api, cookie session + CSRF header as the existing web/src/lib/http.ts does):
 * - GET /routing/rules → {items: RoutingRule[]}; POST /routing/rules (RoutingRuleInput) → 201 RoutingRule; PUT /routing/rules/:id → RoutingRule; DELETE /routing/rules/:id → 204; POST /routing/rules/:id/move {position} → {items}
 * - POST /routing/try (TryRoutingRequest) → TryRoutingResponse  ("try a message": nothing stored)
 * - GET /routing/model → RoutingModel; POST /routing/model/train → RoutingModel
 * - GET /routing/departments → {items: DepartmentRouting[]}; PATCH /routing/departments/:id (DepartmentRoutingBody) → DepartmentRouting
 * - GET /settings/district → DistrictSettings; PATCH /settings/district (DistrictSettingsBody) → DistrictSettings
 * - GET /staff/availability → {items: Availability[]}; PATCH /staff/:id/availability (AvailabilityBody) → Availability (admins/supervisors for anyone; anyone for themselves via /me)
 * - GET /me/availability → Availability; PATCH /me/availability → Availability
 * - GET /sla/policies → {items: SlaPolicy[]}; POST /sla/policies → 201; PUT /sla/policies/:id; DELETE /sla/policies/:id → 204
 * - GET /alerts?status=active|acknowledged|downgraded|all → {items: Alert[]}; POST /alerts/:id/acknowledge → Alert; POST /alerts/:id/downgrade {reason} → Alert
 * - GET /alerts/categories → {items: AlertCategory[]}; POST /alerts/categories → 201; PATCH /alerts/categories/:id → AlertCategory
 * - GET /notifications?unread=true&limit&before → NotificationList; POST /notifications/read {ids?} → {updated: number}
 * - GET /clusters?status=open|resolved → {items: Cluster[]}; GET /clusters/:id → Cluster & {conversations: ConversationSummary[]}; POST /clusters/:id/reply (ClusterReplyBody) → ClusterReplyResult (422-style validation_failed when a member wrote in Spanish and no `es` body was given); POST /clusters/:id/resolve → {resolved: number}
 * - PUT /conversations/:id/presence {state: viewing|replying|left} → 204; GET /conversations/:id/presence → Presence (others only, not yourself)
 * - POST /conversations/:id/replies now takes ReplyBody: send `openedAt` from the detail; a 409 problem with invalidParams [{name:"openedAt", reason:"reply_collision"}] means someone else answered: show who (the problem `detail` names them), let the person read it and "Send anyway" (force: true).
 * - GET /api/meta (existing) gives departments, staff, topics, schools for names.
 * - Live updates (existing SSE at /api/stream, see web/src/app/useLiveUpdates.ts and web/src/lib/live.ts): events now include types `conversation.routed`, `alert.raised`, `alert.acknowledged`, `alert.downgraded`, `sla.warning`, `sla.breached`, `cluster.joined`, and non-timeline signals with `seq: -1`: `notification.created` (only to its recipient) and `presence` (data: {staffId, name, state}). Invalidate the right TanStack Query keys on them.
 * Roles: admin manages settings/rules/policies/categories; supervisor may read settings and manage availability; agents see their own availability; alert acknowledge/downgrade by responders, supervisors and admins.
 */

const Uuid = z.uuid();
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, "Use HH:MM (24-hour)");
const Day = z.array(z.tuple([Time, Time])).max(6);
export const WeeklyHoursSchema = z.object({ mon: Day, tue: Day, wed: Day, thu: Day, fri: Day, sat: Day, sun: Day });
export type WeeklyHoursBody = z.infer<typeof WeeklyHoursSchema>;
const LocalDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD");
export const HolidaySchema = z
  .object({ start: LocalDate, end: LocalDate, name: z.string().trim().min(1, "Name the closure").max(120) })
  .refine((h) => h.end >= h.start, { message: "A closure ends on or after its first day", path: ["end"] });

/** The district calendar and routing settings (admins). */
export const DistrictSettingsSchema = z.object({
  timeZone: z.string(),
  weeklyHours: WeeklyHoursSchema,
  holidays: z.array(HolidaySchema),
  responseDays: z.number().int(),
  routingThreshold: z.number().min(0).max(1).nullable(),
  ownerStaffId: Uuid.nullable(),
});
export type DistrictSettings = z.infer<typeof DistrictSettingsSchema>;
export const DistrictSettingsBodySchema = z
  .object({
    timeZone: z.string().trim().min(1).max(64).optional(),
    weeklyHours: WeeklyHoursSchema.optional(),
    holidays: z.array(HolidaySchema).max(200).optional(),
    responseDays: z.number().int().min(1).max(30).optional(),
    routingThreshold: z.number().min(0.05).max(0.99).nullable().optional(),
    ownerStaffId: Uuid.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Nothing to change" });
export type DistrictSettingsBody = z.infer<typeof DistrictSettingsBodySchema>;

export const DepartmentRoutingSchema = z.object({
  id: Uuid,
  name: z.string(),
  assignmentPolicy: AssignmentPolicyTypeSchema,
  ownerStaffId: Uuid.nullable(),
  memberIds: z.array(Uuid),
});
export type DepartmentRouting = z.infer<typeof DepartmentRoutingSchema>;
export const DepartmentRoutingBodySchema = z
  .object({ assignmentPolicy: AssignmentPolicyTypeSchema.optional(), ownerStaffId: Uuid.nullable().optional() })
  .refine((b) => Object.keys(b).length > 0, { message: "Nothing to change" });

export const NotifyEmailSchema = z.enum(["instant", "daily", "off"]);
export type NotifyEmail = z.infer<typeof NotifyEmailSchema>;

/** A person's availability for automatic assignment. */
export const AvailabilitySchema = z.object({
  staffId: Uuid,
  name: z.string(),
  outOfOfficeFrom: z.string().nullable(),
  outOfOfficeUntil: z.string().nullable(),
  delegateStaffId: Uuid.nullable(),
  workingHours: WeeklyHoursSchema.nullable(),
  capacity: z.number().int().nullable(),
  notifyEmail: NotifyEmailSchema,
  openLoad: z.number().int(),
});
export type Availability = z.infer<typeof AvailabilitySchema>;
export const AvailabilityBodySchema = z
  .object({
    outOfOfficeFrom: z.iso.datetime({ offset: true }).nullable().optional(),
    outOfOfficeUntil: z.iso.datetime({ offset: true }).nullable().optional(),
    delegateStaffId: Uuid.nullable().optional(),
    workingHours: WeeklyHoursSchema.nullable().optional(),
    capacity: z.number().int().min(0).max(10_000).nullable().optional(),
    notifyEmail: NotifyEmailSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Nothing to change" })
  .refine((b) => !b.outOfOfficeFrom || !b.outOfOfficeUntil || b.outOfOfficeUntil > b.outOfOfficeFrom, {
    message: "Out of office ends after it starts",
    path: ["outOfOfficeUntil"],
  });
export type AvailabilityBody = z.infer<typeof AvailabilityBodySchema>;

const Minutes = z.number().int().min(1).max(60 * 24 * 365).nullable();
export const SlaEscalationSchema = z.object({ notifySupervisors: z.boolean(), raisePriority: z.boolean(), reassignToStaffId: Uuid.nullable() });
export const SlaPolicySchema = z.object({
  id: Uuid,
  name: z.string(),
  topicId: Uuid.nullable(),
  priority: PrioritySchema.nullable(),
  firstResponseMinutes: Minutes,
  nextResponseMinutes: Minutes,
  resolutionMinutes: Minutes,
  warnAtPercent: z.number().int(),
  escalation: SlaEscalationSchema,
  isDefault: z.boolean(),
});
export type SlaPolicy = z.infer<typeof SlaPolicySchema>;
export const SlaPolicyBodySchema = z
  .object({
    name: z.string().trim().min(1, "Name the standard").max(120),
    topicId: Uuid.nullable().default(null),
    priority: PrioritySchema.nullable().default(null),
    firstResponseMinutes: Minutes.default(null),
    nextResponseMinutes: Minutes.default(null),
    resolutionMinutes: Minutes.default(null),
    warnAtPercent: z.number().int().min(1).max(99).default(75),
    escalation: SlaEscalationSchema.default({ notifySupervisors: true, raisePriority: false, reassignToStaffId: null }),
    isDefault: z.boolean().default(false),
  })
  .refine((b) => b.firstResponseMinutes !== null || b.nextResponseMinutes !== null || b.resolutionMinutes !== null, {
    message: "Set at least one target",
  });
export type SlaPolicyBody = z.input<typeof SlaPolicyBodySchema>;

export const AlertStatusSchema = z.enum(["active", "acknowledged", "downgraded"]);
export const AlertSchema = z.object({
  id: Uuid,
  conversation: z.object({ id: Uuid, reference: z.string(), subject: z.string() }),
  messageId: Uuid.nullable(),
  category: z.string(),
  severity: z.enum(["critical", "high"]),
  score: z.number(),
  evidence: z.array(z.object({ phrase: z.string(), start: z.number(), end: z.number() })),
  status: AlertStatusSchema,
  acknowledgedBy: RefSchema.nullable(),
  acknowledgedAt: z.string().nullable(),
  downgradedBy: RefSchema.nullable(),
  downgradedAt: z.string().nullable(),
  downgradeReason: z.string().nullable(),
  createdAt: z.string(),
});
export type Alert = z.infer<typeof AlertSchema>;
export const AlertListSchema = z.object({ items: z.array(AlertSchema) });
export const DowngradeBodySchema = z.object({
  reason: z.string().trim().min(5, "Say why this is not a critical concern (at least 5 characters)").max(2000),
});

export const AlertCategorySchema = z.object({
  id: Uuid,
  key: z.string(),
  name: z.object({ en: z.string(), es: z.string().optional() }),
  builtIn: z.boolean(),
  phrases: z.array(z.string()),
  severity: z.enum(["critical", "high"]),
  enabled: z.boolean(),
  responderIds: z.array(Uuid),
});
export type AlertCategory = z.infer<typeof AlertCategorySchema>;
export const AlertCategoryBodySchema = z.object({
  key: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "A key like media_inquiry: lowercase letters, digits and _"),
  name: z.object({ en: z.string().trim().min(1).max(80), es: z.string().trim().max(80).optional() }),
  phrases: z.array(z.string().trim().min(2).max(100)).min(1, "Give at least one phrase").max(200),
  severity: z.enum(["critical", "high"]).default("high"),
  enabled: z.boolean().default(true),
  responderIds: z.array(Uuid).max(100).default([]),
});
export const AlertCategoryUpdateSchema = z
  .object({
    name: z.object({ en: z.string().trim().min(1).max(80), es: z.string().trim().max(80).optional() }).optional(),
    phrases: z.array(z.string().trim().min(2).max(100)).max(200).optional(),
    severity: z.enum(["critical", "high"]).optional(),
    enabled: z.boolean().optional(),
    responderIds: z.array(Uuid).max(100).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: "Nothing to change" });

export const NotificationTypeSchema = z.enum(["assigned", "mentioned", "family_replied", "alert", "sla_warning", "sla_breach", "triage", "escalated"]);
export const NotificationSchema = z.object({
  id: Uuid,
  type: NotificationTypeSchema,
  text: z.string(),
  conversation: z.object({ id: Uuid, reference: z.string().nullable(), subject: z.string().nullable() }).nullable(),
  actor: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  read: z.boolean(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationListSchema = z.object({ items: z.array(NotificationSchema), unread: z.number().int(), nextCursor: z.string().nullable() });
export type NotificationList = z.infer<typeof NotificationListSchema>;
export const NotificationQuerySchema = z.object({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  /** the previous page's `nextCursor` (its last item's time and id) */
  before: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z(~[0-9a-f-]{36})?$/i, "Use the nextCursor of the previous page")
    .optional(),
});
export const MarkReadBodySchema = z.object({ ids: z.array(Uuid).max(500).optional() });

export const ClusterSchema = z.object({
  id: Uuid,
  title: z.string(),
  status: z.enum(["open", "resolved"]),
  topicId: Uuid.nullable(),
  departmentId: Uuid.nullable(),
  total: z.number().int(),
  open: z.number().int(),
  languages: z.record(z.string(), z.number().int()),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type Cluster = z.infer<typeof ClusterSchema>;
export const ClusterListSchema = z.object({ items: z.array(ClusterSchema) });
export const ClusterReplyBodySchema = z.object({
  body: z.object({
    en: z.string().trim().min(1, "Write the English reply").max(20_000),
    es: z.string().trim().max(20_000).optional(),
  }),
  resolve: z.boolean().default(false),
});
export type ClusterReplyBody = z.input<typeof ClusterReplyBodySchema>;
export const ClusterReplyResultSchema = z.object({
  sent: z.array(z.object({ conversationId: Uuid, reference: z.string(), language: LanguageSchema })),
  skipped: z.array(z.object({ conversationId: Uuid, reference: z.string(), reason: z.enum(["no_email", "resolved", "not_allowed"]) })),
  resolved: z.number().int(),
});
export type ClusterReplyResult = z.infer<typeof ClusterReplyResultSchema>;

export const PresenceStateSchema = z.enum(["viewing", "replying", "left"]);
export const PresenceBodySchema = z.object({ state: PresenceStateSchema });
export const PresenceSchema = z.object({
  items: z.array(z.object({ staffId: Uuid, name: z.string(), state: z.enum(["viewing", "replying"]), since: z.string() })),
});
export type Presence = z.infer<typeof PresenceSchema>;

export const RoutingModelSchema = z.object({
  trained: z.boolean(),
  examples: z.number().int(),
  labels: z.number().int(),
  threshold: z.number().nullable(),
  trainedAt: z.string().nullable(),
  historyAvailable: z.number().int(),
  minExamples: z.number().int(),
});
export type RoutingModel = z.infer<typeof RoutingModelSchema>;

export { RoutingExplanationSchema };
