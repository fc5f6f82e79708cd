import type { ConversationStatus } from "../../../common/enums.js";

const ALLOWED: Record<ConversationStatus, ConversationStatus[]> = {
  new: ["open", "pending", "resolved"],
  open: ["pending", "resolved"],
  pending: ["open", "resolved"],
  resolved: ["open"],
};

/** Status machine: new → open → pending (waiting on the family) → resolved; resolved can reopen. */
export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return ALLOWED[from].includes(to);
}
