import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Request counters shared by every app process (issue 6): one row per scope (a district slug, or `*` for
 * limits across districts), bucket (`public-ip`, `form`, `login-account`…), hashed key (never the IP or
 * email itself) and fixed window; `hits` is bumped by one atomic upsert. Not tenant data: a scope may
 * name a district that does not exist (an attacker's guess), so there is no foreign key.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    scope: text("scope").notNull(),
    bucket: text("bucket").notNull(),
    keyHash: text("key_hash").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    hits: integer("hits").notNull().default(0),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.bucket, t.keyHash, t.windowStart] }), index("rate_limits_expires_idx").on(t.expiresAt)],
);

/**
 * Failed sign-ins per (district slug, email) as a hash, whether or not the account exists, so a lockout
 * answers the same for every email. `locked_until` grows exponentially with consecutive failures.
 */
export const loginFailures = pgTable(
  "login_failures",
  {
    keyHash: text("key_hash").primaryKey(),
    failures: integer("failures").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastFailureAt: timestamp("last_failure_at", { withTimezone: true }).notNull(),
  },
  (t) => [check("login_failures_failures_ck", sql`${t.failures} >= 0`), index("login_failures_last_idx").on(t.lastFailureAt)],
);
