import type { PGlite, QueryOptions } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgTransactionConfig } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type pg from "pg";
import type { Database, Db, Tx } from "./client.js";
import { guardTransactions } from "./pool-guard.js";
import * as schema from "./schema/index.js";

/** The role tenant transactions take (migration 0008): row-level security admits only the district they set. */
export const TENANT_ROLE = "frontoffice_tenant";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Runs `fn` in a transaction that row-level security confines to one district: it takes the tenant role and sets
 * `app.district_id` for the transaction only (both undone at commit or rollback). A query that strays to another
 * district's rows, through a bug, finds nothing and can change nothing.
 */
export function inDistrict<T>(db: Db, districtId: string, fn: (tx: Tx) => Promise<T>, config?: PgTransactionConfig): Promise<T> {
  const pool = poolOf(db);
  if (pool && UUID.test(districtId)) return pgTenantTxDb(pool, districtId).transaction(fn, config);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('app.district_id', ${districtId}, true), set_config('role', ${TENANT_ROLE}, true)`);
    return fn(tx);
  }, config);
}

/** The pg pool under a drizzle handle on PostgreSQL (drizzle keeps its client as `$client`); null for PGlite or a transaction. */
function poolOf(db: Db): pg.Pool | null {
  const client = (db as { $client?: unknown }).$client;
  return client && typeof client === "object" && "totalCount" in client && "connect" in client ? (client as pg.Pool) : null;
}

function settingsFor(districtId: string): string {
  // The id is spliced into the SQL text (a simple-protocol batch: one round trip), so it must be exactly a uuid.
  if (!UUID.test(districtId)) throw new Error("tenant: the district id must be a uuid");
  return `select set_config('role', '${TENANT_ROLE}', true), set_config('app.district_id', '${districtId.toLowerCase()}', true)`;
}

/**
 * PostgreSQL: a drizzle handle whose transactions are tenant transactions with `begin` and the tenant settings sent
 * as ONE simple-protocol round trip (each round trip costs both processes a socket write and a wake-up; a
 * submission's transaction has a dozen). One per pool and district, built once.
 */
function pgTenantTxDb(pool: pg.Pool, districtId: string): Db {
  let handles = pgTxHandles.get(pool);
  if (!handles) pgTxHandles.set(pool, (handles = new Map()));
  let db = handles.get(districtId);
  if (!db) {
    db = drizzlePg({ client: new TenantTxPool(pool, settingsFor(districtId)) as unknown as pg.Pool, schema }) as unknown as Db;
    handles.set(districtId, (db = guardTransactions(db, pool))); // a no-op unless the pool is guarded (tests)
  }
  return db;
}

const pgTxHandles = new WeakMap<pg.Pool, Map<string, Db>>();

/**
 * What drizzle's transaction needs of a pool (its name must say Pool: drizzle checks): `connect()` lends a pool
 * connection whose first statement, drizzle's `begin`, carries the tenant settings after it.
 */
class TenantTxPool {
  constructor(
    private readonly pool: pg.Pool,
    private readonly settings: string,
  ) {}

  async connect(): Promise<Pick<pg.PoolClient, "query" | "release">> {
    const client = await this.pool.connect();
    const settings = this.settings;
    let begun = false;
    return {
      query: ((config: pg.QueryConfig, values?: unknown[]) => {
        if (!begun) {
          begun = true;
          if (!/^begin\b/i.test(config.text) || (values && values.length > 0)) throw new Error("tenant transaction: expected begin first");
          // no parameters: the simple protocol, which takes both statements in one message
          return client.query(`${config.text}; ${settings}`);
        }
        return client.query(config, values);
      }) as pg.PoolClient["query"],
      release: (err?: Error | boolean) => client.release(err),
    };
  }

  query(): never {
    throw new Error("tenant transaction handle: statements run inside transaction() only");
  }
}

/**
 * A database handle confined to one district, for work on its behalf outside an explicit transaction (a request's
 * reads, a job's lookups): every statement runs in a short transaction of its own that first takes the tenant role
 * and sets `app.district_id`, so parallel queries (the reports' Promise.all) still use separate pool connections.
 * `transaction()` on it is `inDistrict`. One handle per district and database, built once.
 */
export function tenantDb(database: Database, districtId: string): Db {
  let handles = tenantHandles.get(database);
  if (!handles) tenantHandles.set(database, (handles = new Map()));
  let db = handles.get(districtId);
  if (!db) handles.set(districtId, (db = buildTenantDb(database, districtId)));
  return db;
}

const tenantHandles = new WeakMap<Database, Map<string, Db>>();

function buildTenantDb(database: Database, districtId: string): Db {
  const settings = settingsFor(districtId);
  const db =
    database.kind === "postgres"
      ? (drizzlePg({ client: pgTenantClient(database.pool!, settings) as unknown as pg.Pool, schema }) as unknown as Db)
      : (drizzlePglite({ client: pgliteTenantClient(database.pglite!, settings) as unknown as PGlite, schema }) as unknown as Db);
  // An explicit transaction on the handle is a tenant transaction on the owner's handle.
  const transaction: Db["transaction"] = (fn, config) => inDistrict(database.db, districtId, fn as (tx: Tx) => Promise<never>, config);
  return Object.assign(db, { transaction });
}

/** PostgreSQL: `begin` and the settings in one simple-protocol round trip, the statement, `commit`; own connection. */
function pgTenantClient(pool: pg.Pool, settings: string) {
  return {
    async query(config: pg.QueryConfig, values?: unknown[]): Promise<pg.QueryResult> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query(`begin; ${settings}`);
        const result = await client.query(config, values);
        await client.query("commit");
        return result;
      } catch (err) {
        // a failed rollback means a broken connection: the pool discards it rather than reuse it mid-transaction
        await client.query("rollback").catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** PGlite (one connection): the same, inside PGlite's own transaction, which queues behind any other. */
function pgliteTenantClient(pglite: PGlite, settings: string) {
  return {
    query(text: string, params?: unknown[], options?: QueryOptions) {
      return pglite.transaction(async (tx) => {
        await tx.exec(settings);
        return tx.query(text, params, options);
      });
    },
  };
}
