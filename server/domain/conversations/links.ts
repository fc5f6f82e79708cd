import type { DistrictRow } from "../../db/schema/index.js";
import { signConversationToken } from "../../lib/signed-links.js";
import type { Ctx } from "../shared/ctx.js";

type Conv = { id: string; accessVersion: number };

/** The family's private link to read and answer their conversation without an account. */
export function statusUrl(ctx: Ctx, district: DistrictRow, c: Conv): string {
  return `${ctx.app.publicUrl}/d/${district.slug}/c/${signConversationToken(district.signingKey, "status", c.id, c.accessVersion)}`;
}

/** A signed plus-address that threads an emailed answer back into this conversation. */
export function replyAddress(district: DistrictRow, c: Conv): string {
  const [local = "letstalk"] = district.fromEmail.split("@");
  return `${local}+${signConversationToken(district.signingKey, "reply", c.id, c.accessVersion)}@${district.replyDomain}`;
}
