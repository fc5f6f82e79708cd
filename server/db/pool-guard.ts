import { AsyncLocalStorage } from "node:async_hooks";
import type pg from "pg";
import type { Db } from "./client.js";

/**
 * Nested pool acquisition, caught in tests (PostgreSQL). Code that holds a pool connection for a transaction and
 * asks the same pool for another one (the outer `db` instead of the `tx` it was given, a nested `inDistrict` on the
 * outer handle, a `tenantDb` read inside a transaction) works while the pool has connections to spare and deadlocks
 * under load: every connection held by a caller waiting for a second one. The guard throws on the second request
 * instead, whatever the load.
 *
 * A transaction started on a guarded handle (`guardTransactions`) runs in an async scope of its own; the first
 * `connect()` on the pool inside it is the transaction's checkout, marked held until that connection is released
 * (not until the callback's promise settles: work queued from the callback that runs after the release inherits
 * the scope and is not flagged). A `connect()` or `query()` on the pool from a scope whose transaction holds one
 * of its connections throws `NestedPoolAcquisitionError`. Concurrent statements on the transaction's own client
 * (a `Promise.all` of `tx` queries), other pools (pg-boss's, the side pool) and dedicated clients (LISTEN) never
 * reach the guarded pool's `connect()`. Only for tests (`openDatabase({ poolGuard: true })`): it captures a stack
 * per transaction.
 *
 * One false alarm is possible: work a transaction starts without awaiting it (a `setImmediate`, a promise left
 * floating) that takes a pool connection BEFORE the transaction's connection is released is refused, though it
 * cannot deadlock (nothing waits for it). The suite has no such case; such work belongs after the commit.
 */
export class NestedPoolAcquisitionError extends Error {
  override name = "NestedPoolAcquisitionError";
}

/** One transaction's checkout of a pool connection. */
type Checkout = {
  pool: pg.Pool;
  state: "pending" | "acquiring" | "held" | "released";
  /** The scope the transaction was started in (itself possibly a transaction's). */
  parent: Checkout | undefined;
  /** Where the transaction was started. */
  stack: string;
};

const scope = new AsyncLocalStorage<Checkout>();
/** Guarded pools, each with the nested acquisitions refused so far (caught or not by the code that met them). */
const guarded = new WeakMap<pg.Pool, NestedPoolAcquisitionError[]>();

/**
 * The nested acquisitions refused on `pool` so far: a job or a fire-and-forget path may swallow the error, so the
 * test databases check this list when they close (test/test-db.ts).
 */
export function nestedAcquisitions(pool: pg.Pool): readonly NestedPoolAcquisitionError[] {
  return guarded.get(pool) ?? [];
}

/** The checkout holding one of `pool`'s connections in the current async scope, if any. */
function holding(pool: pg.Pool): Checkout | undefined {
  for (let c = scope.getStore(); c; c = c.parent) if (c.pool === pool && c.state === "held") return c;
  return undefined;
}

function refuseNested(pool: pg.Pool, call: "connect" | "query"): void {
  const held = holding(pool);
  if (!held) return;
  const err = new NestedPoolAcquisitionError(
    `nested pool acquisition: pool.${call}() while this async context holds a connection of the same pool for a ` +
      `transaction (use the transaction handle it was given, not the outer db; under load this deadlocks the pool).\n` +
      `The transaction holding the connection was started at:\n${held.stack}`,
  );
  guarded.get(pool)?.push(err);
  throw err;
}

type Callback = (...args: unknown[]) => void;

/** Makes `pool` refuse a second checkout from a scope that holds one of its connections. Idempotent. */
export function guardPool(pool: pg.Pool): void {
  if (guarded.has(pool)) return;
  guarded.set(pool, []);
  const connect = pool.connect.bind(pool) as (cb?: Callback) => Promise<pg.PoolClient> | undefined;
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const guardedConnect = (cb?: Callback): Promise<pg.PoolClient> | undefined => {
    refuseNested(pool, "connect");
    const checkout = scope.getStore();
    // pg-pool's own query() connects with a callback; a transaction's checkout is the first promise-form connect
    if (cb || !checkout || checkout.pool !== pool || checkout.state !== "pending") return connect(cb);
    checkout.state = "acquiring";
    return connect()!.then(
      (client) => {
        checkout.state = "held";
        const release = client.release;
        client.release = (err?: Error | boolean) => {
          checkout.state = "released";
          return release.call(client, err);
        };
        return client;
      },
      (err: unknown) => {
        checkout.state = "released";
        throw err;
      },
    );
  };
  const guardedQuery = (...args: unknown[]): unknown => {
    refuseNested(pool, "query");
    return query(...args);
  };
  Object.assign(pool, { connect: guardedConnect, query: guardedQuery });
}

/**
 * Runs every transaction started on `db` (a drizzle handle over the guarded `pool`) in a scope of its own, so the
 * guard knows which async context holds its connection. Returns `db`; unchanged when `pool` is not guarded.
 */
export function guardTransactions(db: Db, pool: pg.Pool): Db {
  if (!guarded.has(pool)) return db;
  const transaction = db.transaction.bind(db);
  const started: Db["transaction"] = (fn, config) =>
    scope.run({ pool, state: "pending", parent: scope.getStore(), stack: callerStack() }, () => transaction(fn, config));
  return Object.assign(db, { transaction: started });
}

/** The stack of whoever called the caller (without the `Error` line and the guard's own frame). */
function callerStack(): string {
  return (new Error().stack ?? "").split("\n").slice(3).join("\n");
}
