import { and, eq } from "drizzle-orm";
import { conversations, type ConversationRow } from "../../db/schema/index.js";
import { getDistrict } from "../districts/index.js";
import type { Ctx } from "../shared/ctx.js";
import { businessMinutesUnpaused, calendarOf, pausesOf } from "../sla/index.js";

/**
 * Stamps the business minutes to the first response and to the resolution (pauses excluded, docs/METRICS.md) the
 * moment they become known, so the reports take their medians in SQL. A reopen clears the resolution's (see
 * saveConversation); a conversation answered before these columns existed gets its figure at its next save.
 */
export async function stampServiceTimes(ctx: Ctx, row: ConversationRow): Promise<ConversationRow> {
  const needFirst = row.firstResponseAt !== null && row.firstResponseBusinessMinutes === null;
  const needResolution = row.status === "resolved" && row.resolvedAt !== null && row.resolutionBusinessMinutes === null;
  if (!needFirst && !needResolution) return row;
  const cal = calendarOf(await getDistrict(ctx));
  const byId = and(eq(conversations.districtId, ctx.districtId), eq(conversations.id, row.id))!;
  const pauses = (await pausesOf(ctx, byId)).get(row.id) ?? [];
  const minutes = (end: Date) => Math.round(businessMinutesUnpaused(cal, row.createdAt, end, pauses));
  const [saved] = await ctx.db
    .update(conversations)
    .set({
      ...(needFirst ? { firstResponseBusinessMinutes: minutes(row.firstResponseAt!) } : {}),
      ...(needResolution ? { resolutionBusinessMinutes: minutes(row.resolvedAt!) } : {}),
    })
    .where(byId)
    .returning();
  return saved!;
}
