import type { z } from "zod";
import type { Mailer } from "../channels/email/mailer.js";
import type { Database } from "../db/client.js";
import type { Enqueue } from "../domain/shared/ctx.js";
import type { Logger } from "../lib/logger.js";
import { deliverEmailJob } from "./definitions/deliver-email.js";
import { expireIdempotencyKeysJob } from "./definitions/expire-idempotency-keys.js";
import { ingestInboundEmailJob } from "./definitions/ingest-inbound-email.js";
import { intakeFollowUpJob } from "./definitions/intake-follow-up.js";
import { leaderDigestJob } from "./definitions/leader-digest.js";
import { notificationDigestsJob } from "./definitions/notification-digests.js";
import { pruneRateLimitsJob } from "./definitions/prune-rate-limits.js";
import { reportRollupsJob } from "./definitions/report-rollups.js";
import { pollImapMailboxesJob } from "./definitions/poll-imap-mailboxes.js";
import { learnRoutingJob, trainRoutingModelsJob } from "./definitions/routing-models.js";
import { slaSweepJob } from "./definitions/sla-sweep.js";

export type JobDeps = { database: Database; publicUrl: string; mailer: Mailer; enqueue: Enqueue; now?: () => Date };

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  id: string;
  schema: S;
  retryLimit?: number;
  retryDelaySeconds?: number;
  cron?: string;
  handler: (deps: JobDeps, payload: z.infer<S>, job: { id: string; log: Logger }) => Promise<void>;
};

/** Everything that runs in the background. */
export const jobDefinitions: JobDefinition[] = [
  deliverEmailJob as JobDefinition,
  ingestInboundEmailJob as JobDefinition,
  intakeFollowUpJob as JobDefinition,
  pollImapMailboxesJob as JobDefinition,
  slaSweepJob as JobDefinition,
  learnRoutingJob as JobDefinition,
  trainRoutingModelsJob as JobDefinition,
  notificationDigestsJob as JobDefinition,
  leaderDigestJob as JobDefinition,
  pruneRateLimitsJob as JobDefinition,
  expireIdempotencyKeysJob as JobDefinition,
  reportRollupsJob as JobDefinition,
];
