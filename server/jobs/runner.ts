import { sql, type SQL } from "drizzle-orm";
import PgBoss from "pg-boss";
import type { Database, Tx } from "../db/client.js";
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

export type JobRunner = {
  enqueue: Enqueue;
  /** Starts pg-boss (creating its schema and queues) without taking work. */
  init(): Promise<void>;
  /** Starts the workers and the cron schedules (role worker|all). */
  work(): Promise<void>;
  /** Runs every job that is due now until no queue has any (tests, CLI). */
  drain(opts?: { maxRounds?: number }): Promise<number>;
  stop(): Promise<void>;
};

export function createJobRunner(database: Database, deps: Omit<JobDeps, "enqueue">, log: Logger): JobRunner {
  const boss =
    database.kind === "postgres"
      ? new PgBoss({ connectionString: database.connectionString!, max: 4, schema: "pgboss" })
      : new PgBoss({ db: { executeSql: (text: string, values?: unknown[]) => database.raw(text, values) } as never, schema: "pgboss" });
  boss.on("error", (err: Error) => log.error({ err: { message: err.message } }, "job queue error"));

  const enqueue: Enqueue = async (db, job, payload, opts = {}) => {
    const def = jobDefinitions.find((d) => d.id === job);
    if (!def) throw new Error(`Unknown job ${job}`);
    def.schema.parse(payload);
    await boss.send(job, payload, {
      db: txExecutor(db),
      retryLimit: def.retryLimit ?? 5,
      retryDelay: def.retryDelaySeconds ?? 10,
      retryBackoff: true,
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
    } as PgBoss.SendOptions);
  };
  const fullDeps: JobDeps = { ...deps, enqueue };

  async function run(def: JobDefinition, job: { id: string; data: unknown }): Promise<void> {
    const payload = def.schema.parse(job.data);
    await def.handler(fullDeps, payload, { id: job.id, log: log.child({ jobId: job.id, job: def.id }) });
  }

  return {
    enqueue,
    async init() {
      await boss.start();
      for (const def of jobDefinitions) await boss.createQueue(def.id);
    },
    async work() {
      for (const def of jobDefinitions) {
        await boss.work(def.id, { pollingIntervalSeconds: database.kind === "pglite" ? 0.5 : 1, batchSize: 1 }, async ([job]) => {
          if (job) await run(def, job);
        });
        if (def.cron) await boss.schedule(def.id, def.cron, {});
      }
    },
    async drain({ maxRounds = 50 } = {}) {
      let done = 0;
      for (let round = 0; round < maxRounds; round++) {
        let found = 0;
        for (const def of jobDefinitions) {
          const jobs = await boss.fetch(def.id, { batchSize: 20 });
          for (const job of jobs ?? []) {
            found++;
            try {
              await run(def, job);
              await boss.complete(def.id, job.id);
            } catch (err) {
              await boss.fail(def.id, job.id, { message: (err as Error).message });
            }
          }
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
