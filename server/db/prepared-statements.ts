import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import pg from "pg";

/**
 * Named (prepared) statements for the intake path on PostgreSQL.
 *
 * A submission is a dozen short statements under row-level security; planning them (the policies' quals, a
 * conversation's 19 indexes) cost PostgreSQL more than running them. A statement sent with a name is parsed once per
 * connection and, after five runs, PostgreSQL keeps its plan if a generic plan is no costlier than the custom ones:
 * on the ingest benchmark that is 20–30 % more submissions a second at concurrency 16 (docs/BENCHMARKS.md).
 *
 * Only statements issued inside `withPreparedStatements` are named: intake's are point lookups and inserts by key,
 * whose plans do not depend on their parameters. Reports and searches stay planned for each run, because a generic
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

/** A pg client that names the statements issued inside `withPreparedStatements` (pass as the Pool's `Client`). */
export class PreparingClient extends pg.Client {
  // pg's query() has a dozen overloads; the override only adds a name to a parameterized statement's config
  override query(config: unknown, values?: unknown, callback?: unknown): never {
    if (
      preparing.getStore() &&
      typeof config === "object" &&
      config !== null &&
      typeof (config as pg.QueryConfig).text === "string" &&
      !(config as pg.QueryConfig).name &&
      Array.isArray(values) &&
      values.length > 0
    ) {
      const name = nameOf((config as pg.QueryConfig).text);
      if (name) config = { ...config, name };
    }
    return (super.query as (...args: unknown[]) => never)(config, values, callback);
  }
}

/** For tests: how many statement texts have a name. */
export function preparedStatementCount(): number {
  return names.size;
}
