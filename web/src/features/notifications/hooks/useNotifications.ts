import { useInfiniteQuery, useMutation, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import type { NotificationList } from "../../../../../common/contract/operations.js";
import { fetchNotifications, markNotificationsRead, notificationKeys } from "../api.js";

/** The feed as cursor pages; the first page's `unread` is the bell's count. */
export function useNotifications() {
  return useInfiniteQuery({
    queryKey: notificationKeys.feed(),
    queryFn: ({ pageParam, signal }) => fetchNotifications(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A safety net for a dropped stream; `notification.created` refreshes it at once.
    refetchInterval: 120_000,
  });
}

type Feed = InfiniteData<NotificationList, string | null>;

/** Marks some (or, without ids, all) read: shown read at once, then confirmed by a refetch. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) => markNotificationsRead(ids),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: notificationKeys.feed() });
      const before = queryClient.getQueryData<Feed>(notificationKeys.feed());
      if (before) {
        const marks = (id: string) => !ids || ids.includes(id);
        const changed = before.pages.flatMap((p) => p.items).filter((n) => !n.read && marks(n.id)).length;
        queryClient.setQueryData<Feed>(notificationKeys.feed(), {
          ...before,
          pages: before.pages.map((p, i) => ({
            ...p,
            unread: i === 0 ? Math.max(0, ids ? p.unread - changed : 0) : p.unread,
            items: p.items.map((n) => (marks(n.id) ? { ...n, read: true } : n)),
          })),
        });
      }
      return { before };
    },
    onError: (_e, _ids, context) => {
      if (context?.before) queryClient.setQueryData(notificationKeys.feed(), context.before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
