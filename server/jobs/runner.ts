import { sql, type SQL } from "drizzle-orm";
import PgBoss from "pg-boss";
import { WORK_CONCURRENCY } from "../lib/work.js";
import type { Database, Tx } from "../db/client.js";
import { TENANT_ROLE } from "../db/tenant.js";
import type { Enqueue } from "../domain/shared/ctx.js";
import type { Logger } from "../lib/logger.js";
import { jobDefinitions, type JobDefinition, type JobDeps } from "./registry.js";

type Executor = { executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }> };

/** Runs pg-boss's parameterised SQL through a drizzle transaction, so a job exists iff its cause committed. */
export function txExecutor(tx: Tx): Executor {
  return {
    async executeSql(text, values = []) {
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`));
      const res = await tx.execute(sql.join(chunks, sql.raw("")));
      return { rows: (res as unknown as { rows: Record<string, unknown>[] }).rows };
    },
  };
}

/** One job to queue, as `enqueue` takes it. */
export type QueuedJob = { job: string; payload: Record<string, unknown>; opts?: { startAfter?: Date; singletonKey?: string } };

export type JobRunner = {
  enqueue: Enqueue;
  /** Queues several jobs in the caller's transaction in one statement (pg-boss `insert`). */
  enqueueAll(db: Tx, jobs: readonly QueuedJob[]): Promise<void>;
  /** Starts pg-boss (creating its schema and queues) without taking work. */
  init(): Promise<void>;
  /** Starts the workers and the cron schedules (role worker|all). */
  work(): Promise<void>;
  /** Runs every job that is due now until no queue has any (tests, CLI), `lanes` of a batch at a time (1). */
  drain(opts?: { maxRounds?: number; lanes?: number }): Promise<number>;
  stop(): Promise<void>;
};

/** Jobs a worker takes per poll of a queue. */
export const WORK_BATCH = 20;

export function createJobRunner(database: Database, deps: Omit<JobDeps, "enqueue">, log: Logger): JobRunner {
  const boss =
    database.kind === "postgres"
      ? new PgBoss({ connectionString: database.connectionString!, max: 4, schema: "pgboss" })
      : new PgBoss({ db: { executeSql: (text: string, values?: unknown[]) => database.raw(text, values) } as never, schema: "pgboss" });
  boss.on("error", (err: Error) => log.error({ err: { message: err.message } }, "job queue error"));

  const definition = (job: string, payload: Record<string, unknown>): JobDefinition => {
    const def = jobDefinitions.find((d) => d.id === job);
    if (!def) throw new Error(`Unknown job ${job}`);
    def.schema.parse(payload);
    return def;
  };
  const enqueue: Enqueue = async (db, job, payload, opts = {}) => {
    const def = definition(job, payload);
    await boss.send(job, payload, {
      db: txExecutor(db),
      retryLimit: def.retryLimit ?? 5,
      retryDelay: def.retryDelaySeconds ?? 10,
      retryBackoff: true,
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    } as PgBoss.SendOptions);
  };
  const enqueueAll = async (db: Tx, jobs: readonly QueuedJob[]): Promise<void> => {
    if (jobs.length === 0) return;
    if (jobs.length === 1) return enqueue(db, jobs[0]!.job, jobs[0]!.payload, jobs[0]!.opts);
    const rows = jobs.map(({ job, payload, opts = {} }): PgBoss.JobInsert => {
      const def = definition(job, payload);
      return {
        name: job,
        data: payload,
        retryLimit: def.retryLimit ?? 5,
        retryDelay: def.retryDelaySeconds ?? 10,
        retryBackoff: true,
        ...(opts.startAfter ? { startAfter: opts.startAfter.toISOString() } : {}),
        ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      };
    });
    await boss.insert(rows, { db: txExecutor(db) as PgBoss.Db });
  };
  const fullDeps: JobDeps = { ...deps, enqueue };

  async function run(def: JobDefinition, job: { id: string; data: unknown }): Promise<void> {
    const payload = def.schema.parse(job.data);
    await def.handler(fullDeps, payload, { id: job.id, log: log.child({ jobId: job.id, job: def.id }) });
  }

  /** Runs a batch's jobs, `lanes` at a time. */
  async function runBatch(def: JobDefinition, jobs: readonly { id: string; data: unknown }[], lanes: number): Promise<void> {
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let i = next++; i < jobs.length; i = next++) await runOne(def, jobs[i]!);
    };
    await Promise.all(Array.from({ length: Math.min(lanes, jobs.length) }, lane));
  }

  /** Runs one job; its failure is recorded on that job alone (pg-boss retries it with backoff), never the batch's. */
  async function runOne(def: JobDefinition, job: { id: string; data: unknown }): Promise<boolean> {
    try {
      await run(def, job);
      await boss.complete(def.id, job.id);
      return true;
    } catch (err) {
      log.warn({ jobId: job.id, job: def.id, err: { name: (err as Error).name } }, "job failed"); // the message may name a family's address
      await boss.fail(def.id, job.id, { message: (err as Error).message });
      return false;
    }
  }

  return {
    enqueue,
    enqueueAll,
    async init() {
      await boss.start();
      for (const def of jobDefinitions) await boss.createQueue(def.id);
      // Tenant transactions (db/tenant.ts) enqueue their jobs in the same transaction, as the tenant role.
      for (const grant of [
        `GRANT USAGE ON SCHEMA pgboss TO ${TENANT_ROLE}`,
        `GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA pgboss TO ${TENANT_ROLE}`,
        `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA pgboss TO ${TENANT_ROLE}`,
      ])
        await database.raw(grant);
    },
    async work() {
      const lanes = database.kind === "postgres" ? WORK_CONCURRENCY : 1;
      for (const def of jobDefinitions) {
        // A batch per poll, each job completed or failed on its own. pg-boss waits out what is left of the polling
        // interval after a batch: a full batch asks for the next one at once instead (notifyWorker), or a queue
        // would drain at no more than a batch a second however fast its jobs run.
        let workerId: string | null = null;
        workerId = await boss.work(def.id, { pollingIntervalSeconds: database.kind === "pglite" ? 0.5 : 1, batchSize: WORK_BATCH }, async (jobs) => {
          await runBatch(def, jobs, lanes);
          if (jobs.length === WORK_BATCH && workerId) boss.notifyWorker(workerId);
        });
        if (def.cron) await boss.schedule(def.id, def.cron, {});
      }
    },
    async drain({ maxRounds = 50, lanes = 1 } = {}) {
      let done = 0;
      for (let round = 0; round < maxRounds; round++) {
        let found = 0;
        for (const def of jobDefinitions) {
          const jobs = (await boss.fetch(def.id, { batchSize: WORK_BATCH })) ?? [];
          found += jobs.length;
          await runBatch(def, jobs, lanes);
        }
        done += found;
        if (found === 0) break;
      }
      return done;
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, close: database.kind === "postgres" });
    },
  };
}
