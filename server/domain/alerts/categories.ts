import { and, asc, eq, inArray } from "drizzle-orm";
import type { LocalizedText } from "../../../common/contract/forms.js";
import { alertCategories, alertResponders, staff, type AlertCategoryRow } from "../../db/schema/index.js";
import { AppError, notFound } from "../../lib/errors.js";
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

/** What the detector needs of a district's alert categories (intake keeps it with the district's configuration). */
export type AlertCategoryConfig = Pick<AlertCategoryRow, "key" | "builtIn" | "enabled" | "phrases" | "severity">;

export async function alertCategoryConfig(ctx: Ctx): Promise<AlertCategoryConfig[]> {
  return ctx.db
    .select({ key: alertCategories.key, builtIn: alertCategories.builtIn, enabled: alertCategories.enabled, phrases: alertCategories.phrases, severity: alertCategories.severity })
    .from(alertCategories)
    .where(eq(alertCategories.districtId, ctx.districtId));
}

/**
 * Runs the detector on an inbound message with the district's configuration: built-in categories the district
 * disabled are dropped, its own keyword categories (media inquiry, legal…) are added with their severity. `cats`, when
 * the caller has them (intake-config), saves reading them.
 */
export async function detectForDistrict(ctx: Ctx, text: string, lang?: "en" | "es", cats?: readonly AlertCategoryConfig[]): Promise<Alert[]> {
  const rows = cats ?? (await alertCategoryConfig(ctx));
  const own = rows.filter((c) => !c.builtIn && c.enabled && c.phrases.length > 0);
  const signature = JSON.stringify(own);
  let cached = districtDefs.get(ctx.districtId);
  if (!cached || cached.signature !== signature) {
    cached = { signature, defs: own.map((c) => ({ category: c.key, phrases: c.phrases, severity: c.severity as "critical" | "high" })) };
    districtDefs.set(ctx.districtId, cached);
  }
  const disabled = new Set(rows.filter((c) => c.builtIn && !c.enabled).map((c) => c.key));
  const { alerts } = detectAlerts(text, { ...(lang ? { lang } : {}), districtCategories: cached.defs });
  return alerts.filter((a) => !disabled.has(a.category));
}

export type AlertCategoryInput = {
  key: string;
  name: LocalizedText;
  phrases: string[];
  severity: "critical" | "high";
  enabled: boolean;
  responderIds: string[];
};

async function checkResponders(ctx: Ctx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await ctx.db.select({ id: staff.id }).from(staff).where(and(eq(staff.districtId, ctx.districtId), inArray(staff.id, [...ids]), eq(staff.active, true)));
  if (found.length !== new Set(ids).size) {
    throw new AppError("validation_failed", "Every responder must be an active staff member of this district", { invalidParams: [{ name: "responderIds", reason: "not_found" }] });
  }
}

/** A district's own category (media inquiry, legal…): its phrases raise it, its responders hear about it. */
export async function createAlertCategory(ctx: Ctx, input: AlertCategoryInput): Promise<AlertCategoryWithResponders> {
  await ensureBuiltInCategories(ctx);
  await checkResponders(ctx, input.responderIds);
  const [existing] = await ctx.db.select({ id: alertCategories.id }).from(alertCategories).where(and(eq(alertCategories.districtId, ctx.districtId), eq(alertCategories.key, input.key)));
  if (existing) throw new AppError("conflict", `A category with the key ${input.key} exists`);
  const [row] = await ctx.db
    .insert(alertCategories)
    .values({ districtId: ctx.districtId, key: input.key, name: input.name, builtIn: false, phrases: input.phrases, severity: input.severity, enabled: input.enabled, createdAt: ctx.now() })
    .returning();
  await setResponders(ctx, row!.id, input.responderIds);
  return { ...row!, responderIds: [...new Set(input.responderIds)] };
}

/** Edits a category; the built-in ones keep their detector (no phrases of their own) but can be disabled and staffed. */
export async function updateAlertCategory(ctx: Ctx, id: string, input: Partial<Omit<AlertCategoryInput, "key">>): Promise<AlertCategoryWithResponders> {
  const [row] = await ctx.db.select().from(alertCategories).where(and(eq(alertCategories.districtId, ctx.districtId), eq(alertCategories.id, id)));
  if (!row) throw notFound("Alert category");
  if (row.builtIn && input.phrases && input.phrases.length) {
    throw new AppError("validation_failed", "Built-in categories use the detector's own lexicons; create a district category for extra phrases", {
      invalidParams: [{ name: "phrases", reason: "built_in" }],
    });
  }
  if (!row.builtIn && input.phrases && input.phrases.length === 0) {
    throw new AppError("validation_failed", "Give at least one phrase", { invalidParams: [{ name: "phrases", reason: "empty" }] });
  }
  if (input.responderIds) await checkResponders(ctx, input.responderIds);
  const patch = {
    ...(input.name ? { name: input.name } : {}),
    ...(input.phrases && !row.builtIn ? { phrases: input.phrases } : {}),
    ...(input.severity ? { severity: input.severity } : {}),
    ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
  };
  // only the responders may change (an UPDATE with nothing to set is not valid SQL)
  if (Object.keys(patch).length > 0) await ctx.db.update(alertCategories).set(patch).where(eq(alertCategories.id, id));
  if (input.responderIds) await setResponders(ctx, id, input.responderIds);
  const all = await listAlertCategories(ctx);
  return all.find((c) => c.id === id)!;
}
