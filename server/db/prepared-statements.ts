import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import pg from "pg";

/**
 * Named (prepared) statements for the intake path on PostgreSQL, and for the two jobs each submission leaves.
 *
 * A submission is a dozen short statements under row-level security; planning them (the policies' quals, a
 * conversation's 17 indexes) cost PostgreSQL more than running them. A statement sent with a name is parsed once per
 * connection and, after five runs, PostgreSQL keeps its plan if a generic plan is no costlier than the custom ones:
 * on the ingest benchmark that is 20–30 % more submissions a second at concurrency 16 (docs/BENCHMARKS.md).
 *
 * Only statements issued inside `withPreparedStatements` are named: intake's and its jobs' are point lookups and
 * writes by key, whose plans do not depend on their parameters (a list of ids that grows with the data goes as one
 * array, `= any(…)`, so that its length does not make a new text and use up the names). Reports and searches stay planned for each run, because a generic
 * plan for a date range is chosen on a guessed selectivity (a year planned like a day).
 */
const preparing = new AsyncLocalStorage<true>();

/**
 * Runs `fn` with the statements it issues on PostgreSQL prepared by name (see above); no effect on PGlite. `fn` may
 * return a drizzle query itself: it runs when awaited, and it is awaited here, inside.
 */
export function withPreparedStatements<T>(fn: () => PromiseLike<T>): Promise<T> {
  return preparing.run(true, async () => await fn());
}

/** Names per statement text; bounded, so an unforeseen stream of distinct texts cannot grow it (or the server's). */
const MAX_NAMES = 500;
const names = new Map<string, string>();

function nameOf(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMES) {
    // the name is a digest of the text: the same name always means the same statement (pg refuses otherwise)
    name = `fo_${createHash("sha1").update(text).digest("base64url")}`;
    names.set(text, name);
  }
  return name;
}

/** Marks a config whose naming is decided: the pool decides in the caller's scope, its client must not again. */
const DECIDED = Symbol("prepared-statements.decided");

/**
 * The config, named when it is issued inside `withPreparedStatements` and is a parameterized statement, and marked
 * decided either way.
 */
function decide(config: unknown, values: unknown): unknown {
  if (typeof config !== "object" || config === null || DECIDED in config) return config;
  const c = config as pg.QueryConfig;
  const wanted = preparing.getStore() && Array.isArray(values) && values.length > 0 && typeof c.text === "string" && !c.name;
  const name = wanted ? nameOf(c.text) : undefined;
  return { ...c, ...(name ? { name } : {}), [DECIDED]: true };
}

/**
 * A pg client that names the statements issued inside `withPreparedStatements` (pass as the Pool's `Client`):
 * a transaction's statements, issued on its client by the caller.
 */
export class PreparingClient extends pg.Client {
  // pg's query() has a dozen overloads; the override only adds a name to a parameterized statement's config
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    return (super.query as (...args: unknown[]) => never)(decide(config, values), values, callback);
  }
}

/**
 * A pool that names them too: its `query` decides while still in the caller's scope, because a statement that
 * waits for a free connection is handed one in the scope of whoever released it (which may be the other kind).
 */
export class PreparingPool extends pg.Pool {
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    return (super.query as (...args: unknown[]) => never)(decide(config, values), values, callback);
  }
}

/** For tests: how many statement texts have a name. */
export function preparedStatementCount(): number {
  return names.size;
}
