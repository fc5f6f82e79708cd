import { useInfiniteQuery } from "@tanstack/react-query";
import { conversationKeys } from "../../../lib/queryKeys.js";
import { fetchConversations } from "../api.js";
import { listFilters, type InboxSearch } from "../search.js";

/** The inbox list as cursor pages; live events invalidate it and every loaded page refetches. */
export function useConversations(search: InboxSearch) {
  const filters = listFilters(search);
  return useInfiniteQuery({
    queryKey: conversationKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchConversations(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
  });
}
