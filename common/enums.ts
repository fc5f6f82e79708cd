import { z } from "zod";

/** Conversation lifecycle: new → open → pending (waiting on the family) → resolved. */
export const ConversationStatusSchema = z.enum(["new", "open", "pending", "resolved"]);
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

export const PrioritySchema = z.enum(["critical", "high", "normal", "low"]);
export type Priority = z.infer<typeof PrioritySchema>;

export const ConversationKindSchema = z.enum(["question", "concern", "comment", "suggestion", "compliment"]);
export type ConversationKind = z.infer<typeof ConversationKindSchema>;

export const RequesterRoleSchema = z.enum(["parent", "student", "staff", "community"]);
export type RequesterRole = z.infer<typeof RequesterRoleSchema>;

export const ChannelTypeSchema = z.enum(["web_form", "email", "sms", "facebook", "instagram", "phone", "walk_in", "letter"]);
export type ChannelType = z.infer<typeof ChannelTypeSchema>;

export const RoleSchema = z.enum(["admin", "supervisor", "agent", "recorder", "viewer"]);
export type Role = z.infer<typeof RoleSchema>;

export const LanguageSchema = z.enum(["en", "es"]);
export type Language = z.infer<typeof LanguageSchema>;

export const MessageDirectionSchema = z.enum(["inbound", "outbound", "note"]);
export type MessageDirection = z.infer<typeof MessageDirectionSchema>;

export const DeliveryStatusSchema = z.enum(["queued", "sent", "failed"]);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/**
 * Inbox views. triage: nobody could be chosen automatically; past_due / due_soon: a service-standard target has
 * passed or falls within 4 hours; alerts: a critical alert waits for a responder; watching: conversations the
 * person follows (alert responder, mentioned, rule watcher).
 */
export const InboxViewSchema = z.enum([
  "mine",
  "my_departments",
  "unassigned",
  "all_open",
  "pending",
  "resolved",
  "all",
  "triage",
  "past_due",
  "due_soon",
  "alerts",
  "watching",
]);
export type InboxView = z.infer<typeof InboxViewSchema>;

export const PRIORITY_RANK: Record<Priority, number> = { critical: 0, high: 1, normal: 2, low: 3 };
