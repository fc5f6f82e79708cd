/**
 * Report rollups (docs/METRICS.md "Rollups"): per district, local day and dimension, the counts and the
 * histograms the headline figures are made of, so a year's figures read a few hundred rows instead of every
 * conversation. Exact, never approximate:
 *
 * - A trigger on conversations (migration 0009) appends the local days a change touches (the day it was created,
 *   the days it was and is resolved on) to `report_dirty_days`: an insert, never an update, so concurrent
 *   submissions never wait on one another.
 * - The `report-rollups` job takes a district's dirty days, recomputes their `report_days` rows from the
 *   conversations with `dayAggregate` (the one definition) and their months' `report_months` rows from the days,
 *   in one transaction.
 * - A query reads month rows for the whole months of its period that have no dirty day, day rows for the other
 *   clean days, and `dayAggregate` over the conversations for the dirty days: the same figures as reading every
 *   conversation, at any moment.
 *
 * Medians come from histograms: wall-clock durations in 180-second units and business minutes in 3-minute units,
 * the finest that still decide every figure to the tenth of an hour the API gives (a lower median of the units is
 * the unit of the lower median, and no rounding boundary falls inside a unit); "you asked, we answered" keeps
 * exact business minutes by resolution day.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client.js";
import { inDistrict } from "../../db/tenant.js";
import { round, type ReportScope } from "./shared.js";
import { addMonths, firstOfMonth } from "./time.js";

/** The scope filters a rollup row can stand for, one at a time, and their dimension names. */
const DIMS = { departmentId: "department", schoolId: "school", topicId: "topic", channel: "channel", kind: "kind", language: "language" } as const;
export type RollupDim = "all" | (typeof DIMS)[keyof typeof DIMS];
export type RollupKey = { dim: RollupDim; key: string };

/** A rating is high when its three dimensions average this or more ("you asked, we answered"). */
export const HIGH_MEAN = 8;
/** At most this many dirty days are aggregated from the conversations by a query; more, and it reads them all. */
export const MAX_DIRTY_DAYS = 62;
/** Dirty days one refresh transaction recomputes. */
const REFRESH_BATCH_DAYS = 31;

/** The rollup rows a scope reads: all (no filter) or one dimension's key; null when filters combine. */
export function rollupKey(scope: ReportScope): RollupKey | null {
  const set = (Object.keys(DIMS) as (keyof typeof DIMS)[]).filter((k) => scope[k]);
  if (set.length === 0) return { dim: "all", key: "" };
  if (set.length > 1) return null;
  return { dim: DIMS[set[0]!], key: String(scope[set[0]!]) };
}

export type Histogram = Map<number, number>;
export type RollupTotals = {
  conversations: number;
  compliments: number;
  anonymous: number;
  unanswered: number;
  /** First response given or its standard breached (the part of "decided" that does not depend on the snapshot). */
  decided: number;
  within: number;
  unstamped: number;
  /** Conversations resolved (now) whose resolution falls on the days. */
  resolved: number;
  resolvedUnstamped: number;
  /** Ratings submitted on the days (of conversations in the scope), their sums and non-null counts per dimension. */
  rated: number;
  accuracySum: number;
  accuracyN: number;
  timelinessSum: number;
  timelinessN: number;
  courtesySum: number;
  courtesyN: number;
  /** Sum of accuracy + timeliness + courtesy over ratings with all three. */
  ratingTotal: number;
  /** Rating links sent on the days. */
  requested: number;
  /** Ratings submitted on the days whose three dimensions average 8 or more. */
  ratedHigh: number;
  fr: Histogram;
  res: Histogram;
  frb: Histogram;
  resb: Histogram;
  resolvedMinutes: Histogram;
};

const COUNTS = [
  "conversations", "compliments", "anonymous", "unanswered", "decided", "within", "unstamped", "resolved", "resolved_unstamped",
  "rated", "accuracy_sum", "accuracy_n", "timeliness_sum", "timeliness_n", "courtesy_sum", "courtesy_n", "rating_total", "requested", "rated_high",
] as const;
const HISTS = ["fr", "res", "frb", "resb", "resolved_minutes"] as const;
export type HistogramColumn = (typeof HISTS)[number];
export type CountColumn = (typeof COUNTS)[number];
/** The columns dayAggregate yields, in order. */
const COLUMNS = sql.raw(["dim", "key", "day", ...COUNTS, ...HISTS].map((c) => `"${c}"`).join(", "));
const COUNT_COLUMNS = sql.raw(COUNTS.map((c) => `"${c}"`).join(", "));
const HIST_COLUMNS = sql.raw(HISTS.map((c) => `"${c}"`).join(", "));
const MONTH_SUMS = sql.raw(COUNTS.map((c) => `sum("${c}")::int as "${c}"`).join(", "));
const MONTH_HISTS = sql.raw(HISTS.map((c) => `(array_agg(h) filter (where name = '${c}'))[1] as "${c}"`).join(", "));

const dateArray = (days: readonly string[]): SQL => sql`${`{${days.join(",")}}`}::date[]`;
/** A text[] parameter (an array literal, each element quoted). */
const textArray = (xs: readonly string[]): SQL => sql`${`{${xs.map((x) => `"${x.replaceAll("\\", "\\\\").replaceAll('"', '\\"')}"`).join(",")}}`}::text[]`;

/**
 * The rollup rows of some local days, computed from the conversations (the one definition of every rollup
 * column), in the table's column order. `only` keeps one dimension's key.
 */
export function dayAggregate(districtId: string, timeZone: string, days: readonly string[], only?: RollupKey): SQL {
  // a day's bounds are computed once in `days`: a range on plain values is an index condition even under row-level
  // security, which keeps non-leakproof expressions (time zone conversion) away from the tables' indexes
  const on = (col: SQL) => sql`${col} >= d.lo and ${col} < d.hi`;
  const keep = only ? sql`where dim = ${only.dim} and key = ${only.key}` : sql``;
  const dims = sql`c.department_id, c.school_id, c.topic_id, c.channel, c.kind, c.language`;
  // each part yields: the day, the dimensions, then every rollup column's contribution (zeros and nulls where none)
  const none = (n: number) => sql.raw(Array(n).fill("0").join(", "));
  const nulls = (n: number) => sql.raw(Array(n).fill("null::int").join(", "));
  // Every part reads one day at a time through an index (a lateral subquery, kept apart from the planner's join
  // reordering by OFFSET 0), and a rating's conversation by its key: estimates for a day's range are poor, and a
  // plan that scans every conversation of the district would make each refresh as slow as a report without rollups.
  const conv = sql`(select ${dims} from conversations c where c.district_id = r.district_id and c.id = r.conversation_id offset 0) c`;
  return sql`
    with days(day, lo, hi) as (
      select x.day, x.day::timestamp at time zone ${timeZone}, (x.day + 1)::timestamp at time zone ${timeZone} from unnest(${dateArray(days)}) as x(day)
    ),
    touched (day, department_id, school_id, topic_id, channel, kind, language, n, comp, anon, unans, dec, win, unst, rn, runst,
      rated, acc, accn, tim, timn, cou, coun, tot, req, high, fr, res, frb, resb, rmin) as (
      select d.day, x.* from days d cross join lateral (
        select ${dims},
          1, (c.kind = 'compliment')::int, (c.contact_id is null)::int,
          (c.status <> 'resolved' and c.first_response_at is null)::int,
          (c.first_response_at is not null or 'first_response' = any(c.sla_breached))::int,
          (c.first_response_at is not null and not ('first_response' = any(c.sla_breached)))::int,
          ((c.first_response_at is not null and c.first_response_business_minutes is null)
            or (c.status = 'resolved' and c.resolved_at is not null and c.resolution_business_minutes is null))::int,
          0, 0, ${none(10)},
          floor(extract(epoch from (c.first_response_at - c.created_at)) / 180)::int,
          case when c.status = 'resolved' then floor(extract(epoch from (c.resolved_at - c.created_at)) / 180)::int end,
          floor(c.first_response_business_minutes / 3.0)::int,
          case when c.status = 'resolved' then floor(c.resolution_business_minutes / 3.0)::int end,
          null::int
        from conversations c where c.district_id = ${districtId} and ${on(sql`c.created_at`)} offset 0) x
      union all
      select d.day, x.* from days d cross join lateral (
        select ${dims}, ${none(7)}, 1, (c.resolution_business_minutes is null)::int, ${none(10)}, ${nulls(4)}, c.resolution_business_minutes
        from conversations c where c.district_id = ${districtId} and ${on(sql`c.resolved_at`)} and c.status = 'resolved' offset 0) x
      union all
      select d.day, x.* from days d cross join lateral (
        select ${dims}, ${none(9)},
          1, r.accuracy, (r.accuracy is not null)::int, r.timeliness, (r.timeliness is not null)::int, r.courtesy, (r.courtesy is not null)::int,
          r.accuracy + r.timeliness + r.courtesy, 0, (r.accuracy + r.timeliness + r.courtesy >= ${3 * HIGH_MEAN})::int, ${nulls(5)}
        from ratings r cross join lateral ${conv}
        where r.district_id = ${districtId} and ${on(sql`r.submitted_at`)} offset 0) x
      union all
      select d.day, x.* from days d cross join lateral (
        select ${dims}, ${none(17)}, 1, 0, ${nulls(5)}
        from ratings r cross join lateral ${conv}
        where r.district_id = ${districtId} and ${on(sql`r.requested_at`)} offset 0) x
    ),
    grouped as (
      select k.dim, k.key, t.day, sum(n)::int as n, sum(comp)::int as comp, sum(anon)::int as anon, sum(unans)::int as unans, sum(dec)::int as dec,
        sum(win)::int as win, sum(unst)::int as unst, sum(rn)::int as rn, sum(runst)::int as runst,
        sum(rated)::int as rated, coalesce(sum(acc), 0)::int as acc, sum(accn)::int as accn, coalesce(sum(tim), 0)::int as tim, sum(timn)::int as timn,
        coalesce(sum(cou), 0)::int as cou, sum(coun)::int as coun, coalesce(sum(tot), 0)::int as tot, sum(req)::int as req, coalesce(sum(high), 0)::int as high,
        array_agg(fr) as fr, array_agg(res) as res, array_agg(frb) as frb, array_agg(resb) as resb, array_agg(rmin) as rmin
      from touched t cross join lateral (values ('all', ''), ('department', t.department_id::text), ('school', t.school_id::text),
        ('topic', t.topic_id::text), ('channel', t.channel), ('kind', t.kind), ('language', t.language)) k(dim, key)
      where k.key is not null
      group by k.dim, k.key, t.day
    )
    select dim, key, day, n, comp, anon, unans, dec, win, unst, rn, runst, rated, acc, accn, tim, timn, cou, coun, tot, req, high,
      report_hist(fr), report_hist(res), report_hist(frb), report_hist(resb), report_hist(rmin)
    from grouped ${keep}`;
}

/**
 * Recomputes up to a batch of a district's dirty days and their months, in one tenant transaction holding the
 * district's rollup lock (two workers never interleave). A day marked again while this runs stays marked: the
 * marks are taken before the conversations are read. Returns the days recomputed.
 */
export async function refreshRollups(db: Db, districtId: string, timeZone: string): Promise<number> {
  return inDistrict(db, districtId, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`report-rollups:${districtId}`}, 0))`);
    await tx.execute(sql`set local work_mem = '64MB'`); // the day aggregation's grouping stays in memory
    const taken = await rows<{ day: string }>(
      tx,
      sql`with batch as (select distinct day from report_dirty_days where district_id = ${districtId} order by day desc limit ${REFRESH_BATCH_DAYS}),
        taken as (delete from report_dirty_days where district_id = ${districtId} and day in (select day from batch) returning day)
        select distinct to_char(day, 'YYYY-MM-DD') as day from taken order by 1`,
    );
    if (!taken.length) return 0;
    const days = taken.map((r) => r.day);
    const months = [...new Set(days.map(firstOfMonth))];
    const dimList = textArray(["all", ...Object.values(DIMS)]); // with it the (district_id, dim, day) index finds a day's rows
    await tx.execute(sql`delete from report_days where district_id = ${districtId} and dim = any(${dimList}) and day = any(${dateArray(days)})`);
    await tx.execute(sql`insert into report_days (district_id, ${COLUMNS}) select ${districtId}::uuid, a.* from (${dayAggregate(districtId, timeZone, days)}) a`);
    await tx.execute(sql`delete from report_months where district_id = ${districtId} and dim = any(${dimList}) and month = any(${dateArray(months)})`);
    // the months' days as ranges per dimension (the (district_id, dim, day) index), not a scan of the district's days
    const lo = months[0]!;
    const hi = addMonths(months.at(-1)!, 1);
    const inMonths = sql`r.district_id = ${districtId} and r.dim = any(${dimList}) and r.day >= ${lo}::date and r.day < ${hi}::date
      and date_trunc('month', r.day)::date = any(${dateArray(months)})`;
    // counts summed, histograms merged value by value (one pass over the days' histograms)
    await tx.execute(sql`
      with counts as (
        select r.dim, r.key, date_trunc('month', r.day)::date as month, ${MONTH_SUMS}
        from report_days r where ${inMonths} group by 1, 2, 3
      ),
      vals as (
        select r.dim, r.key, date_trunc('month', r.day)::date as month, h.name, e.key as v, sum(e.value::int) as n
        from report_days r
        cross join lateral (values ('fr', r.fr), ('res', r.res), ('frb', r.frb), ('resb', r.resb), ('resolved_minutes', r.resolved_minutes)) h(name, j)
        cross join lateral jsonb_each_text(h.j) e
        where ${inMonths}
        group by 1, 2, 3, 4, 5
      ),
      hists as (
        select dim, key, month, ${MONTH_HISTS}
        from (select dim, key, month, name, jsonb_object_agg(v, n) as h from vals group by 1, 2, 3, 4) x
        group by 1, 2, 3
      )
      insert into report_months (district_id, dim, key, month, ${COUNT_COLUMNS}, ${HIST_COLUMNS})
      select ${districtId}::uuid, c.dim, c.key, c.month, ${sql.raw(COUNTS.map((x) => `c."${x}"`).join(", "))},
        ${sql.raw(HISTS.map((x) => `coalesce(h."${x}", '{}'::jsonb)`).join(", "))}
      from counts c left join hists h on h.dim = c.dim and h.key = c.key and h.month = c.month`);
    return days.length;
  });
}

/**
 * Every district's dirty days, newest first (recent reports are served soonest), until none is left or `budgetMs`
 * has passed (the job runs again in a minute). The scan of which districts have work is the one cross-district
 * read. Returns the days recomputed.
 */
export async function processRollups(db: Db, budgetMs = 50_000): Promise<number> {
  const t0 = Date.now();
  let total = 0;
  for (;;) {
    const districts = await rows<{ id: string; time_zone: string }>(
      db,
      sql`select d.id, d.time_zone from districts d where exists (select 1 from report_dirty_days r where r.district_id = d.id)`,
    );
    if (!districts.length) return total;
    for (const d of districts) total += await refreshRollups(db, d.id, d.time_zone);
    if (Date.now() - t0 > budgetMs) return total;
  }
}

async function rows<T>(db: Tx, query: SQL): Promise<T[]> {
  const r = (await db.execute(query)) as unknown as { rows: T[] };
  return r.rows;
}

const COUNT_FIELDS = {
  conversations: "conversations", compliments: "compliments", anonymous: "anonymous", unanswered: "unanswered", decided: "decided", within: "within",
  unstamped: "unstamped", resolved: "resolved", resolved_unstamped: "resolvedUnstamped", rated: "rated", accuracy_sum: "accuracySum",
  accuracy_n: "accuracyN", timeliness_sum: "timelinessSum", timeliness_n: "timelinessN", courtesy_sum: "courtesySum", courtesy_n: "courtesyN",
  rating_total: "ratingTotal", requested: "requested", rated_high: "ratedHigh",
} as const satisfies Record<(typeof COUNTS)[number], keyof RollupTotals>;
const HIST_FIELDS = { fr: "fr", res: "res", frb: "frb", resb: "resb", resolved_minutes: "resolvedMinutes" } as const satisfies Record<(typeof HISTS)[number], keyof RollupTotals>;

function emptyTotals(): RollupTotals {
  const t = { fr: new Map(), res: new Map(), frb: new Map(), resb: new Map(), resolvedMinutes: new Map() } as Partial<RollupTotals>;
  for (const c of COUNTS) (t as Record<string, number>)[COUNT_FIELDS[c]] = 0;
  return t as RollupTotals;
}

type RawRow = { key: string } & Partial<Record<(typeof COUNTS)[number], number>> & Partial<Record<(typeof HISTS)[number], Record<string, number> | string>>;

function addRow(t: RollupTotals, r: RawRow): void {
  for (const c of COUNTS) t[COUNT_FIELDS[c]] += Number(r[c] ?? 0);
  for (const h of HISTS) {
    const v = r[h];
    if (!v) continue;
    const obj = typeof v === "string" ? (JSON.parse(v) as Record<string, number>) : v;
    const into = t[HIST_FIELDS[h]];
    for (const k in obj) {
      const x = Number(k);
      into.set(x, (into.get(x) ?? 0) + Number(obj[k]));
    }
  }
}

/** The lower median of a histogram (value → count), null when empty. */
export function histogramLowerMedian(h: Histogram): number | null {
  let total = 0;
  for (const n of h.values()) total += n;
  if (total === 0) return null;
  const rank = Math.ceil(total / 2);
  let seen = 0;
  for (const v of [...h.keys()].sort((a, b) => a - b)) {
    seen += h.get(v)!;
    if (seen >= rank) return v;
  }
  return null;
}

/** Seconds and minutes a histogram unit stands for: its middle decides the rounded figure exactly (see above). */
export const unitSeconds = (unit: number | null): number | null => (unit === null ? null : unit * 180 + 90);
export const unitMinutes = (unit: number | null): number | null => (unit === null ? null : unit * 3 + 1.5);

/**
 * The lower median of a histogram of 180-second units in hours to one decimal, as the API gives it: the middle of
 * the median's unit rounds to the same tenth of an hour as the median itself (hours to one decimal change only at
 * odd multiples of 180 s, and exact seconds / 3600 rounded in JavaScript lands on the same tenth at those multiples
 * too: rollup.test.ts checks every unit up to 10 years). Null for an empty histogram.
 */
export function medianHours(h: Histogram): number | null {
  const seconds = unitSeconds(histogramLowerMedian(h));
  return seconds === null ? null : round(seconds / 3600, 1);
}

/** What a rollup read selects: `keys` only those keys, `histograms` the histograms (none by default), `counts` the counts (all by default). */
type ReadOptions = { keys?: readonly string[]; histograms?: readonly HistogramColumn[]; counts?: readonly CountColumn[] };

/**
 * The rollup rows of local days `[from, to)` (`from` null: since the beginning) of a dimension, exact at this
 * moment: month rows for the whole months without a dirty day (unless `months` is false), day rows for the other
 * clean days and `dayAggregate` over the conversations for the dirty days. With `withDay`, each row carries the
 * local day it stands for (a month row: the month's first day). Null when more than MAX_DIRTY_DAYS of the days are
 * waiting for the job (the caller reads the conversations).
 */
async function readRollupRows(
  ctx: { db: Tx; districtId: string },
  timeZone: string,
  dim: RollupDim,
  from: string | null,
  to: string,
  opts: ReadOptions & { months: boolean; withDay: boolean },
): Promise<(RawRow & { day?: string })[] | null> {
  const d = ctx.districtId;
  const lower = from === null ? sql`true` : sql`day >= ${from}::date`;
  const dirty = (
    await rows<{ day: string }>(ctx.db, sql`select distinct to_char(day, 'YYYY-MM-DD') as day from report_dirty_days where district_id = ${d} and ${lower} and day < ${to}::date`)
  ).map((r) => r.day);
  if (dirty.length > MAX_DIRTY_DAYS) return null;
  // whole months inside the range, [firstMonth, endMonth), read from the month rows unless one of their days is dirty
  const firstMonth = from === null ? null : from.endsWith("-01") ? from : addMonths(firstOfMonth(from), 1);
  const endMonth = firstOfMonth(to);
  const dirtyMonths = [...new Set(dirty.map(firstOfMonth))];
  const wholeMonths = opts.months && (firstMonth === null || firstMonth < endMonth);
  const onlyKeys = opts.keys ? sql` and key = any(${textArray(opts.keys)})` : sql``;
  const key = sql`district_id = ${d} and dim = ${dim}${onlyKeys}`;
  const hists = opts.histograms ?? [];
  // `counts` narrows the columns read: conversations and resolved alone are in the (district_id, dim, day) index
  const cols = sql.raw(["key", ...(opts.counts ?? COUNTS), ...hists].map((c) => `"${c}"`).join(", "));
  const dayOf = (col: string) => (opts.withDay ? sql`, to_char(${sql.raw(col)}, 'YYYY-MM-DD') as "day"` : sql``);
  const monthQ = wholeMonths
    ? rows<RawRow>(
        ctx.db,
        sql`select ${cols}${dayOf("month")} from report_months where ${key} and ${firstMonth === null ? sql`true` : sql`month >= ${firstMonth}::date`}
          and month < ${endMonth}::date and month <> all(${dateArray(dirtyMonths)})`,
      )
    : Promise.resolve([]);
  // the other days of the range that are not dirty
  const outside = wholeMonths
    ? sql`(${firstMonth === null ? sql`false` : sql`day < ${firstMonth}::date`} or day >= ${endMonth}::date or date_trunc('month', day)::date = any(${dateArray(dirtyMonths)}))`
    : sql`true`;
  const dayQ = rows<RawRow>(ctx.db, sql`select ${cols}${dayOf("day")} from report_days where ${key} and ${lower} and day < ${to}::date and ${outside} and day <> all(${dateArray(dirty)})`);
  // the dirty days, from the conversations
  const rawQ = dirty.length
    ? rows<RawRow>(ctx.db, sql`select ${opts.withDay ? sql`${cols}${dayOf("day")}` : sql`*`} from (${dayAggregate(d, timeZone, dirty)}) a(${COLUMNS}) where dim = ${dim}${onlyKeys}`)
    : Promise.resolve([]);
  const [m, dd, raw] = await Promise.all([monthQ, dayQ, rawQ]);
  return [...m, ...dd, ...raw];
}

/**
 * The rollup totals of local days `[from, to)` (`from` null: since the beginning) per key of a dimension (`keys`:
 * only those), exact at this moment; null when more than MAX_DIRTY_DAYS of them are waiting for the job (the caller
 * reads the conversations). `histograms` names the histograms to read (none by default: the counts only).
 */
export async function rollupTotalsByKey(
  ctx: { db: Tx; districtId: string },
  timeZone: string,
  dim: RollupDim,
  from: string | null,
  to: string,
  opts: ReadOptions = {},
): Promise<Map<string, RollupTotals> | null> {
  const read = await readRollupRows(ctx, timeZone, dim, from, to, { ...opts, months: true, withDay: false });
  return read && totalsBy(read, (r) => r.key);
}

/** Rollup rows added up per group (`groupOf`: a row's key, day or bucket). */
function totalsBy<R extends RawRow>(read: readonly R[], groupOf: (r: R) => string): Map<string, RollupTotals> {
  const out = new Map<string, RollupTotals>();
  for (const r of read) {
    const g = groupOf(r);
    let t = out.get(g);
    if (!t) out.set(g, (t = emptyTotals()));
    addRow(t, r);
  }
  return out;
}

/**
 * The rollup totals of one key (`all` for no filter) per local day of `[from, to)`, exact at this moment (clean
 * days from the day rows, dirty days from the conversations, as rollupTotalsByKey); a day without any row is
 * absent. `bucket` adds the days up under their bucket instead (a day, week or month start: local days are whole,
 * so the sum is exact). With `months`, whole clean months are read from the month rows and given to `bucket` as
 * their first day: only for a `bucket` that puts every day of a month where it puts the first. Null when more than
 * MAX_DIRTY_DAYS of the days are waiting for the job (the caller reads the conversations).
 */
export async function rollupTotalsByDay(
  ctx: { db: Tx; districtId: string },
  timeZone: string,
  rk: RollupKey,
  from: string,
  to: string,
  opts: Omit<ReadOptions, "keys"> & { bucket?: (day: string) => string; months?: boolean } = {},
): Promise<Map<string, RollupTotals> | null> {
  const read = await readRollupRows(ctx, timeZone, rk.dim, from, to, { ...opts, keys: [rk.key], months: opts.months ?? false, withDay: true });
  const bucket = opts.bucket ?? ((day: string) => day);
  return read && totalsBy(read, (r) => bucket(r.day!));
}

/** rollupTotalsByKey for one key (`all` for no filter): zeros when it has no row. */
export async function rollupTotals(
  ctx: { db: Tx; districtId: string },
  timeZone: string,
  rk: RollupKey,
  from: string | null,
  to: string,
  histograms: readonly HistogramColumn[] = [],
): Promise<RollupTotals | null> {
  const byKey = await rollupTotalsByKey(ctx, timeZone, rk.dim, from, to, { keys: [rk.key], histograms });
  return byKey && (byKey.get(rk.key) ?? emptyTotals());
}
