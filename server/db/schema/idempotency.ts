import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { districts } from "./districts.js";

/**
 * One row per idempotency key a client sent to the public front door (the `Idempotency-Key` header of the
 * JSON API, the hidden per-render token of the HTML form): stored in the same transaction as the
 * conversation it created, with the response to replay. `fingerprint` is a SHA-256 of the request, so a
 * reused key with a different body is told apart. Rows older than 24 hours are deleted by
 * `expire-idempotency-keys`. The primary key (district_id, key) is what stops concurrent duplicates.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    districtId: uuid("district_id").notNull().references(() => districts.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    /** Set in the same transaction as the row itself: a committed row always has its response. */
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.districtId, t.key] }),
    index("idempotency_keys_created_idx").on(t.createdAt),
    check("idempotency_keys_key_ck", sql`char_length(${t.key}) between 1 and 300`),
  ],
);

export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
