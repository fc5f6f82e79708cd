import { is, Param, Placeholder, SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Tx } from "./client.js";

/**
 * Statements of the intake path that drizzle builds once, not on every execution.
 *
 * Building a statement's SQL text is drizzle's heaviest work: every chunk of the query (each column, each value) is
 * tested against a chain of entity classes. On the ingest benchmark drizzle took 37 % of the serving thread's CPU, most
 * of it building the inserts and selects of a submission, every time the same text with other values.
 *
 * A reusable statement is written as a drizzle query whose varying values are `sql.placeholder(name)`s. It is built
 * the first time an input of its shape (its `shape` key: e.g. which columns an insert gives) is executed, on either
 * engine, and kept; each execution then fills the placeholders (every value through its column's encoder, as drizzle
 * does; null stays NULL) and runs it on the handle it is given — a transaction's connection or a pool — with drizzle's
 * own execution and row mapping.
 *
 * What is kept is drizzle's prepared query; it is executed on another handle by giving it that handle's client (the
 * `client` of drizzle's session: the pg client or pool, or the PGlite instance or transaction). That is drizzle's
 * internal layout (0.45); reusable.test.ts proves it on both engines, in and out of transactions, so an upgrade that
 * changes it fails there first.
 */
export type ReusableSpec<I> = {
  /** The text's identity: inputs with one shape share one built statement (few shapes: each is kept for good). */
  shape: (input: I) => string;
  /**
   * The query, with `sql.placeholder(name)` for every value; given the input only to see its shape. A query builder
   * (its rows mapped as drizzle maps them), or an `sql` statement (the driver's raw result, as `db.execute` gives).
   */
  build: (db: Tx, input: I) => unknown;
  /** The placeholders' values for this input. */
  values: (input: I) => Record<string, unknown>;
};

type RawSession = { prepareQuery(query: unknown, fields: undefined, name: undefined, arrayMode: boolean): Built };
type Built = { params: unknown[]; client: unknown; execute(values?: Record<string, unknown>): Promise<unknown> };
/** A parameter of a built statement: a placeholder (with its column's encoder, if drizzle gave it one) or a number. */
type Slot = { name: string; encoder: { mapToDriverValue(v: unknown): unknown } | null } | { value: number };
type Statement = { query: Built; slots: Slot[] };

/** Shapes are few and fixed by the code; the bound stops a shape key that varies with the data from growing. */
const MAX_SHAPES = 64;

export function reusable<I, R>(spec: ReusableSpec<I>): (db: Tx, input: I) => Promise<R> {
  // per engine: the two prepared-query classes differ
  const built = new Map<unknown, Map<string, Statement>>();
  return async (db, input) => {
    const session = (db as unknown as { session: { client: unknown; constructor: unknown } }).session;
    let shapes = built.get(session.constructor);
    if (!shapes) built.set(session.constructor, (shapes = new Map()));
    const key = spec.shape(input);
    let statement = shapes.get(key);
    if (!statement) {
      statement = prepare(db, spec.build(db, input));
      if (shapes.size < MAX_SHAPES) shapes.set(key, statement);
    }
    const run = Object.create(statement.query) as Built;
    run.client = session.client;
    run.params = fill(statement.slots, spec.values(input));
    return (await run.execute()) as R;
  };
}

/**
 * drizzle's prepared query of a builder (unnamed: db/prepared-statements.ts names statements), and what each of its
 * parameters is, decided once here rather than on every execution.
 */
function prepare(db: Tx, query: unknown): Statement {
  let built: Built;
  if (is(query, SQL)) {
    // as db.execute prepares a statement, without running it
    const { session, dialect } = db as unknown as { session: RawSession; dialect: { sqlToQuery(s: SQL): unknown } };
    built = session.prepareQuery(dialect.sqlToQuery(query as SQL), undefined, undefined, false);
  } else {
    const prepareFn = (query as { _prepare?: (name?: string) => Built })._prepare;
    if (typeof prepareFn !== "function") throw new Error("reusable: build must return a drizzle query builder or an sql statement");
    built = prepareFn.call(query);
  }
  const slots = built.params.map((p): Slot => {
    const param = is(p, Param) ? (p as Param) : undefined;
    const placeholder = param ? param.value : p;
    if (is(placeholder, Placeholder)) return { name: (placeholder as Placeholder).name, encoder: param ? param.encoder : null };
    // a value built into the text would be the first input's for every later one: only placeholders (and numbers:
    // drizzle's own limits) may be parameters
    if (typeof p !== "number") throw new Error(`reusable: a parameter is not a placeholder (${typeof p})`);
    return { value: p };
  });
  return { query: built, slots };
}

/** The parameters with the placeholders' values: through the column's encoder, as drizzle fills them; null stays NULL. */
function fill(slots: readonly Slot[], values: Record<string, unknown>): unknown[] {
  return slots.map((slot) => {
    if ("value" in slot) return slot.value;
    if (!Object.hasOwn(values, slot.name)) throw new Error(`reusable: no value for placeholder "${slot.name}"`);
    const v = values[slot.name];
    if (v === null || v === undefined) return null;
    return slot.encoder ? slot.encoder.mapToDriverValue(v) : v;
  });
}

/** A row's placeholders (`prefix` + key), for the keys it gives a value (undefined: the column's default). */
export function placeholdersFor<T extends Record<string, unknown>>(row: T, prefix = ""): { [K in keyof T]: ReturnType<typeof sql.placeholder> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) out[k] = sql.placeholder(prefix + k);
  return out as { [K in keyof T]: ReturnType<typeof sql.placeholder> };
}

/** A row's values under its placeholders' names (`prefix` + key). */
export function prefixed(row: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) if (v !== undefined) out[prefix + k] = v;
  return out;
}

/** The shape of a row: the keys it gives a value. */
export function keysOf(row: Record<string, unknown>): string {
  let s = "";
  for (const [k, v] of Object.entries(row)) if (v !== undefined) s += `${k},`;
  return s;
}

/** `INSERT INTO table (…) VALUES (…) RETURNING *` of one row, built once per set of columns given. */
export function reusableInsert<T extends PgTable>(table: T): (db: Tx, row: T["$inferInsert"]) => Promise<T["$inferSelect"][]> {
  return reusable<T["$inferInsert"], T["$inferSelect"][]>({
    shape: (row) => keysOf(row),
    build: (db, row) => db.insert(table).values(placeholdersFor(row) as T["$inferInsert"]).returning(),
    values: (row) => row,
  });
}
