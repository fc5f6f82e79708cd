/** Shared pieces of the reports: scope, period, rounding, pauses and business time (docs/METRICS.md conventions). */
import { and, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { ChannelType, ConversationKind, Language } from "../../../common/enums.js";
import { conversations, ratings } from "../../db/schema/index.js";
import { AppError } from "../../lib/errors.js";
import { getDistrict } from "../districts/index.js";
import type { Ctx } from "../shared/ctx.js";
import { calendarOf, type BusinessCalendar } from "../sla/index.js";
import { addDays, addMonths, daysBetween, isLocalDate, localDateOf, localMidnight } from "./time.js";

export type ReportScope = {
  departmentId?: string | undefined;
  schoolId?: string | undefined;
  topicId?: string | undefined;
  channel?: ChannelType | undefined;
  kind?: ConversationKind | undefined;
  language?: Language | undefined;
};
export type ReportQuery = ReportScope & { from?: string | undefined; to?: string | undefined };

export type Period = { from: Date; to: Date };
/** A period as local dates `[from, to)`, when both of its ends are local midnights. */
export type LocalDays = { from: string; to: string };
export type Env = {
  cal: BusinessCalendar;
  timeZone: string;
  period: Period;
  previous: Period;
  snapshotAt: Date;
  previousSnapshotAt: Date;
  /** The periods as local dates (null for periods given as instants): the rollups serve those. */
  days: { period: LocalDays; previous: LocalDays } | null;
};

export const HOUR_MS = 3_600_000;
const FIVE_YEARS_MS = (5 * 365 + 2) * 86_400_000;

export const round = (x: number | null, places: number): number | null => (x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** places) / 10 ** places);
export const ratio = (n: number, d: number, places = 4): number | null => (d === 0 ? null : round(n / d, places));
export const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
export const iso = (d: Date): string => d.toISOString();
export const ts = (d: Date): SQL => sql`${iso(d)}::timestamptz`;
/** A report's `period` as the API gives it: the bounds and the snapshot instant. */
export const periodOut = (p: Period, snapshotAt: Date) => ({ from: iso(p.from), to: iso(p.to), snapshotAt: iso(snapshotAt) });

/** The lower median (no interpolation), null for no values. */
export function lowerMedian(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length / 2) - 1]!;
}

export function invalid(name: string, reason: string, message: string): AppError {
  return new AppError("validation_failed", message, { invalidParams: [{ name, reason }] });
}

/**
 * The period `[from, to)` in the district's zone (local dates are local midnights; default: the last 30 local days
 * including today), its previous equivalent period (the previous calendar months when both ends are the first of
 * a month, the same number of local days before otherwise, the same length for instants) and snapshot instants.
 */
export async function resolvePeriod(ctx: Ctx, q: { from?: string | undefined; to?: string | undefined }): Promise<Env> {
  const district = await getDistrict(ctx);
  const tz = district.timeZone;
  const today = localDateOf(tz, ctx.now());
  const fromS = q.from ?? addDays(today, -29);
  const toS = q.to ?? addDays(today, 1);
  const at = (s: string): Date => (isLocalDate(s) ? localMidnight(tz, s) : new Date(s));
  const from = at(fromS);
  const to = at(toS);
  if (Number.isNaN(from.getTime())) throw invalid("from", "invalid", "from is not a date");
  if (Number.isNaN(to.getTime())) throw invalid("to", "invalid", "to is not a date");
  if (to <= from) throw invalid("to", "before_from", "to must be after from");
  if (to.getTime() - from.getTime() > FIVE_YEARS_MS) throw invalid("to", "too_long", "A report spans at most five years");
  let prevFrom: Date;
  let days: Env["days"] = null;
  if (isLocalDate(fromS) && isLocalDate(toS)) {
    let prevFromS: string;
    if (fromS.endsWith("-01") && toS.endsWith("-01")) {
      const months = (Number(toS.slice(0, 4)) - Number(fromS.slice(0, 4))) * 12 + Number(toS.slice(5, 7)) - Number(fromS.slice(5, 7));
      prevFromS = addMonths(fromS, -months);
    } else {
      prevFromS = addDays(fromS, -daysBetween(fromS, toS));
    }
    prevFrom = localMidnight(tz, prevFromS);
    days = { period: { from: fromS, to: toS }, previous: { from: prevFromS, to: fromS } };
  } else {
    prevFrom = new Date(from.getTime() - (to.getTime() - from.getTime()));
  }
  const now = ctx.now();
  const snap = (d: Date): Date => (d > now ? now : d);
  return {
    cal: calendarOf(district),
    timeZone: tz,
    period: { from, to },
    previous: { from: prevFrom, to: from },
    snapshotAt: snap(to),
    previousSnapshotAt: snap(from),
    days,
  };
}

/** The tenant boundary plus the scope filters, on the conversations' current values. */
export function scopeWhere(ctx: Ctx, s: ReportScope): SQL {
  const conds: SQL[] = [eq(conversations.districtId, ctx.districtId)];
  if (s.departmentId) conds.push(eq(conversations.departmentId, s.departmentId));
  if (s.schoolId) conds.push(eq(conversations.schoolId, s.schoolId));
  if (s.topicId) conds.push(eq(conversations.topicId, s.topicId));
  if (s.channel) conds.push(eq(conversations.channel, s.channel));
  if (s.kind) conds.push(eq(conversations.kind, s.kind));
  if (s.language) conds.push(eq(conversations.language, s.language));
  return and(...conds)!;
}

/**
 * Rows of ratings, alerts or events whose conversation is in scope: nothing to check without scope filters (the
 * row's own district_id is the boundary), else a semi-join on the scoped conversations.
 */
export function conversationInScope(ctx: Ctx, s: ReportScope, conversationId: AnyPgColumn): SQL | undefined {
  const filtered = s.departmentId || s.schoolId || s.topicId || s.channel || s.kind || s.language;
  if (!filtered) return undefined;
  return sql`${conversationId} in (select ${conversations.id} from ${conversations} where ${scopeWhere(ctx, s)})`;
}

export const inPeriod = (col: AnyPgColumn, p: Period): SQL => and(gte(col, p.from), lt(col, p.to))!;

/** A period's submitted ratings: their count, the mean of each dimension and the sum of all three (cxScore). */
export const ratingAggregates = {
  count: sql<number>`count(*)::int`,
  accuracy: sql<string | null>`avg(${ratings.accuracy})`,
  timeliness: sql<string | null>`avg(${ratings.timeliness})`,
  courtesy: sql<string | null>`avg(${ratings.courtesy})`,
  total: sql<string | null>`sum(${ratings.accuracy} + ${ratings.timeliness} + ${ratings.courtesy})`,
};
