import type { Role } from "../../../common/enums.js";
import type { Tx } from "../../db/client.js";
import type { Logger } from "../../lib/logger.js";

export type Actor =
  | { kind: "staff"; staffId: string; role: Role; departmentIds: string[]; name: string }
  | { kind: "contact"; contactId: string | null }
  | { kind: "rule"; ruleId: string }
  | { kind: "system"; reason: string };

/** Enqueues a background job inside the caller's transaction (pg-boss, transactional send). */
export type Enqueue = (db: Tx, job: string, payload: Record<string, unknown>, opts?: { startAfter?: Date; singletonKey?: string }) => Promise<void>;

/** What the app knows about itself that commands need (links in emails, the mail transport). */
export type AppInfo = { publicUrl: string };

/** The one context every command and query takes, from a route, a job or a test. */
export type Ctx = {
  db: Tx;
  districtId: string;
  actor: Actor;
  now: () => Date;
  log: Logger;
  enqueue: Enqueue;
  app: AppInfo;
};

export function actorRef(actor: Actor): { actorKind: Actor["kind"]; actorId: string | null } {
  switch (actor.kind) {
    case "staff":
      return { actorKind: "staff", actorId: actor.staffId };
    case "contact":
      return { actorKind: "contact", actorId: actor.contactId };
    case "rule":
      return { actorKind: "rule", actorId: actor.ruleId };
    case "system":
      return { actorKind: "system", actorId: actor.reason };
  }
}
