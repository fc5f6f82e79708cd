import { ConversationSortSchema, type ConversationSort } from "../../../../common/contract/conversations.js";
import { InboxViewSchema, type InboxView } from "../../../../common/enums.js";

/** The inbox state kept in the URL, so a view with its filters can be bookmarked and shared. */
export type InboxSearch = {
  view?: InboxView;
  status?: string;
  priority?: string;
  topicId?: string;
  departmentId?: string;
  schoolId?: string;
  channel?: string;
  kind?: string;
  language?: string;
  assigneeId?: string;
  requesterRole?: string;
  categoryId?: string;
  /** created in [createdFrom, createdTo), ISO instants: the period of a report the list was opened from */
  createdFrom?: string;
  createdTo?: string;
  q?: string;
  sort?: ConversationSort;
};

export const FILTER_KEYS = [
  "status",
  "priority",
  "topicId",
  "departmentId",
  "schoolId",
  "channel",
  "kind",
  "language",
  "assigneeId",
  "requesterRole",
  "categoryId",
  "createdFrom",
  "createdTo",
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** The filters that come with a drill-down from a report, shown as removable chips (the panel has no picker for them). */
export const DRILL_DOWN_KEYS = ["requesterRole", "categoryId", "createdFrom", "createdTo"] as const;
/** The filters the panel picks. */
export type PickerKey = Exclude<FilterKey, (typeof DRILL_DOWN_KEYS)[number]>;

export const DEFAULT_VIEW: InboxView = "all_open";
export const DEFAULT_SORT: ConversationSort = "last_message_desc";

const text = (v: unknown, max = 200): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : undefined);
// An ISO instant with an offset, as the list API accepts for createdFrom/createdTo.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const instant = (v: unknown): string | undefined => {
  const s = text(v, 40);
  return s && INSTANT.test(s) && !Number.isNaN(Date.parse(s)) ? s : undefined;
};

/** Reads the URL search into InboxSearch, dropping anything malformed (a bad link still opens the inbox). */
export function parseInboxSearch(raw: Record<string, unknown>): InboxSearch {
  const out: InboxSearch = {};
  const view = InboxViewSchema.safeParse(raw.view);
  if (view.success) out.view = view.data;
  const sort = ConversationSortSchema.safeParse(raw.sort);
  if (sort.success) out.sort = sort.data;
  for (const key of FILTER_KEYS) {
    const v = key === "createdFrom" || key === "createdTo" ? instant(raw[key]) : text(raw[key], 100);
    if (v) out[key] = v;
  }
  const q = text(raw.q);
  if (q) out.q = q;
  return out;
}

/** The list request for a search: the view and sort always explicit. */
export function listFilters(s: InboxSearch): Record<string, string | undefined> {
  const filters: Record<string, string | undefined> = { view: s.view ?? DEFAULT_VIEW, sort: s.sort ?? DEFAULT_SORT, q: s.q };
  for (const key of FILTER_KEYS) filters[key] = s[key];
  return filters;
}

/** Active filters, the created range counting once. */
export const activeFilterCount = (s: InboxSearch): number =>
  FILTER_KEYS.filter((k) => s[k]).length - (s.createdFrom && s.createdTo ? 1 : 0) + (s.q ? 1 : 0);
