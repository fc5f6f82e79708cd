import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { conversationKeys } from "../../../lib/queryKeys.js";
import { acknowledgeAlert, alertKeys, downgradeAlert, fetchAlerts, type DowngradeBody } from "../api.js";

/**
 * The alerts waiting for a responder. Live `alert.*` events invalidate it (see useLiveUpdates); the minute poll is
 * only a safety net for a dropped stream: an alert must never wait for a reload.
 */
export function useActiveAlerts(enabled = true) {
  return useQuery({
    queryKey: alertKeys.list("active"),
    queryFn: ({ signal }) => fetchAlerts("active", signal),
    enabled,
    refetchInterval: 60_000,
    refetchIntervalInBackground: true,
  });
}

/** After an alert changes: the banner, the inbox (red rows, the Critical alerts view) and the conversation. */
function useAfterAlertChange() {
  const queryClient = useQueryClient();
  return async (conversationId: string | undefined) => {
    void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() });
    if (conversationId) void queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversationId) });
    await queryClient.invalidateQueries({ queryKey: alertKeys.all });
  };
}

export function useAcknowledgeAlert() {
  const after = useAfterAlertChange();
  return useMutation({
    mutationFn: (v: { id: string; conversationId?: string }) => acknowledgeAlert(v.id),
    onSuccess: (_alert, v) => after(v.conversationId),
  });
}

export function useDowngradeAlert() {
  const after = useAfterAlertChange();
  return useMutation({
    mutationFn: (v: { id: string; conversationId?: string; body: DowngradeBody }) => downgradeAlert(v.id, v.body),
    onSuccess: (_alert, v) => after(v.conversationId),
  });
}
