import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { Presence } from "../../../common/contract/operations.js";
import { alertKeys } from "../features/alerts/api.js";
import { clusterKeys } from "../features/clusters/api.js";
import { presenceKey } from "../features/conversation/api.js";
import { notificationKeys } from "../features/notifications/api.js";
import { onLiveEvent, openLiveStream, type LiveEvent } from "../lib/live.js";
import { conversationKeys } from "../lib/queryKeys.js";

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

/**
 * A `presence` signal ({staffId, name, state}) written straight into that conversation's presence list, so
 * "Maria is replying…" appears without a request; yourself is never listed.
 */
export function applyPresence(queryClient: QueryClient, e: LiveEvent, meId: string | undefined): void {
  if (!e.conversationId) return;
  const staffId = str(e.data?.staffId);
  const name = str(e.data?.name);
  const state = e.data?.state;
  if (!staffId || staffId === meId || !(state === "viewing" || state === "replying" || state === "left")) {
    void queryClient.invalidateQueries({ queryKey: presenceKey(e.conversationId) });
    return;
  }
  queryClient.setQueryData<Presence>(presenceKey(e.conversationId), (prev) => {
    const others = (prev?.items ?? []).filter((p) => p.staffId !== staffId);
    if (state === "left") return { items: others };
    const since = prev?.items.find((p) => p.staffId === staffId)?.since ?? new Date().toISOString();
    return { items: [...others, { staffId, name: name ?? "", state, since }] };
  });
}

/**
 * While signed in, listens to GET /api/stream: any timeline event marks the inbox lists stale (coalesced, so a
 * burst of events refetches once) and refetches the conversation it names; alert events refresh the critical-alert
 * banner at once, cluster events the clusters, `notification.created` the bell, `presence` who is viewing.
 */
export function useLiveUpdates(enabled: boolean, meId?: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    let pending: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = onLiveEvent((e) => {
      if (e.type === "presence") {
        applyPresence(queryClient, e, meId);
        return;
      }
      if (e.type === "notification.created") {
        void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
        // A notification reaches its person even where the timeline event does not (an alert responder who only
        // watches the conversation): it may be an alert, so the banner and the inbox are read again too.
        void queryClient.invalidateQueries({ queryKey: alertKeys.all });
      }
      if (e.type.startsWith("alert.")) void queryClient.invalidateQueries({ queryKey: alertKeys.all });
      if (e.type === "cluster.joined" || e.type === "conversation.resolved" || e.type === "conversation.status_changed") {
        void queryClient.invalidateQueries({ queryKey: clusterKeys.all });
      }
      if (e.conversationId && e.type !== "notification.created") void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(e.conversationId) });
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
  }, [enabled, meId, queryClient]);
}
