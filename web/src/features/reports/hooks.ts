import { useQuery } from "@tanstack/react-query";
import { getRouteApi, useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import { useSession } from "../../lib/session.js";
import { reportQuery } from "./api.js";
import { intervalFor, localDateOf, validTimeZone, type LocalPeriod } from "./dates.js";
import { periodOf, reportParams, type ReportSearch } from "./filters.js";

const reportsRoute = getRouteApi("/signed-in/reports");

export type ReportContext = {
  search: ReportSearch;
  /** the district's zone (the browser's until the session carries it) */
  timeZone: string;
  today: string;
  period: LocalPeriod;
  interval: "day" | "week" | "month";
  /** period + scope filters, the query of every report endpoint */
  params: Record<string, string>;
  setSearch: (patch: Partial<ReportSearch>) => void;
};

/** The reports' shared state: the URL filters, the period they mean in the district's zone, and the API query. */
export function useReportContext(): ReportContext {
  const search = reportsRoute.useSearch();
  // The router's own navigate stays on the current tab; the route API's would go to the route itself (the overview).
  // Typed loosely on purpose: every reports tab shares the parent's search, but the router types a location-less
  // navigate with the union of every route's search.
  const navigate = useNavigate() as unknown as (o: { search: (prev: ReportSearch) => ReportSearch; replace: boolean }) => Promise<void>;
  const session = useSession();
  const timeZone = validTimeZone(session.district.timeZone);
  const today = localDateOf(timeZone, new Date());
  return useMemo(() => {
    const period = periodOf(search, today);
    return {
      search,
      timeZone,
      today,
      period,
      interval: intervalFor(period),
      params: reportParams(search, today),
      setSearch: (patch) => void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true }),
    };
  }, [search, today, timeZone, navigate]);
}

/** The summary of the current filters: headline figures, and the period's instants for every drill-down. */
export function useSummary() {
  const { params } = useReportContext();
  return useQuery(reportQuery("summary", params));
}
