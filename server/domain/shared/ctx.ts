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

/**
 * What the app knows about itself that commands need (links in emails). `numbers`, when given, takes a district's
 * next conversation number in its own short transaction on another connection (PostgreSQL), so concurrent
 * submissions do not queue on the district row for the whole of each other's transactions; without it the number is
 * taken in the caller's transaction (PGlite: one connection, one writer anyway).
 */
export type AppInfo = { publicUrl: string; numbers?: NumberSource };
export type NumberSource = (districtId: string) => Promise<{ number: number; prefix: string }>;

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
