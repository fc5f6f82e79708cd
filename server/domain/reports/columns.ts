/** SQL expressions over conversations shared by the summary, the series and the breakdowns (docs/METRICS.md). */
import { sql, type SQL } from "drizzle-orm";
import { conversations } from "../../db/schema/index.js";
import { ts } from "./shared.js";

export const frSeconds = sql`extract(epoch from (${conversations.firstResponseAt} - ${conversations.createdAt}))`;
export const resSeconds = sql`extract(epoch from (${conversations.resolvedAt} - ${conversations.createdAt}))`;
export const decidedSql = (snap: Date): SQL =>
  sql`(${conversations.firstResponseAt} is not null or 'first_response' = any(${conversations.slaBreached}) or ${conversations.firstResponseDueAt} <= ${ts(snap)})`;
export const withinSql = sql`(${conversations.firstResponseAt} is not null and not ('first_response' = any(${conversations.slaBreached})))`;

export const unstampedSql = sql`((${conversations.firstResponseAt} is not null and ${conversations.firstResponseBusinessMinutes} is null) or (${conversations.status} = 'resolved' and ${conversations.resolvedAt} is not null and ${conversations.resolutionBusinessMinutes} is null))`;
