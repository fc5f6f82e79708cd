import { z } from "zod";
import {
  ChannelTypeSchema,
  ConversationKindSchema,
  LanguageSchema,
  PrioritySchema,
  RequesterRoleSchema,
} from "../enums.js";
import { FieldValueSchema } from "./forms.js";

/**
 * Routing rules, their explanation and the "try a message" contract, shared by the server and the staff app.
 *
 * A district orders its rules; when a conversation arrives every enabled rule runs once, in position order, and a
 * rule whose conditions all hold (an empty list always holds) applies its actions. The engine is
 * `server/domain/routing/rules/engine.ts`; its header states the semantics precisely.
 */

export const MAX_CONDITIONS = 20;
export const MAX_ACTIONS = 20;
export const MAX_PHRASES = 200;
export const MAX_PHRASE_LENGTH = 100;
export const MAX_TAG_LENGTH = 40;
/** Ids listed by one condition (topics, schools…) or one action (watchers). */
export const MAX_IDS = 200;
export const MAX_TAGS = 20;
export const MAX_FIELD_VALUES = 100;
export const MAX_TRY_TEXT = 20_000;

const Uuid = z.uuid({ error: "Must be an id (UUID)" });
const ids = (what: string) =>
  z
    .array(Uuid)
    .min(1, `Choose at least one ${what}`)
    .max(MAX_IDS, `At most ${MAX_IDS} ${what}s per condition`);
const oneOf = <T extends z.ZodType>(item: T, what: string) =>
  z.array(item).min(1, `Choose at least one ${what}`).max(50, `Too many ${what}s`);

/** A tag as stored: trimmed, lower-cased, letters, digits, "-" and "_". */
export const TagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: "A tag cannot be empty", abort: true })
  .max(MAX_TAG_LENGTH, { error: `A tag is at most ${MAX_TAG_LENGTH} characters`, abort: true })
  .regex(/^[a-z0-9_-]+$/, "A tag uses only lowercase letters, digits, - and _");
const Tags = z.array(TagSchema).min(1, "Give at least one tag").max(MAX_TAGS, `At most ${MAX_TAGS} tags`);

/** A form field key, as in `FormFieldSchema` (`bus_number`). */
const FieldKey = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "A field key starts with a letter and uses lowercase letters, digits and _ (at most 40)");
const FieldText = z.string().trim().min(1, "A field value cannot be empty").max(200, "A field value is at most 200 characters");

/**
 * A keyword phrase: one or more words, matched as whole words in the subject and message, ignoring case and
 * accents ("autobús" matches "autobus"). A trailing `*` makes the last word a prefix ("transport*").
 */
export const KeywordPhraseSchema = z
  .string()
  .trim()
  .min(1, { error: "A phrase cannot be empty", abort: true })
  .max(MAX_PHRASE_LENGTH, { error: `A phrase is at most ${MAX_PHRASE_LENGTH} characters`, abort: true })
  .refine((p) => /[\p{L}\p{N}]/u.test(p), "A phrase needs at least one letter or digit")
  .refine((p) => !p.slice(0, -1).includes("*"), "Only a trailing * is allowed (a prefix, like transport*)");

/** Alert category keys: the detector's built-ins (self_harm, violence, weapons, abuse, harassment) or a district's own. */
const AlertCategory = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9_-]{1,40}$/, "An alert category is a key like self_harm");

const negate = z.boolean().optional();

export const FieldOperatorSchema = z.enum(["equals", "contains", "present", "in"]);
export type FieldOperator = z.infer<typeof FieldOperatorSchema>;

const FieldConditionSchema = z
  .object({
    type: z.literal("field"),
    negate,
    key: FieldKey,
    op: FieldOperatorSchema,
    value: FieldText.optional(),
    values: z.array(FieldText).max(MAX_FIELD_VALUES, `At most ${MAX_FIELD_VALUES} values`).optional(),
  })
  .superRefine((c, ctx) => {
    if ((c.op === "equals" || c.op === "contains") && c.value === undefined) {
      ctx.addIssue({ code: "custom", path: ["value"], message: `"${c.op}" needs a value to compare with` });
    }
    if (c.op === "in" && (c.values === undefined || c.values.length === 0)) {
      ctx.addIssue({ code: "custom", path: ["values"], message: `"in" needs at least one value` });
    }
  });

/** One test on the facts of an arriving conversation; `negate` inverts it. */
export const RuleConditionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("topic"), negate, topicIds: ids("topic") }),
  z.object({ type: z.literal("category"), negate, categoryIds: ids("category") }),
  z.object({ type: z.literal("school"), negate, schoolIds: ids("school") }),
  /** the department set so far: by the topic, or by an earlier rule */
  z.object({ type: z.literal("department"), negate, departmentIds: ids("department") }),
  FieldConditionSchema,
  z.object({
    type: z.literal("keywords"),
    negate,
    phrases: z
      .array(KeywordPhraseSchema)
      .min(1, "Give at least one phrase")
      .max(MAX_PHRASES, `At most ${MAX_PHRASES} phrases per condition`),
    match: z.enum(["any", "all"]),
  }),
  z.object({ type: z.literal("language"), negate, languages: oneOf(LanguageSchema, "language") }),
  z.object({ type: z.literal("channel"), negate, channels: oneOf(ChannelTypeSchema, "channel") }),
  z.object({ type: z.literal("requesterRole"), negate, roles: oneOf(RequesterRoleSchema, "role") }),
  z.object({ type: z.literal("kind"), negate, kinds: oneOf(ConversationKindSchema, "kind") }),
  z.object({ type: z.literal("afterHours"), negate, value: z.boolean() }),
  z.object({ type: z.literal("priority"), negate, priorities: oneOf(PrioritySchema, "priority") }),
  z.object({ type: z.literal("hasTag"), negate, tags: Tags }),
  /** the message raised a critical-alert of one of these categories */
  z.object({ type: z.literal("alert"), negate, categories: oneOf(AlertCategory, "alert category") }),
]);
export type RuleCondition = z.infer<typeof RuleConditionSchema>;
export type RuleConditionType = RuleCondition["type"];

/** What a matching rule does. */
export const RuleActionSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("setDepartment"), departmentId: Uuid }),
  z.object({ type: z.literal("assignPerson"), staffId: Uuid }),
  /** use the department's assignment policy */
  z.object({ type: z.literal("assignByPolicy") }),
  z.object({ type: z.literal("setPriority"), priority: PrioritySchema }),
  z.object({ type: z.literal("addTags"), tags: Tags }),
  z.object({
    type: z.literal("addWatchers"),
    staffIds: z.array(Uuid).min(1, "Choose at least one watcher").max(MAX_TAGS, `At most ${MAX_TAGS} watchers`),
  }),
  z.object({ type: z.literal("applySla"), slaPolicyId: Uuid }),
  z.object({ type: z.literal("sendToTriage") }),
]);
export type RuleAction = z.infer<typeof RuleActionSchema>;
export type RuleActionType = RuleAction["type"];

const RuleName = z.string().trim().min(1, "Give the rule a name").max(120, "A rule name is at most 120 characters");
const Conditions = z.array(RuleConditionSchema).max(MAX_CONDITIONS, `At most ${MAX_CONDITIONS} conditions per rule`);
const Actions = z
  .array(RuleActionSchema)
  .min(1, "A rule needs at least one action")
  .max(MAX_ACTIONS, `At most ${MAX_ACTIONS} actions per rule`);
const Position = z.number().int("A position is a whole number").min(0, "A position cannot be negative");

/** A stored rule. `conditions` must all hold (empty = always). */
export const RoutingRuleSchema = z.object({
  id: Uuid,
  name: RuleName,
  enabled: z.boolean(),
  position: Position,
  conditions: Conditions,
  actions: Actions,
  stopProcessing: z.boolean(),
});
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;

/** Create or replace a rule; without a position a new rule goes last. */
export const RoutingRuleInputSchema = z.object({
  name: RuleName,
  enabled: z.boolean().default(true),
  position: Position.optional(),
  conditions: Conditions.default([]),
  actions: Actions,
  stopProcessing: z.boolean().default(false),
});
export type RoutingRuleInput = z.infer<typeof RoutingRuleInputSchema>;
/** The body as a client sends it (defaults not yet applied). */
export type RoutingRuleInputBody = z.input<typeof RoutingRuleInputSchema>;

export const AssignmentPolicyTypeSchema = z.enum(["round_robin", "least_load", "queue"]);
export type AssignmentPolicyType = z.infer<typeof AssignmentPolicyTypeSchema>;

export const AssignedBySchema = z.enum(["person", "round_robin", "least_load", "delegate", "department_owner", "district_owner"]);
export type AssignedBy = z.infer<typeof AssignedBySchema>;

export const SkipReasonSchema = z.enum(["out_of_office", "outside_working_hours", "at_capacity", "inactive"]);
export type SkipReason = z.infer<typeof SkipReasonSchema>;

export const TriageReasonSchema = z.enum(["no_department", "nobody_available", "rule", "low_confidence"]);
export type TriageReason = z.infer<typeof TriageReasonSchema>;

const Confidence = z.number().min(0).max(1);

/**
 * One step of how a conversation was routed, structured (ids and codes, no prose) so the staff app can render it in
 * English or Spanish. `conditions` of `rule_matched` are short English descriptions of what matched.
 */
export const RoutingStepSchema = z.discriminatedUnion("code", [
  z.object({ code: z.literal("topic_department"), topicId: Uuid, departmentId: Uuid }),
  z.object({
    code: z.literal("rule_matched"),
    ruleId: Uuid,
    position: z.number().int(),
    name: z.string(),
    conditions: z.array(z.string()),
  }),
  z.object({ code: z.literal("set_department"), departmentId: Uuid, ruleId: Uuid }),
  z.object({ code: z.literal("set_priority"), priority: PrioritySchema, ruleId: Uuid }),
  z.object({ code: z.literal("tags_added"), tags: z.array(z.string()), ruleId: Uuid }),
  z.object({ code: z.literal("watchers_added"), staffIds: z.array(Uuid), ruleId: Uuid }),
  z.object({ code: z.literal("sla_applied"), slaPolicyId: Uuid, ruleId: Uuid }),
  z.object({
    code: z.literal("classifier"),
    departmentId: Uuid.optional(),
    topicId: Uuid.optional(),
    label: z.string(),
    confidence: Confidence,
  }),
  z.object({
    code: z.literal("classifier_low_confidence"),
    suggestions: z.array(
      z.object({ label: z.string(), departmentId: Uuid.optional(), topicId: Uuid.optional(), confidence: Confidence }),
    ),
    threshold: Confidence,
  }),
  z.object({
    code: z.literal("assigned"),
    staffId: Uuid,
    by: AssignedBySchema,
    ruleId: Uuid.optional(),
    /** the person asked for, when a delegate took their place */
    instead_of: Uuid.optional(),
  }),
  z.object({ code: z.literal("skipped_staff"), staffId: Uuid, reason: SkipReasonSchema }),
  /** policy = queue: left in the department for a manual pick */
  z.object({ code: z.literal("queue"), departmentId: Uuid }),
  z.object({ code: z.literal("triage"), reason: TriageReasonSchema }),
]);
export type RoutingStep = z.infer<typeof RoutingStepSchema>;
export type RoutingStepCode = RoutingStep["code"];

export const RoutingExplanationSchema = z.object({ steps: z.array(RoutingStepSchema), summary: z.string() });
export type RoutingExplanation = z.infer<typeof RoutingExplanationSchema>;

/** "Try a message": route a sample text through the district's rules without storing anything. */
export const TryRoutingRequestSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, "Write a message to try")
    .max(MAX_TRY_TEXT, `A message is at most ${MAX_TRY_TEXT} characters`),
  subject: z.string().trim().max(300, "A subject is at most 300 characters").optional(),
  topicId: Uuid.optional(),
  schoolId: Uuid.optional(),
  channel: ChannelTypeSchema.optional(),
  language: LanguageSchema.optional(),
  requesterRole: RequesterRoleSchema.optional(),
  kind: ConversationKindSchema.optional(),
  fields: z
    .record(FieldKey, FieldValueSchema)
    .refine((f) => Object.keys(f).length <= 30, "At most 30 fields")
    .optional(),
});
export type TryRoutingRequest = z.infer<typeof TryRoutingRequestSchema>;

export const TryRoutingResponseSchema = z.object({
  departmentId: Uuid.nullable(),
  assigneeId: Uuid.nullable(),
  priority: PrioritySchema,
  tags: z.array(z.string()),
  watchers: z.array(Uuid),
  slaPolicyId: Uuid.nullable(),
  triage: z.boolean(),
  alerts: z.array(z.object({ category: z.string(), severity: z.enum(["critical", "high"]) })),
  explanation: RoutingExplanationSchema,
});
export type TryRoutingResponse = z.infer<typeof TryRoutingResponseSchema>;
