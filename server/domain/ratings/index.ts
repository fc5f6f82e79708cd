import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { Language } from "../../../common/enums.js";
import { conversations, ratings, type ConversationRow, type RatingRow } from "../../db/schema/index.js";
import { emit } from "../../events/emit.js";
import { randomToken, sha256 } from "../../lib/crypto.js";
import { AppError, notFound } from "../../lib/errors.js";
import { findReplyEmail } from "../contacts/index.js";
import { getDistrict } from "../districts/index.js";
import { queueEmail, renderEmail } from "../mail/index.js";
import type { Ctx } from "../shared/ctx.js";

export type { RatingRow };
const RATING_LINK_DAYS = 30;

/**
 * Sends the family a one-time link to rate the answer (1–10 on accuracy, timeliness, courtesy).
 * Only when someone actually answered and the family left an email; anonymous tips are never surveyed.
 */
export async function requestRating(ctx: Ctx, conv: ConversationRow): Promise<RatingRow | null> {
  if (conv.isAnonymous || !conv.firstResponseAt) return null;
  const to = await findReplyEmail(ctx, conv.contactId);
  if (!to) return null;
  const token = randomToken();
  const now = ctx.now();
  const [rating] = await ctx.db
    .insert(ratings)
    .values({
      districtId: ctx.districtId,
      conversationId: conv.id,
      tokenHash: sha256(token),
      requestedAt: now,
      expiresAt: new Date(now.getTime() + RATING_LINK_DAYS * 86_400_000),
    })
    .returning();
  const district = await getDistrict(ctx);
  const rendered = renderEmail(conv.language as Language, {
    kind: "rating_request",
    districtName: district.name,
    reference: conv.reference,
    rateUrl: `${ctx.app.publicUrl}/d/${district.slug}/rate/${token}`,
  });
  await queueEmail(ctx, {
    purpose: "rating_request",
    to,
    from: `${district.name} <${district.fromEmail}>`,
    ...rendered,
    conversationId: conv.id,
    domain: district.replyDomain,
  });
  await emit(ctx, "rating.requested", { ratingId: rating!.id }, conv.id);
  return rating!;
}

export type RatingLink = { rating: RatingRow; conversation: Pick<ConversationRow, "id" | "reference" | "subject" | "language"> };

/** Resolves a rating link of ctx's district; an unknown or foreign token is not found. */
export async function findRatingByToken(ctx: Ctx, token: string): Promise<RatingLink | undefined> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined;
  const [row] = await ctx.db
    .select({ rating: ratings, conversation: { id: conversations.id, reference: conversations.reference, subject: conversations.subject, language: conversations.language } })
    .from(ratings)
    .innerJoin(conversations, and(eq(conversations.districtId, ratings.districtId), eq(conversations.id, ratings.conversationId)))
    .where(and(eq(ratings.districtId, ctx.districtId), eq(ratings.tokenHash, sha256(token))));
  return row;
}

export type RatingInput = { accuracy: number; timeliness: number; courtesy: number; comment?: string | undefined };

/** Records the family's rating once; the link then stops working. */
export async function submitRating(ctx: Ctx, token: string, input: RatingInput): Promise<RatingRow> {
  const link = await findRatingByToken(ctx, token);
  if (!link) throw notFound("Rating link");
  if (link.rating.submittedAt) throw new AppError("conflict", "This answer has already been rated. Thank you!");
  if (link.rating.expiresAt.getTime() < ctx.now().getTime()) throw new AppError("conflict", "This rating link has expired");
  const [saved] = await ctx.db
    .update(ratings)
    .set({ ...input, comment: input.comment?.trim() || null, submittedAt: ctx.now() })
    .where(and(eq(ratings.districtId, ctx.districtId), eq(ratings.id, link.rating.id)))
    .returning();
  await emit(
    { ...ctx, actor: { kind: "contact", contactId: null } },
    "rating.submitted",
    { ratingId: saved!.id, accuracy: input.accuracy, timeliness: input.timeliness, courtesy: input.courtesy },
    link.conversation.id,
  );
  return saved!;
}

/** Submitted ratings of one conversation, newest first. */
export async function listRatings(ctx: Ctx, conversationId: string): Promise<RatingRow[]> {
  return ctx.db
    .select()
    .from(ratings)
    .where(and(eq(ratings.districtId, ctx.districtId), eq(ratings.conversationId, conversationId), isNotNull(ratings.submittedAt)))
    .orderBy(desc(ratings.submittedAt));
}
