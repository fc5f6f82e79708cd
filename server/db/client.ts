import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { acquireDataDirLock, type DataDirLock } from "./data-dir-lock.js";
import { guardPool, guardTransactions } from "./pool-guard.js";
import { PreparingClient, PreparingPool } from "./prepared-statements.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>> | Db;

/** Runs one raw SQL text with positional parameters ($1…); used by pg-boss and the job runner. */
export type RawExecutor = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export type Database = {
  kind: "pglite" | "postgres";
  db: Db;
  raw: RawExecutor;
  /** The embedded instance (PGlite only); LISTEN/NOTIFY works in-process there. */
  pglite?: PGlite;
  pool?: pg.Pool;
  /**
   * PostgreSQL only: a handle on a small pool of its own for single autocommit statements a request waits for: the
   * district's reference counter (which a transaction waits for: never the main pool, which, with every connection
   * held by a transaction waiting on another that needs one more, would starve) and the rate-limit counters.
   *
   * Its connections commit asynchronously (`synchronous_commit=off`): they do not wait for their commit to reach the
   * disk, nor hold the counter's row lock while they wait. Nothing acknowledged depends on that flush. A number is
   * only ever stored in a conversation whose own commit is synchronous and comes later in the write-ahead log, and
   * flushing the log up to a commit flushes everything before it; a crash loses at most a few numbers no conversation
   * kept (a gap, as a rolled-back submission leaves) and a few rate-limit hits. Two flushes fewer per submission.
   */
  side?: Db;
  connectionString?: string;
  close(): Promise<void>;
};

export const MIGRATIONS_DIR = fileURLToPath(new URL("./migrations", import.meta.url));

export type OpenOptions = {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** In-memory PGlite started from a dumped data dir (fast test databases). */
  loadDataDir?: Blob | File;
  poolSize?: number;
  /**
   * PostgreSQL: name the intake path's statements (db/prepared-statements.ts); on by default. Off behind a pooler
   * that cannot keep a connection's prepared statements (PgBouncer in transaction mode before 1.21).
   */
  preparedStatements?: boolean;
  /** Skip the one-owner lock (only for a freshly created scratch directory). */
  skipLock?: boolean;
  /**
   * PostgreSQL, tests only: a transaction asking its own pool for a second connection throws instead of risking a
   * pool deadlock under load (db/pool-guard.ts). The test databases turn it on with `FRONTOFFICE_POOL_GUARD=1`.
   */
  poolGuard?: boolean;
};

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10, opts.preparedStatements ?? true, opts.poolGuard ?? false);
  return openPglite(opts);
}

async function openPostgres(connectionString: string, max: number, prepared: boolean, poolGuard: boolean): Promise<Database> {
  const [Pool, Client] = prepared ? [PreparingPool, PreparingClient] : [pg.Pool, pg.Client];
  // JIT compilation costs tens of milliseconds per report query and pays off only for analytics far larger than ours.
  // work_mem: a year's report groups about 200,000 conversations (distinct families, medians per group); at the
  // default 4 MB those sorts and hashes spill to disk (15 % slower on the benchmark history). 32 MB per sort or hash
  // node, on at most `max` connections, is within what any PostgreSQL server for a large district has.
  const pool = new Pool({ connectionString, max, options: "-c jit=off -c work_mem=32MB", Client });
  pool.on("error", () => undefined); // idle client errors surface on the next query
  if (poolGuard) guardPool(pool);
  const db = guardTransactions(drizzlePg(pool, { schema }) as unknown as Db, pool);
  // asynchronous commits: see `side` above
  const sidePool = new Pool({ connectionString, max: 2, options: "-c jit=off -c synchronous_commit=off", Client });
  sidePool.on("error", () => undefined);
  const side = drizzlePg(sidePool, { schema }) as unknown as Db;
  const raw: RawExecutor = async (text, values) => {
    const res = await pool.query(text, values as unknown[] | undefined);
    return { rows: Array.isArray(res) ? (res.at(-1)?.rows ?? []) : res.rows };
  };
  return {
    kind: "postgres",
    db,
    raw,
    pool,
    side,
    connectionString,
    close: async () => {
      await Promise.all([pool.end(), sidePool.end()]);
    },
  };
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  let lock: DataDirLock | undefined;
  let dataDir: string | undefined;
  if (opts.dataDir && !opts.loadDataDir) {
    dataDir = path.resolve(opts.dataDir, "pglite");
    fs.mkdirSync(dataDir, { recursive: true });
    if (!opts.skipLock) lock = acquireDataDirLock(path.resolve(opts.dataDir));
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      extensions: { unaccent, pg_trgm },
    });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const db = drizzlePglite(pglite, { schema }) as unknown as Db;
  const raw: RawExecutor = async (text, values) => {
    if (values && values.length > 0) return { rows: (await pglite.query<Record<string, unknown>>(text, values)).rows };
    const results = await pglite.exec(text);
    return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
  };
  return {
    kind: "pglite",
    db,
    raw,
    pglite,
    close: async () => {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/** Applies the generated SQL migrations; the same files run on PGlite and PostgreSQL. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === "pglite") {
    await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // One migrator at a time when several app servers boot together.
  const client = await database.pool!.connect();
  try {
    await client.query("SELECT pg_advisory_lock(727001)");
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query("SELECT pg_advisory_unlock(727001)").catch(() => undefined);
    client.release();
  }
}
