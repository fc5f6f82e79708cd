import { BreakdownBySchema, BreakdownMetricSchema, type BreakdownBy, type BreakdownMetric } from "../../../../common/contract/reports.js";
import { ChannelTypeSchema, ConversationKindSchema, LanguageSchema, type ChannelType, type ConversationKind, type Language } from "../../../../common/enums.js";
import { addDays, DEFAULT_RANGE, isLocalDate, presetPeriod, RANGE_PRESETS, type LocalPeriod, type RangePreset } from "./dates.js";

/**
 * The reports' state kept in the URL (shareable, bookmarkable): the date range as a preset, or `range=custom` with
 * `from` and `to` as local dates where `to` is the LAST day shown (inclusive, as people read a range; the API's `to`
 * is exclusive), the scope filters, and the Compare/Staff tabs' metric and grouping.
 */
export type ReportSearch = {
  range?: RangePreset;
  from?: string;
  to?: string;
  departmentId?: string;
  schoolId?: string;
  topicId?: string;
  channel?: ChannelType;
  kind?: ConversationKind;
  language?: Language;
  metric?: BreakdownMetric;
  by?: BreakdownBy;
};

export const SCOPE_KEYS = ["departmentId", "schoolId", "topicId", "channel", "kind", "language"] as const;
export type ScopeKey = (typeof SCOPE_KEYS)[number];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const uuid = (v: unknown): string | undefined => {
  const s = str(v);
  return s && UUID.test(s) ? s : undefined;
};

/** Reads the URL search, dropping anything malformed (an old or hand-edited link still opens the reports). */
export function parseReportSearch(raw: Record<string, unknown>): ReportSearch {
  const out: ReportSearch = {};
  const range = str(raw.range);
  const from = str(raw.from);
  const to = str(raw.to);
  if (range && (RANGE_PRESETS as readonly string[]).includes(range)) out.range = range as RangePreset;
  const customOk = from !== undefined && to !== undefined && isLocalDate(from) && isLocalDate(to) && to >= from;
  if (customOk && (out.range === undefined || out.range === "custom")) {
    out.range = "custom";
    out.from = from;
    out.to = to;
  } else if (out.range === "custom") {
    delete out.range;
  }
  for (const key of ["departmentId", "schoolId", "topicId"] as const) {
    const v = uuid(raw[key]);
    if (v) out[key] = v;
  }
  const channel = ChannelTypeSchema.safeParse(raw.channel);
  if (channel.success) out.channel = channel.data;
  const kind = ConversationKindSchema.safeParse(raw.kind);
  if (kind.success) out.kind = kind.data;
  const language = LanguageSchema.safeParse(raw.language);
  if (language.success) out.language = language.data;
  const metric = BreakdownMetricSchema.safeParse(raw.metric);
  if (metric.success) out.metric = metric.data;
  const by = BreakdownBySchema.safeParse(raw.by);
  if (by.success) out.by = by.data;
  return out;
}

/** The search's period as local dates, `to` exclusive; `today` is the local date in the district's zone. */
export function periodOf(s: ReportSearch, today: string): LocalPeriod {
  if (s.range === "custom" && s.from && s.to) return { from: s.from, to: addDays(s.to, 1) };
  return presetPeriod(s.range === undefined || s.range === "custom" ? DEFAULT_RANGE : s.range, today);
}

/** The scope filters of a search (department, school, topic, channel, kind, language), only those set. */
export function scopeOf(s: ReportSearch): Partial<Record<ScopeKey, string>> {
  const out: Partial<Record<ScopeKey, string>> = {};
  for (const key of SCOPE_KEYS) if (s[key]) out[key] = s[key];
  return out;
}

/** The query every report endpoint takes for this search: the period and the scope filters. */
export function reportParams(s: ReportSearch, today: string): Record<string, string> {
  const p = periodOf(s, today);
  return { from: p.from, to: p.to, ...scopeOf(s) };
}

/** How many scope filters are set (the date range is always set, so it does not count). */
export const scopeFilterCount = (s: ReportSearch): number => SCOPE_KEYS.filter((k) => s[k]).length;
