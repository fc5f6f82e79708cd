import type { z } from "zod";
import type { Alert, AlertCategory, AlertListSchema, DowngradeBodySchema } from "../../../../common/contract/operations.js";
import { api } from "../../lib/http.js";

export type AlertList = z.infer<typeof AlertListSchema>;
export type AlertFilter = "active" | "acknowledged" | "downgraded" | "all";
export type DowngradeBody = z.input<typeof DowngradeBodySchema>;

/** Query keys of critical alerts; live alert events invalidate `all`. */
export const alertKeys = {
  all: ["alerts"] as const,
  list: (status: AlertFilter) => ["alerts", "list", status] as const,
  categories: () => ["alerts", "categories"] as const,
};

const base = (id: string) => `/api/alerts/${encodeURIComponent(id)}`;

/** GET /api/alerts?status=…: the alerts the person may see, newest first. */
export const fetchAlerts = (status: AlertFilter, signal?: AbortSignal) => api.get<AlertList>("/api/alerts", { status }, signal);
export const acknowledgeAlert = (id: string) => api.post<Alert>(`${base(id)}/acknowledge`);
/** "Not critical": needs a reason (5 characters or more). */
export const downgradeAlert = (id: string, body: DowngradeBody) => api.post<Alert>(`${base(id)}/downgrade`, body);
export const fetchAlertCategories = (signal?: AbortSignal) => api.get<{ items: AlertCategory[] }>("/api/alerts/categories", undefined, signal);
