import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ClusterReplyBody } from "../../../../../common/contract/operations.js";
import { isNotFound } from "../../../lib/http.js";
import { conversationKeys } from "../../../lib/queryKeys.js";
import { clusterKeys, fetchCluster, fetchClusters, replyToCluster, type ClusterStatus } from "../api.js";

export function useClusters(status: ClusterStatus) {
  return useQuery({ queryKey: clusterKeys.list(status), queryFn: ({ signal }) => fetchClusters(status, signal) });
}

export function useCluster(id: string) {
  return useQuery({
    queryKey: clusterKeys.detail(id),
    queryFn: ({ signal }) => fetchCluster(id, signal),
    retry: (count, err) => !isNotFound(err) && count < 2,
  });
}

/** "Reply to all": afterwards the cluster, its conversations and the inbox are read again. */
export function useReplyToCluster(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ClusterReplyBody) => replyToCluster(id, body),
    onSuccess: async () => {
      void queryClient.invalidateQueries({ queryKey: conversationKeys.all });
      await queryClient.invalidateQueries({ queryKey: clusterKeys.all });
    },
  });
}
