import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { onLiveEvent, openLiveStream } from "../lib/live.js";
import { conversationKeys } from "../lib/queryKeys.js";

/**
 * While signed in, listens to GET /api/stream: any event marks the inbox lists stale (coalesced, so a
 * burst of events refetches once) and refetches the conversation it names.
 */
export function useLiveUpdates(enabled: boolean): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = onLiveEvent((e) => {
      if (e.conversationId) void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(e.conversationId) });
      pending ??= setTimeout(() => {
        pending = undefined;
        void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() });
      }, 250);
    });
    const close = openLiveStream();
    return () => {
      unsubscribe();
      close();
      if (pending) clearTimeout(pending);
    };
  }, [enabled, queryClient]);
}
