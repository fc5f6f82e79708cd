import { keepPreviousData, queryOptions } from "@tanstack/react-query";
import type {
  ReportAlerts,
  ReportAnswered,
  ReportBacklog,
  ReportBreaches,
  ReportBreakdown,
  ReportSatisfaction,
  ReportSummary,
  ReportTimeseries,
  ReportTrending,
} from "../../../../common/contract/reports.js";
import { api } from "../../lib/http.js";
import type { ReportEndpoint } from "./links.js";

type Shapes = {
  summary: ReportSummary;
  timeseries: ReportTimeseries;
  breakdown: ReportBreakdown;
  backlog: ReportBacklog;
  breaches: ReportBreaches;
  satisfaction: ReportSatisfaction;
  alerts: ReportAlerts;
  trending: ReportTrending;
  answered: ReportAnswered;
};

export const reportKeys = {
  all: ["reports"] as const,
  one: (endpoint: ReportEndpoint, params: Record<string, string>) => ["reports", endpoint, params] as const,
};

/** One report (GET /api/reports/<endpoint>) for the given period, filters and options; a minute fresh. */
export function reportQuery<E extends keyof Shapes>(endpoint: E, params: Record<string, string>) {
  return queryOptions({
    queryKey: reportKeys.one(endpoint, params),
    queryFn: ({ signal }) => api.get<Shapes[E]>(`/api/reports/${endpoint}`, params, signal),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
