import { queryOptions, useQuery } from "@tanstack/react-query";
import type { LocalizedText } from "../../../common/contract/forms.js";
import type { Role } from "../../../common/enums.js";
import { api } from "./http.js";

/** The district's reference lists (GET /api/meta): pickers, filters and names on the timeline. */
export type Meta = {
  departments: { id: string; name: string }[];
  topics: { id: string; slug: string; name: LocalizedText; departmentId: string | null; categoryId: string | null }[];
  categories: { id: string; slug?: string; name: LocalizedText | string }[];
  schools: { id: string; name: string }[];
  staff: { id: string; name: string; role: Role; departmentIds: string[] }[];
};

export const metaQuery = queryOptions({
  queryKey: ["meta"] as const,
  queryFn: ({ signal }) => api.get<Meta>("/api/meta", undefined, signal),
  staleTime: 5 * 60_000,
});

const EMPTY: Meta = { departments: [], topics: [], categories: [], schools: [], staff: [] };

/** Reference data; empty lists until loaded so pickers can render at once. */
export function useMeta(): Meta {
  return useQuery(metaQuery).data ?? EMPTY;
}

/** A localized label in the UI language, falling back to English. */
export function localized(text: LocalizedText | string, lang: string): string {
  if (typeof text === "string") return text;
  return (lang === "es" && text.es) || text.en;
}

export const nameOf = (list: { id: string; name: string }[], id: string | null | undefined): string | null =>
  id ? (list.find((x) => x.id === id)?.name ?? null) : null;

/** A topic's name in the UI language (the API's ref carries one name; the meta list has both). */
export function topicName(meta: Meta, topic: { id: string; name: string } | null, lang: string): string | null {
  if (!topic) return null;
  const full = meta.topics.find((x) => x.id === topic.id);
  return full ? localized(full.name, lang) : topic.name;
}
