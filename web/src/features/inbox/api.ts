import type { ConversationList } from "../../../../common/contract/conversations.js";
import { api } from "../../lib/http.js";

export const PAGE_SIZE = 25;

/** One page of the inbox: GET /api/conversations with the view, filters, sort and cursor. */
export function fetchConversations(filters: Record<string, string | undefined>, cursor: string | null, signal?: AbortSignal): Promise<ConversationList> {
  return api.get<ConversationList>("/api/conversations", { ...filters, limit: PAGE_SIZE, cursor }, signal);
}
