import { and, eq, inArray, sql } from "drizzle-orm";
import type { Language } from "../../../common/enums.js";
import { normalizeEmail, normalizePhone } from "../../../common/utils/contact-address.js";
import { contactIdentities, contacts, type ContactRow } from "../../db/schema/index.js";
import type { Ctx } from "../shared/ctx.js";

export type { ContactRow };
export type ContactInput = { name?: string | null; email?: string | null; phone?: string | null; language?: Language };
export type Identity = { kind: "email" | "phone"; value: string; bouncing: boolean };

/**
 * Finds the contact who owns this email or phone in the district, or creates one.
 * Email wins over phone when they point at different people; missing identities are added.
 */
export async function findOrCreateContact(ctx: Ctx, input: ContactInput): Promise<ContactRow> {
  const email = normalizeEmail(input.email);
  const phone = normalizePhone(input.phone);
  const wanted = [
    ...(email ? [{ kind: "email" as const, value: email }] : []),
    ...(phone ? [{ kind: "phone" as const, value: phone }] : []),
  ];
  // each identity with its contact, in one round trip
  const found = wanted.length
    ? await ctx.db
        .select({ i: contactIdentities, c: contacts })
        .from(contactIdentities)
        .leftJoin(contacts, and(eq(contacts.districtId, contactIdentities.districtId), eq(contacts.id, contactIdentities.contactId)))
        .where(and(eq(contactIdentities.districtId, ctx.districtId), inArray(contactIdentities.value, wanted.map((w) => w.value))))
    : [];
  const match = wanted.map((w) => found.find((f) => f.i.kind === w.kind && f.i.value === w.value)).find(Boolean);
  const missing = wanted.filter((w) => !found.some((f) => f.i.kind === w.kind && f.i.value === w.value));
  let contact: ContactRow;
  if (match) {
    if (!match.c) throw new Error(`identity ${match.i.id} points at a missing contact`);
    contact = match.c;
    const name = input.name?.trim();
    const language = input.language ?? contact.preferredLanguage;
    if ((name && name !== contact.name) || language !== contact.preferredLanguage) {
      [contact] = (await ctx.db
        .update(contacts)
        .set({ name: name || contact.name, preferredLanguage: language })
        .where(and(eq(contacts.districtId, ctx.districtId), eq(contacts.id, contact.id)))
        .returning()) as [ContactRow];
    }
  } else {
    return createContact(ctx, { name: input.name?.trim() || null, language: input.language ?? "en" }, missing);
  }
  if (missing.length > 0) {
    await ctx.db
      .insert(contactIdentities)
      .values(missing.map((m) => ({ districtId: ctx.districtId, contactId: contact.id, kind: m.kind, value: m.value })))
      .onConflictDoNothing();
  }
  return contact;
}

/** A new contact and its identities in one statement (a first-time family is most of the front door's traffic). */
async function createContact(ctx: Ctx, c: { name: string | null; language: string }, identities: { kind: "email" | "phone"; value: string }[]): Promise<ContactRow> {
  const ids = identities.map((w) => sql`(${w.kind}, ${w.value})`);
  const withIdentities = ids.length
    ? sql`, i as (insert into ${contactIdentities} (district_id, contact_id, kind, value) select c.district_id, c.id, w.kind, w.value from c, (values ${sql.join(ids, sql`, `)}) as w(kind, value) on conflict do nothing)`
    : sql``;
  const res = await ctx.db.execute(
    sql`with c as (insert into ${contacts} (district_id, name, preferred_language, created_at) values (${ctx.districtId}, ${c.name}, ${c.language}, ${ctx.now().toISOString()}::timestamptz) returning id, district_id, name, preferred_language, created_at)${withIdentities} select * from c`,
  );
  const row = (res as unknown as { rows: { id: string; district_id: string; name: string | null; preferred_language: string; created_at: Date | string }[] }).rows[0]!;
  return { id: row.id, districtId: row.district_id, name: row.name, preferredLanguage: row.preferred_language, createdAt: new Date(row.created_at) };
}

export async function listIdentities(ctx: Ctx, contactId: string): Promise<Identity[]> {
  const rows = await ctx.db
    .select()
    .from(contactIdentities)
    .where(and(eq(contactIdentities.districtId, ctx.districtId), eq(contactIdentities.contactId, contactId)));
  return rows.map((r) => ({ kind: r.kind as Identity["kind"], value: r.value, bouncing: r.bouncing }));
}

/** The address a reply to this contact goes to: their first non-bouncing email, if any. */
export async function findReplyEmail(ctx: Ctx, contactId: string | null): Promise<string | null> {
  if (!contactId) return null;
  const ids = await listIdentities(ctx, contactId);
  return ids.find((i) => i.kind === "email" && !i.bouncing)?.value ?? null;
}

export async function findContact(ctx: Ctx, contactId: string): Promise<ContactRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(contacts)
    .where(and(eq(contacts.districtId, ctx.districtId), eq(contacts.id, contactId)));
  return row;
}

/** Flags (or clears) email addresses that bounce, so staff see it and replies are not sent into the void. */
export async function markEmailBouncing(ctx: Ctx, addresses: string[], bouncing = true): Promise<number> {
  const values = addresses.map((a) => normalizeEmail(a)).filter((a): a is string => Boolean(a));
  if (values.length === 0) return 0;
  const rows = await ctx.db
    .update(contactIdentities)
    .set({ bouncing })
    .where(and(eq(contactIdentities.districtId, ctx.districtId), eq(contactIdentities.kind, "email"), inArray(contactIdentities.value, values)))
    .returning({ id: contactIdentities.id });
  return rows.length;
}
