import type { RoutingRule } from "../../../common/contract/routing.js";
import { alertCategoryConfig, type AlertCategoryConfig } from "../alerts/index.js";
import { listDepartments, listSchools, listTopics, type DistrictRow, type SchoolRow, type TopicRow } from "../districts/index.js";
import { listRules } from "../routing/index.js";
import { listSlaPolicies, type SlaPolicyRow } from "../sla/index.js";
import type { Ctx } from "../shared/ctx.js";

/**
 * What every submission of a district reads on its way in besides its own rows: topics (with their forms), schools,
 * department names, alert categories, routing rules and service standards. Shared, never to be mutated.
 */
export type IntakeConfig = {
  version: number;
  /** every topic, inactive and private ones included (the form route keeps to active ones) */
  topics: readonly TopicRow[];
  schools: readonly SchoolRow[];
  schoolIds: ReadonlySet<string>;
  departmentNames: Readonly<Record<string, string>>;
  alertCategories: readonly AlertCategoryConfig[];
  rules: RoutingRule[];
  slaPolicies: SlaPolicyRow[];
};

const cache = new Map<string, IntakeConfig>();

async function load(ctx: Ctx, version: number): Promise<IntakeConfig> {
  // one after another: ctx.db is the submission's transaction, one connection (a cache miss only)
  const topics = await listTopics(ctx, { includePrivate: true, includeInactive: true });
  const schools = await listSchools(ctx);
  const departments = await listDepartments(ctx);
  const alertCategories = await alertCategoryConfig(ctx);
  const rules = await listRules(ctx);
  const slaPolicies = await listSlaPolicies(ctx);
  return {
    version,
    topics,
    schools,
    schoolIds: new Set(schools.map((s) => s.id)),
    departmentNames: Object.fromEntries(departments.map((d) => [d.id, d.name])),
    alertCategories,
    rules,
    slaPolicies,
  };
}

/**
 * The district's intake configuration, kept in the process while `district.configVersion` (read with the district,
 * and bumped by triggers on every change to these tables, migration 0009, in whatever process makes it) says it is
 * current. Loaded after the version was read, so what is kept is never older than its version; versions come from a
 * sequence, so one a rolled-back change took is never reused.
 */
export async function intakeConfig(ctx: Ctx, district: Pick<DistrictRow, "id" | "configVersion">): Promise<IntakeConfig> {
  const hit = cache.get(district.id);
  if (hit && hit.version === district.configVersion) return hit;
  const config = await load(ctx, district.configVersion);
  // a slower request that read an older version must not replace a newer configuration
  const now = cache.get(district.id);
  if (!now || now.version < config.version) cache.set(district.id, config);
  return config;
}

/** An active topic of the configuration by its slug (the form's `topic`). */
export function activeTopicBySlug(config: IntakeConfig, slug: string): TopicRow | undefined {
  return config.topics.find((t) => t.active && t.slug === slug);
}

export function topicById(config: IntakeConfig, id: string | null): TopicRow | undefined {
  return id ? config.topics.find((t) => t.id === id) : undefined;
}
