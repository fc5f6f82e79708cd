import { and, eq, inArray, sql } from "drizzle-orm";
import type { Language } from "../../../common/enums.js";
import { normalizeEmail, normalizePhone } from "../../../common/utils/contact-address.js";
import { contactIdentities, contacts, type ContactRow } from "../../db/schema/index.js";
import type { Ctx } from "../shared/ctx.js";

export type { ContactRow };
export type ContactInput = { name?: string | null; email?: string | null; phone?: string | null; language?: Language };
export type Identity = { kind: "email" | "phone"; value: string; bouncing: boolean };

type ContactSql = { id: string; district_id: string; name: string | null; preferred_language: string; created_at: Date | string };

const contactOf = (r: ContactSql): ContactRow => ({
  id: r.id,
  districtId: r.district_id,
  name: r.name,
  preferredLanguage: r.preferred_language,
  createdAt: new Date(r.created_at),
});

/**
 * Finds the contact who owns this email or phone in the district, or creates one.
 * Email wins over phone when they point at different people; missing identities are added.
 *
 * One statement finds the identities with their contacts and, when none is known, creates the contact with its
 * identities (a first-time family is most of the front door's traffic). A known family whose name, language or a
 * new identity changed takes a second statement.
 */
export async function findOrCreateContact(ctx: Ctx, input: ContactInput): Promise<ContactRow> {
  const email = normalizeEmail(input.email);
  const phone = normalizePhone(input.phone);
  const wanted = [
    ...(email ? [{ kind: "email" as const, value: email }] : []),
    ...(phone ? [{ kind: "phone" as const, value: phone }] : []),
  ];
  const name = input.name?.trim() || null;
  const fresh = { name, language: input.language ?? "en" };
  const rows = await findOrCreate(ctx, wanted, fresh, "unless_found");
  const created = rows.find((r) => r.created);
  if (created) return contactOf(created);
  const match = wanted.map((x) => rows.find((f) => f.kind === x.kind && f.value === x.value)).find(Boolean);
  // a value known only under the other kind matches nobody: a new contact
  if (!match) return contactOf((await findOrCreate(ctx, wanted, fresh, "always")).find((r) => r.created)!);
  if (!match.id) throw new Error(`identity ${match.identity_id} points at a missing contact`);
  let contact = contactOf(match);
  const language = input.language ?? contact.preferredLanguage;
  if ((name && name !== contact.name) || language !== contact.preferredLanguage) {
    [contact] = (await ctx.db
      .update(contacts)
      .set({ name: name || contact.name, preferredLanguage: language })
      .where(and(eq(contacts.districtId, ctx.districtId), eq(contacts.id, contact.id)))
      .returning()) as [ContactRow];
  }
  const missing = wanted.filter((x) => !rows.some((f) => f.kind === x.kind && f.value === x.value));
  if (missing.length > 0) {
    await ctx.db
      .insert(contactIdentities)
      .values(missing.map((m) => ({ districtId: ctx.districtId, contactId: contact.id, kind: m.kind, value: m.value })))
      .onConflictDoNothing();
  }
  return contact;
}

type Found = ContactSql & { created: boolean; identity_id: string | null; kind: string | null; value: string | null };

/**
 * One statement: the identities among `wanted` already in the district, each with its contact, and a new contact
 * with all of `wanted` as its identities, created `always` or `unless_found` (when none of them is known).
 */
async function findOrCreate(
  ctx: Ctx,
  wanted: { kind: "email" | "phone"; value: string }[],
  fresh: { name: string | null; language: string },
  create: "always" | "unless_found",
): Promise<Found[]> {
  const values = wanted.length ? sql.join(wanted.map((x) => sql`(${x.kind}, ${x.value})`), sql`, `) : sql`(null, null)`;
  const res = await ctx.db.execute(sql`with w(kind, value) as (values ${values}),
    f as (
      select i.id as identity_id, i.kind, i.value, c.id, c.district_id, c.name, c.preferred_language, c.created_at
      from ${contactIdentities} i left join ${contacts} c on c.district_id = i.district_id and c.id = i.contact_id
      where i.district_id = ${ctx.districtId} and i.value in (select value from w)
    ),
    c as (
      insert into ${contacts} (district_id, name, preferred_language, created_at)
      select ${ctx.districtId}, ${fresh.name}, ${fresh.language}, ${ctx.now().toISOString()}::timestamptz
      where ${create === "always"} or not exists (select 1 from f)
      returning id, district_id, name, preferred_language, created_at
    ),
    i as (
      insert into ${contactIdentities} (district_id, contact_id, kind, value)
      select c.district_id, c.id, w.kind, w.value from c, w where w.value is not null on conflict do nothing
    )
    select false as created, identity_id, kind, value, id, district_id, name, preferred_language, created_at from f
    union all
    select true, null, null, null, id, district_id, name, preferred_language, created_at from c`);
  return (res as unknown as { rows: Found[] }).rows;
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
