import type { ConversationSummary } from "../../../../common/contract/conversations.js";
import type { Cluster, ClusterReplyBody, ClusterReplyResult } from "../../../../common/contract/operations.js";
import { api } from "../../lib/http.js";

/** An incident cluster with its member conversations (GET /clusters/:id). */
export type ClusterDetail = Cluster & { conversations: ConversationSummary[] };
export type ClusterStatus = "open" | "resolved";

/** Query keys of incident clusters; `cluster.joined` and status changes invalidate `all`. */
export const clusterKeys = {
  all: ["clusters"] as const,
  list: (status: ClusterStatus) => ["clusters", "list", status] as const,
  detail: (id: string) => ["clusters", "detail", id] as const,
};

const base = (id: string) => `/api/clusters/${encodeURIComponent(id)}`;

export const fetchClusters = (status: ClusterStatus, signal?: AbortSignal) => api.get<{ items: Cluster[] }>("/api/clusters", { status }, signal);
export const fetchCluster = (id: string, signal?: AbortSignal) => api.get<ClusterDetail>(base(id), undefined, signal);
/** One reply to every member, in each family's language; a member who wrote in Spanish needs the `es` body. */
export const replyToCluster = (id: string, body: ClusterReplyBody) => api.post<ClusterReplyResult>(`${base(id)}/reply`, body);
export const resolveCluster = (id: string) => api.post<{ resolved: number }>(`${base(id)}/resolve`);
