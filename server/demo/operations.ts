import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "../db/client.js";
import { alertCategories, conversations, departments, districts, slaPolicies, staff, type DepartmentRow, type TopicRow } from "../db/schema/index.js";
import { createAlertCategory, ensureBuiltInCategories, setResponders } from "../domain/alerts/index.js";
import { createRule, trainDistrictModel } from "../domain/routing/index.js";
import type { Ctx } from "../domain/shared/ctx.js";
import { slaColumnsFor } from "../domain/sla/index.js";
import { createLogger } from "../lib/logger.js";
import type { DepartmentSlug } from "./organization.js";

/** A command context for the seed: the system acting inside the seed's transaction, at the demo's "now". */
function seedCtx(tx: Tx, districtId: string, now: Date): Ctx {
  return {
    db: tx,
    districtId,
    actor: { kind: "system", reason: "demo-seed" },
    now: () => now,
    log: createLogger("silent"),
    enqueue: async () => undefined,
    app: { publicUrl: "http://localhost" },
  };
}

const BUSINESS_HOUR = 60;

/**
 * What makes the demo district's routing, service standards and alerts worth exploring: a school calendar with
 * holidays, standards for critical and high-priority work, responders for each alert category and a media-inquiry
 * category, department owners and policies, a few rules, a person out of office with a delegate, clocks on the open
 * conversations, and learned routing trained on the year of history.
 */
export async function seedOperations(
  tx: Tx,
  input: { districtId: string; now: Date; departments: Record<DepartmentSlug, DepartmentRow>; topics: TopicRow[]; staffByEmail: Map<string, string> },
): Promise<void> {
  const { districtId, now } = input;
  const ctx = seedCtx(tx, districtId, now);
  const who = (email: string) => input.staffByEmail.get(email)!;
  const dept = input.departments;
  const year = now.getUTCFullYear();
  await tx
    .update(districts)
    .set({
      ownerStaffId: who("naomi.fischer@riverside.example"),
      holidays: [
        { start: `${year}-11-26`, end: `${year}-11-27`, name: "Thanksgiving break" },
        { start: `${year}-12-21`, end: `${year + 1}-01-01`, name: "Winter break" },
        { start: `${year + 1}-01-19`, end: `${year + 1}-01-19`, name: "Martin Luther King Jr. Day" },
        { start: `${year + 1}-03-30`, end: `${year + 1}-04-03`, name: "Spring break" },
      ],
    })
    .where(eq(districts.id, districtId));
  const owners: [DepartmentSlug, string, "round_robin" | "least_load" | "queue"][] = [
    ["transportation", "marcus.bell@riverside.example", "round_robin"],
    ["nutrition", "lorena.vasquez@riverside.example", "least_load"],
    ["enrollment", "lorena.vasquez@riverside.example", "round_robin"],
    ["special-education", "angela.price@riverside.example", "least_load"],
    ["human-resources", "deborah.kim@riverside.example", "queue"],
    ["technology", "raj.iyer@riverside.example", "round_robin"],
    ["communications", "naomi.fischer@riverside.example", "queue"],
    ["superintendent", "naomi.fischer@riverside.example", "queue"],
    ["safety", "victor.alvarez@riverside.example", "round_robin"],
    ["athletics", "victor.alvarez@riverside.example", "round_robin"],
  ];
  for (const [slug, email, policy] of owners) {
    await tx.update(departments).set({ ownerStaffId: who(email), assignmentPolicy: policy }).where(and(eq(departments.districtId, districtId), eq(departments.id, dept[slug].id)));
  }
  // Luis is on leave this week; Tanya covers for him.
  await tx
    .update(staff)
    .set({ outOfOfficeFrom: new Date(now.getTime() - 2 * 86_400_000), outOfOfficeUntil: new Date(now.getTime() + 5 * 86_400_000), delegateStaffId: who("tanya.brooks@riverside.example") })
    .where(and(eq(staff.districtId, districtId), eq(staff.id, who("luis.herrera@riverside.example"))));
  await tx.update(staff).set({ capacity: 25 }).where(and(eq(staff.districtId, districtId), inArray(staff.id, [who("tanya.brooks@riverside.example"), who("mei.chen@riverside.example")])));
  await tx.update(staff).set({ notifyEmail: "daily" }).where(and(eq(staff.districtId, districtId), inArray(staff.id, [who("helen.carter@riverside.example"), who("naomi.fischer@riverside.example")])));

  await tx.insert(slaPolicies).values([
    {
      districtId,
      name: "Critical concerns",
      priority: "critical",
      firstResponseMinutes: 1 * BUSINESS_HOUR,
      nextResponseMinutes: 2 * BUSINESS_HOUR,
      resolutionMinutes: 9 * BUSINESS_HOUR,
      escalation: { notifySupervisors: true, raisePriority: false, reassignToStaffId: null },
    },
    {
      districtId,
      name: "High priority",
      priority: "high",
      firstResponseMinutes: 4 * BUSINESS_HOUR,
      nextResponseMinutes: 9 * BUSINESS_HOUR,
      resolutionMinutes: 3 * 9 * BUSINESS_HOUR,
      escalation: { notifySupervisors: true, raisePriority: true, reassignToStaffId: null },
    },
  ]);

  await ensureBuiltInCategories(ctx);
  const cats = await tx.select().from(alertCategories).where(eq(alertCategories.districtId, districtId));
  const responders: Record<string, string[]> = {
    self_harm: ["victor.alvarez@riverside.example", "angela.price@riverside.example"],
    violence: ["victor.alvarez@riverside.example", "gary.olsen@riverside.example"],
    weapons: ["victor.alvarez@riverside.example", "gary.olsen@riverside.example"],
    abuse: ["angela.price@riverside.example", "victor.alvarez@riverside.example"],
    harassment: ["victor.alvarez@riverside.example"],
  };
  for (const c of cats) await setResponders(ctx, c.id, (responders[c.key] ?? []).map(who));
  await createAlertCategory(ctx, {
    key: "media",
    name: { en: "Media inquiry", es: "Consulta de prensa" },
    phrases: ["reporter", "news story", "newspaper", "tv station", "periodista", "reportero"],
    severity: "high",
    enabled: true,
    responderIds: [who("naomi.fischer@riverside.example"), who("carmen.ortiz@riverside.example")],
  });
  await createAlertCategory(ctx, {
    key: "legal",
    name: { en: "Legal", es: "Legal" },
    phrases: ["lawyer", "attorney", "lawsuit", "sue the district", "abogado", "demanda"],
    severity: "high",
    enabled: true,
    responderIds: [who("naomi.fischer@riverside.example")],
  });

  const topic = (slug: string) => input.topics.find((t) => t.slug === slug)!.id;
  const rules = [
    {
      name: "Bus safety words go to the supervisor",
      conditions: [
        { type: "department" as const, departmentIds: [dept.transportation.id] },
        { type: "keywords" as const, phrases: ["accident", "crash", "injured", "left behind", "wrong stop", "accidente", "herido"], match: "any" as const },
      ],
      actions: [
        { type: "setPriority" as const, priority: "high" as const },
        { type: "assignPerson" as const, staffId: who("marcus.bell@riverside.example") },
        { type: "addTags" as const, tags: ["bus-safety"] },
      ],
    },
    {
      name: "Spanish transportation messages to a Spanish speaker",
      conditions: [
        { type: "department" as const, departmentIds: [dept.transportation.id] },
        { type: "language" as const, languages: ["es" as const] },
      ],
      actions: [{ type: "assignPerson" as const, staffId: who("luis.herrera@riverside.example") }],
    },
    {
      name: "Safety tips after hours are urgent",
      conditions: [
        { type: "topic" as const, topicIds: [topic("safety-tip")] },
        { type: "afterHours" as const, value: true },
      ],
      actions: [
        { type: "setPriority" as const, priority: "high" as const },
        { type: "addWatchers" as const, staffIds: [who("victor.alvarez@riverside.example")] },
      ],
    },
    {
      name: "Special education complaints watched by the director",
      conditions: [
        { type: "department" as const, departmentIds: [dept["special-education"].id] },
        { type: "kind" as const, kinds: ["concern" as const] },
      ],
      actions: [{ type: "addWatchers" as const, staffIds: [who("angela.price@riverside.example")] }, { type: "assignByPolicy" as const }],
    },
  ];
  for (const r of rules) await createRule(ctx, { ...r, enabled: true, stopProcessing: false });

  // Clocks on the conversations still open, as if the standards had always applied.
  const open = await tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.districtId, districtId), inArray(conversations.status, ["new", "open", "pending"])));
  for (const c of open) {
    let cols = await slaColumnsFor(ctx, c, { kind: "opened" });
    if (c.firstResponseAt) cols = await slaColumnsFor({ ...ctx, now: () => c.firstResponseAt! }, { ...c, ...cols }, { kind: "staff_reply" });
    if (c.status === "pending") cols = await slaColumnsFor({ ...ctx, now: () => c.lastMessageAt }, { ...c, ...cols }, { kind: "status", from: "open", to: "pending" });
    await tx.update(conversations).set(cols).where(and(eq(conversations.districtId, districtId), eq(conversations.id, c.id)));
  }

  await trainDistrictModel(ctx);
}
