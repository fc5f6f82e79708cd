import { useQuery } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { localized } from "../../lib/meta.js";
import { alertKeys, fetchAlertCategories } from "./api.js";

/** The detector's categories, named in the catalogs; a district's own categories carry their names. */
export const BUILT_IN_ALERT_CATEGORIES = ["self_harm", "violence", "weapons", "abuse", "harassment"] as const;
type BuiltIn = (typeof BUILT_IN_ALERT_CATEGORIES)[number];
const isBuiltIn = (key: string): key is BuiltIn => (BUILT_IN_ALERT_CATEGORIES as readonly string[]).includes(key);

/** A category key in words: the catalog's name, the district's name for its own category, else the key made readable. */
export function alertCategoryLabel(key: string, t: TFunction, own?: Map<string, string>): string {
  if (isBuiltIn(key)) return t(`alerts.categories.${key}`);
  return own?.get(key) ?? key.replace(/[_-]+/g, " ");
}

/**
 * Names alert categories in the UI language. The district's own categories are fetched only when one of `keys` is
 * not built in (GET /alerts/categories); when the person may not read them, the key is shown instead.
 */
export function useAlertCategoryName(keys: readonly string[]): (key: string) => string {
  const { t, i18n } = useTranslation();
  const needed = keys.some((k) => !isBuiltIn(k));
  const own = useQuery({
    queryKey: alertKeys.categories(),
    queryFn: ({ signal }) => fetchAlertCategories(signal),
    enabled: needed,
    staleTime: 5 * 60_000,
    retry: false,
    select: (data) => new Map(data.items.map((c) => [c.key, localized(c.name, i18n.language)])),
  });
  return (key) => alertCategoryLabel(key, t, own.data);
}
