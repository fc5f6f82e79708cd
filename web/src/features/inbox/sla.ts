import type { ConversationSummary } from "../../../../common/contract/conversations.js";

export type Sla = ConversationSummary["sla"];
export type SlaClock = Sla["breached"][number];

/** "Due soon" means within this long, as the server's due_soon view counts it. */
export const DUE_SOON_MS = 4 * 3_600_000;

/**
 * A short duration for a chip, rounded as the relative times elsewhere are: minutes under an hour, hours under a
 * day, else days (never 0).
 */
export type Compact = { unit: "m" | "h" | "d"; count: number };
export function compactDuration(ms: number): Compact {
  const minutes = Math.max(1, Math.round(Math.abs(ms) / 60_000));
  if (minutes < 60) return { unit: "m", count: minutes };
  const hours = Math.round(minutes / 60);
  if (hours < 24) return { unit: "h", count: hours };
  return { unit: "d", count: Math.round(hours / 24) };
}

export type DueChip =
  | { kind: "paused" }
  | { kind: "due"; clock: SlaClock; at: string; in: Compact; soon: boolean }
  | { kind: "overdue"; clock: SlaClock; at: string; by: Compact };

const DUE_FIELDS: [SlaClock, keyof Sla][] = [
  ["first_response", "firstResponseDueAt"],
  ["next_response", "nextResponseDueAt"],
  ["resolution", "resolutionDueAt"],
];

/** The clock that falls due first, of those running. */
export function nextDue(sla: Sla): { clock: SlaClock; at: string } | null {
  let best: { clock: SlaClock; at: string; t: number } | null = null;
  for (const [clock, field] of DUE_FIELDS) {
    const at = sla[field];
    if (typeof at !== "string") continue;
    const t = Date.parse(at);
    if (Number.isNaN(t)) continue;
    if (!best || t < best.t) best = { clock, at, t };
  }
  return best ? { clock: best.clock, at: best.at } : null;
}

/**
 * The due chip of an inbox row: "Paused" while waiting on the family, else the earliest running clock as "Due in
 * 3 h" (soon within 4 hours) or "Past due 2 d". Resolved conversations and conversations without a clock have none.
 */
export function dueChip(sla: Sla, status: ConversationSummary["status"], now: Date): DueChip | null {
  if (status === "resolved") return null;
  if (sla.paused) return { kind: "paused" };
  const due = nextDue(sla);
  if (!due) return null;
  const left = Date.parse(due.at) - now.getTime();
  if (left <= 0) return { kind: "overdue", clock: due.clock, at: due.at, by: compactDuration(-left) };
  return { kind: "due", clock: due.clock, at: due.at, in: compactDuration(left), soon: left <= DUE_SOON_MS };
}
