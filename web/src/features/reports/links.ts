import type { BacklogBucketSchema, BreakdownBy } from "../../../../common/contract/reports.js";
import type { InboxSearch } from "../inbox/search.js";
import type { z } from "zod";
import { bucketEnd, localMidnight } from "./dates.js";
import { SCOPE_KEYS, type ReportSearch } from "./filters.js";

export type ReportEndpoint = "summary" | "timeseries" | "breakdown" | "backlog" | "breaches" | "satisfaction" | "alerts" | "trending" | "answered";

/** The query string of a report request, keys in a stable order, empty values left out. */
export function reportQueryString(params: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, v);
  return q.toString();
}

/** The "Download CSV" address: the same endpoint and filters as the view, with `format=csv`. */
export function csvHref(endpoint: ReportEndpoint, params: Record<string, string | undefined>): string {
  return `/api/reports/${endpoint}?${reportQueryString({ ...params, format: "csv" })}`;
}

/** A period as instants (the summary's `period`, or a bucket of it). */
export type InstantPeriod = { from: string; to: string };

/** The inbox filter a breakdown's grouping becomes; "none" groups only exist as a filter for the assignee. */
const BY_TO_INBOX: Record<BreakdownBy, keyof InboxSearch> = {
  department: "departmentId",
  topic: "topicId",
  category: "categoryId",
  school: "schoolId",
  channel: "channel",
  kind: "kind",
  requesterRole: "requesterRole",
  language: "language",
  assignee: "assigneeId",
};

/**
 * The inbox search that lists the conversations behind a figure: the report's scope filters, the conversations
 * created in the period (every status: view=all unless the figure names a view), plus the figure's own filter.
 */
export function drillDown(search: ReportSearch, period: InstantPeriod | null, extra: Partial<InboxSearch> = {}): InboxSearch {
  const out: InboxSearch = { view: "all" };
  for (const key of SCOPE_KEYS) if (search[key]) out[key] = search[key];
  if (period) {
    out.createdFrom = period.from;
    out.createdTo = period.to;
  }
  return { ...out, ...extra };
}

/** The drill-down of one breakdown row, or null for a group the inbox cannot filter on (a missing topic, school…). */
export function breakdownDrillDown(search: ReportSearch, period: InstantPeriod | null, by: BreakdownBy, key: string): InboxSearch | null {
  if (key === "none" && by !== "assignee") return null;
  return drillDown(search, period, { [BY_TO_INBOX[by]]: key });
}

/**
 * The instants of one time-series bucket (a local day, ISO week or month starting on `start`) clipped to the report
 * period, for the drill-down of a point.
 */
export function bucketPeriod(timeZone: string, start: string, interval: "day" | "week" | "month", period: InstantPeriod): InstantPeriod {
  const a = localMidnight(timeZone, start).getTime();
  const b = localMidnight(timeZone, bucketEnd(start, interval)).getTime();
  const from = Math.max(a, Date.parse(period.from));
  const to = Math.min(b, Date.parse(period.to));
  return { from: new Date(from).toISOString(), to: new Date(Math.max(from, to)).toISOString() };
}

const DAY = 86_400_000;
const AGE: Record<z.infer<typeof BacklogBucketSchema>, [number, number | null]> = {
  lt_1d: [0, 1],
  "1_3d": [1, 3],
  "3_7d": [3, 7],
  "7_30d": [7, 30],
  gte_30d: [30, null],
};

/** Open conversations of one backlog age bucket at the snapshot: created between snapshot − max age and snapshot − min age. */
export function backlogDrillDown(search: ReportSearch, snapshotAt: string, bucket: z.infer<typeof BacklogBucketSchema>): InboxSearch {
  const snap = Date.parse(snapshotAt);
  const [min, max] = AGE[bucket];
  const out = drillDown(search, null, { view: "all_open", createdTo: new Date(snap - min * DAY).toISOString() });
  if (max !== null) out.createdFrom = new Date(snap - max * DAY).toISOString();
  return out;
}
