import { useQuery } from "@tanstack/react-query";
import { isNotFound } from "../../../lib/http.js";
import { conversationKeys } from "../../../lib/queryKeys.js";
import { fetchConversation } from "../api.js";

/** One conversation with its timeline; live events invalidate it. A 404 is final, not retried. */
export function useConversation(id: string) {
  return useQuery({
    queryKey: conversationKeys.detail(id),
    queryFn: ({ signal }) => fetchConversation(id, signal),
    retry: (count, err) => !isNotFound(err) && count < 2,
  });
}
