import { sql } from "drizzle-orm";
import type { Db, Tx } from "./client.js";

/** The role tenant transactions take (migration 0008): row-level security admits only the district they set. */
export const TENANT_ROLE = "frontoffice_tenant";

/**
 * Runs `fn` in a transaction that row-level security confines to one district: it takes the tenant role and sets
 * `app.district_id` for the transaction only (both undone at commit or rollback). A query that strays to another
 * district's rows, through a bug, finds nothing and can change nothing.
 */
export function inDistrict<T>(db: Db, districtId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.district_id', ${districtId}, true), set_config('role', ${TENANT_ROLE}, true)`);
    return fn(tx);
  });
}
