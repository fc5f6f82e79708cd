import { and, eq, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { channels, inboundDeliveries, type ChannelRow, type InboundDeliveryRow } from "../../db/schema/index.js";
import { randomToken, sha256 } from "../../lib/crypto.js";
import { AppError } from "../../lib/errors.js";
import type { Ctx } from "../shared/ctx.js";

export type { ChannelRow, InboundDeliveryRow };

/** The base of a plus-address: `letstalk+abc@x.org` → `letstalk@x.org`, lower-cased. */
export function baseAddress(address: string): string {
  const a = address.trim().toLowerCase().replace(/^<|>$/g, "");
  const at = a.lastIndexOf("@");
  if (at < 1) return a;
  return `${a.slice(0, at).split("+")[0]}${a.slice(at)}`;
}

/** Tenant resolution for inbound mail: the recipient address names the channel, and so the district. */
export async function findChannelByAddress(db: Db | Tx, type: ChannelRow["type"], address: string): Promise<ChannelRow | undefined> {
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.type, type), eq(channels.address, baseAddress(address)), eq(channels.active, true)));
  return row;
}

/** The channel an inbound-mail provider authenticates as, by the secret it presents. */
export async function findChannelByWebhookSecret(db: Db | Tx, secret: string): Promise<ChannelRow | undefined> {
  if (secret.length < 20 || secret.length > 200) return undefined;
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.webhookSecretHash, sha256(secret)), eq(channels.active, true)));
  return row;
}

export async function listChannels(db: Db | Tx, type: ChannelRow["type"]): Promise<ChannelRow[]> {
  return db.select().from(channels).where(and(eq(channels.type, type), eq(channels.active, true)));
}

export type NewChannel = { type: ChannelRow["type"]; address: string; name: string; config?: Record<string, unknown>; withWebhookSecret?: boolean };

/**
 * Adds a channel; returns the webhook secret once (only its hash is stored). An address names one district: the
 * unique index carries district_id (a table distributed by district cannot hold a global unique index), so the
 * refusal of another district's address is this check, serialised per address. Run it as the connecting role,
 * not in a tenant transaction, which cannot see the other districts' channels.
 */
export async function createChannel(ctx: Pick<Ctx, "db" | "districtId">, input: NewChannel): Promise<{ channel: ChannelRow; webhookSecret: string | null }> {
  const secret = input.withWebhookSecret ? `whsec_${randomToken()}` : null;
  const address = input.type === "email" ? baseAddress(input.address) : input.address;
  await ctx.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`channel:${input.type}:${address}`}))`);
  const [taken] = await ctx.db
    .select({ id: channels.id })
    .from(channels)
    .where(and(eq(channels.type, input.type), eq(channels.address, address), ne(channels.districtId, ctx.districtId)));
  if (taken) throw new AppError("conflict", "This address belongs to another district's channel.");
  const [channel] = await ctx.db
    .insert(channels)
    .values({
      districtId: ctx.districtId,
      type: input.type,
      address,
      name: input.name,
      config: input.config ?? {},
      webhookSecretHash: secret ? sha256(secret) : null,
    })
    .returning();
  return { channel: channel!, webhookSecret: secret };
}

export async function saveChannelCursor(db: Db | Tx, channel: ChannelRow, cursor: Record<string, unknown>): Promise<void> {
  await db.update(channels).set({ cursor }).where(and(eq(channels.districtId, channel.districtId), eq(channels.id, channel.id)));
}

export type StoredDelivery = { delivery: InboundDeliveryRow; duplicate: false } | { delivery: null; duplicate: true };

/**
 * Stores a raw inbound delivery exactly once per (channel, provider id). The caller acknowledges the
 * sender only after this (and the job it enqueues) committed: a retry of the same message is a no-op.
 */
export async function storeInboundDelivery(
  ctx: Ctx,
  channel: ChannelRow,
  input: { providerMessageId: string; source: string; raw: Buffer },
): Promise<StoredDelivery> {
  const [delivery] = await ctx.db
    .insert(inboundDeliveries)
    .values({
      districtId: channel.districtId,
      channelId: channel.id,
      providerMessageId: input.providerMessageId.slice(0, 500),
      source: input.source,
      raw: input.raw,
      size: input.raw.length,
      receivedAt: ctx.now(),
    })
    .onConflictDoNothing()
    .returning();
  if (!delivery) return { delivery: null, duplicate: true };
  await ctx.enqueue(ctx.db, "ingest-inbound-email", { districtId: channel.districtId, deliveryId: delivery.id });
  return { delivery, duplicate: false };
}

export async function findDelivery(ctx: Ctx, id: string): Promise<InboundDeliveryRow | undefined> {
  const [row] = await ctx.db
    .select()
    .from(inboundDeliveries)
    .where(and(eq(inboundDeliveries.districtId, ctx.districtId), eq(inboundDeliveries.id, id)));
  return row;
}

/**
 * Locks a stored delivery inside the transaction that files it; false when it is no longer pending (another run of
 * its at-least-once job filed it meanwhile), so one email never becomes two messages.
 */
export async function lockPendingDelivery(ctx: Ctx, id: string): Promise<boolean> {
  const [row] = await ctx.db
    .select({ status: inboundDeliveries.status })
    .from(inboundDeliveries)
    .where(and(eq(inboundDeliveries.districtId, ctx.districtId), eq(inboundDeliveries.id, id)))
    .for("update");
  return row?.status === "pending";
}

export async function finishDelivery(ctx: Ctx, id: string, result: { status: "processed" | "failed"; outcome?: Record<string, unknown>; error?: string }): Promise<void> {
  await ctx.db
    .update(inboundDeliveries)
    .set({ status: result.status, outcome: result.outcome ?? null, error: result.error ?? null, processedAt: ctx.now() })
    .where(and(eq(inboundDeliveries.districtId, ctx.districtId), eq(inboundDeliveries.id, id)));
}
