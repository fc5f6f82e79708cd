import type { Db, Tx } from "../../db/client.js";
import { districts, type DistrictRow, type WeeklyHours } from "../../db/schema/index.js";
import { randomToken } from "../../lib/crypto.js";

export type NewDistrict = {
  slug: string;
  name: string;
  referencePrefix: string;
  timeZone?: string;
  replyDomain: string;
  fromEmail: string;
  responseDays?: number;
  weeklyHours?: WeeklyHours;
  websiteUrl?: string;
  safetyPhone?: string;
};

/** Creates a tenant with its own signing key for private links. */
export async function createDistrict(db: Db | Tx, input: NewDistrict): Promise<DistrictRow> {
  const [row] = await db
    .insert(districts)
    .values({ ...input, signingKey: randomToken(32) })
    .returning();
  return row!;
}
