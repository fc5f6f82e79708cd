import { randomBytes } from "node:crypto";
import type { FormDefinition } from "../../common/contract/forms.js";
import type { Role } from "../../common/enums.js";
import { categories, departments, schools, topics, type DepartmentRow, type DistrictRow, type SchoolRow, type TopicRow } from "../db/schema/index.js";
import { createInquiry, type InquiryCreated, type NewInquiry } from "../domain/conversations/index.js";
import { createChannel, type ChannelRow } from "../domain/channels/index.js";
import { createDistrict } from "../domain/districts/index.js";
import { actorForStaff, createApiToken, createStaff, type StaffActor, type StaffRow } from "../domain/staff/index.js";
import type { TestApp } from "./test-app.js";

export const BUS_FORM: FormDefinition = {
  fields: [
    { key: "school", type: "school", label: { en: "School", es: "Escuela" }, required: true },
    { key: "bus_number", type: "text", label: { en: "Bus number", es: "Número de autobús" }, required: true, maxLength: 10 },
    { key: "road", type: "text", label: { en: "Road or stop", es: "Calle o parada" }, required: false },
    { key: "date", type: "date", label: { en: "Date", es: "Fecha" }, required: false },
  ],
};

export type TestDistrict = {
  district: DistrictRow;
  departments: { transportation: DepartmentRow; nutrition: DepartmentRow };
  schools: SchoolRow[];
  topics: { general: TopicRow; bus: TopicRow; safety: TopicRow };
  /** The district's email channel (its `fromEmail`) and the secret its inbound-mail webhook presents. */
  emailChannel: ChannelRow;
  webhookSecret: string;
};

/**
 * A small district: two departments, two schools, a general question, a bus concern form and a private safety tip line.
 * Departments hand out work by `assignment` ("queue" unless asked: tests that are not about routing assign by hand).
 */
export async function buildDistrict(
  t: Pick<TestApp, "database">,
  overrides: { slug?: string; name?: string; prefix?: string; assignment?: "round_robin" | "least_load" | "queue" } = {},
): Promise<TestDistrict> {
  const slug = overrides.slug ?? `d-${randomBytes(4).toString("hex")}`;
  const db = t.database.db;
  const district = await createDistrict(db, {
    slug,
    name: overrides.name ?? "Test Unified School District",
    referencePrefix: overrides.prefix ?? "TUSD",
    replyDomain: `${slug}.mail.test`,
    fromEmail: `letstalk@${slug}.mail.test`,
  });
  const districtId = district.id;
  const [transportation, nutrition] = await db
    .insert(departments)
    .values([
      { districtId, name: "Transportation", slug: "transportation", assignmentPolicy: overrides.assignment ?? "queue" },
      { districtId, name: "Nutrition Services", slug: "nutrition", assignmentPolicy: overrides.assignment ?? "queue" },
    ])
    .returning();
  const schoolRows = await db
    .insert(schools)
    .values([
      { districtId, name: "Oak Elementary", code: "OAK" },
      { districtId, name: "River High School", code: "RHS", level: "high" },
    ])
    .returning();
  const [cat] = await db.insert(categories).values({ districtId, slug: "general", name: { en: "General", es: "General" } }).returning();
  const [general, bus, safety] = await db
    .insert(topics)
    .values([
      { districtId, categoryId: cat!.id, slug: "general-question", name: { en: "General question", es: "Pregunta general" }, position: 1 },
      {
        districtId,
        categoryId: cat!.id,
        departmentId: transportation!.id,
        slug: "bus-concern",
        name: { en: "Bus concern", es: "Problema con el autobús" },
        form: BUS_FORM,
        defaultKind: "concern",
        position: 2,
      },
      {
        districtId,
        slug: "safety-tip",
        name: { en: "Report a safety concern", es: "Reportar un problema de seguridad" },
        isPrivate: true,
        allowAnonymous: true,
        defaultKind: "concern",
        position: 3,
      },
    ])
    .returning();
  const { channel: emailChannel, webhookSecret } = await createChannel(
    { db, districtId },
    { type: "email", address: district.fromEmail, name: "Let's Talk mailbox", withWebhookSecret: true },
  );
  return {
    district,
    emailChannel,
    webhookSecret: webhookSecret!,
    departments: { transportation: transportation!, nutrition: nutrition! },
    schools: schoolRows,
    topics: { general: general!, bus: bus!, safety: safety! },
  };
}

export type TestStaff = { staff: StaffRow; actor: StaffActor; token: string; password: string };

export async function buildStaff(
  t: Pick<TestApp, "database">,
  districtId: string,
  opts: { role?: Role; departmentIds?: string[]; name?: string; email?: string } = {},
): Promise<TestStaff> {
  const password = "correct horse battery staple";
  const n = randomBytes(3).toString("hex");
  const row = await createStaff(
    { db: t.database.db, districtId },
    {
      email: opts.email ?? `staff-${n}@district.test`,
      name: opts.name ?? `Staff ${n}`,
      role: opts.role ?? "agent",
      password,
      departmentIds: opts.departmentIds ?? [],
    },
  );
  const actor = (await actorForStaff(t.database.db, districtId, row.id))!;
  const token = await createApiToken(t.database.db, districtId, row.id, "test");
  return { staff: row, actor, token, password };
}

/** A web-form inquiry on the bus topic unless told otherwise. */
export async function buildInquiry(t: TestApp, d: TestDistrict, over: Partial<NewInquiry> = {}): Promise<InquiryCreated> {
  return t.tx(d.district.id, { kind: "system", reason: "test" }, (ctx) =>
    createInquiry(ctx, {
      topic: d.topics.bus,
      fields: { school: d.schools[0]!.id, bus_number: "42" },
      message: "The bus was 20 minutes late again this morning.",
      name: "Ana García",
      email: "ana.garcia@example.com",
      language: "en",
      ...over,
    }),
  );
}

export const bearer = (s: TestStaff) => ({ authorization: `Bearer ${s.token}` });
