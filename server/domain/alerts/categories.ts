import { and, asc, eq, inArray } from "drizzle-orm";
import type { LocalizedText } from "../../../common/contract/forms.js";
import { alertCategories, alertResponders, type AlertCategoryRow } from "../../db/schema/index.js";
import type { Ctx } from "../shared/ctx.js";
import { detectAlerts, type Alert, type DistrictAlertCategory } from "./detector.js";

export type { AlertCategoryRow };

/** The built-in categories every district has; the detector knows them (weapons and abuse count as violence in the eval). */
export const BUILT_IN_CATEGORIES: { key: string; name: LocalizedText; severity: "critical" | "high" }[] = [
  { key: "self_harm", name: { en: "Self-harm", es: "Autolesión" }, severity: "critical" },
  { key: "violence", name: { en: "Violence and threats", es: "Violencia y amenazas" }, severity: "critical" },
  { key: "weapons", name: { en: "Weapons", es: "Armas" }, severity: "critical" },
  { key: "abuse", name: { en: "Abuse or neglect", es: "Abuso o negligencia" }, severity: "critical" },
  { key: "harassment", name: { en: "Bullying and harassment", es: "Acoso" }, severity: "high" },
];

/** Creates the built-in categories a district lacks (idempotent). */
export async function ensureBuiltInCategories(ctx: Pick<Ctx, "db" | "districtId">): Promise<void> {
  await ctx.db
    .insert(alertCategories)
    .values(BUILT_IN_CATEGORIES.map((c) => ({ districtId: ctx.districtId, key: c.key, name: c.name, builtIn: true, severity: c.severity })))
    .onConflictDoNothing();
}

export type AlertCategoryWithResponders = AlertCategoryRow & { responderIds: string[] };

export async function listAlertCategories(ctx: Ctx): Promise<AlertCategoryWithResponders[]> {
  await ensureBuiltInCategories(ctx);
  const cats = await ctx.db.select().from(alertCategories).where(eq(alertCategories.districtId, ctx.districtId)).orderBy(asc(alertCategories.createdAt), asc(alertCategories.key));
  const resp = await ctx.db.select().from(alertResponders).where(eq(alertResponders.districtId, ctx.districtId));
  return cats.map((c) => ({ ...c, responderIds: resp.filter((r) => r.categoryId === c.id).map((r) => r.staffId) }));
}

/** The responders of the given category keys (the team that must hear about an alert at once). */
export async function respondersOf(ctx: Ctx, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await ctx.db
    .select({ staffId: alertResponders.staffId })
    .from(alertResponders)
    .innerJoin(alertCategories, eq(alertCategories.id, alertResponders.categoryId))
    .where(and(eq(alertResponders.districtId, ctx.districtId), inArray(alertCategories.key, [...keys])));
  return [...new Set(rows.map((r) => r.staffId))];
}

export async function setResponders(ctx: Ctx, categoryId: string, staffIds: readonly string[]): Promise<void> {
  await ctx.db.delete(alertResponders).where(and(eq(alertResponders.districtId, ctx.districtId), eq(alertResponders.categoryId, categoryId)));
  if (staffIds.length) {
    await ctx.db.insert(alertResponders).values([...new Set(staffIds)].map((staffId) => ({ districtId: ctx.districtId, categoryId, staffId })));
  }
}

// The compiled district phrases are cached by content, so the detector's per-array cache is hit on every message.
const districtDefs = new Map<string, { signature: string; defs: DistrictAlertCategory[] }>();

/**
 * Runs the detector on an inbound message with the district's configuration: built-in categories the district
 * disabled are dropped, its own keyword categories (media inquiry, legal…) are added with their severity.
 */
export async function detectForDistrict(ctx: Ctx, text: string, lang?: "en" | "es"): Promise<Alert[]> {
  const cats = await ctx.db
    .select({ key: alertCategories.key, builtIn: alertCategories.builtIn, enabled: alertCategories.enabled, phrases: alertCategories.phrases, severity: alertCategories.severity })
    .from(alertCategories)
    .where(eq(alertCategories.districtId, ctx.districtId));
  const own = cats.filter((c) => !c.builtIn && c.enabled && c.phrases.length > 0);
  const signature = JSON.stringify(own);
  let cached = districtDefs.get(ctx.districtId);
  if (!cached || cached.signature !== signature) {
    cached = { signature, defs: own.map((c) => ({ category: c.key, phrases: c.phrases, severity: c.severity as "critical" | "high" })) };
    districtDefs.set(ctx.districtId, cached);
  }
  const disabled = new Set(cats.filter((c) => c.builtIn && !c.enabled).map((c) => c.key));
  const { alerts } = detectAlerts(text, { ...(lang ? { lang } : {}), districtCategories: cached.defs });
  return alerts.filter((a) => !disabled.has(a.category));
}
