import { buildApp, type App } from "../app.js";
import type { SecurityConfig } from "../config/index.js";
import type { Mailer, OutgoingEmail } from "../channels/email/mailer.js";
import type { Database, Tx } from "../db/client.js";
import type { Actor, Ctx } from "../domain/shared/ctx.js";
import { buildCtx, type AppDeps } from "../http/context.js";
import { createJobRunner, type JobRunner } from "../jobs/runner.js";
import { createLogger } from "../lib/logger.js";
import { openTestDatabase } from "./test-db.js";

/** A mailer that keeps what it was asked to send; `failWith` makes the next sends fail. */
export type RecordingMailer = Mailer & { sent: OutgoingEmail[]; failWith: null | { permanent: boolean; reason: string } };

export function recordingMailer(): RecordingMailer {
  const m: RecordingMailer = {
    transport: "sink",
    sent: [],
    failWith: null,
    async send(mail) {
      if (m.failWith) return { ok: false, ...m.failWith };
      m.sent.push(mail);
      return { ok: true, response: "recorded" };
    },
    close: () => undefined,
  };
  return m;
}

/** Real time plus an offset the test can move forward (the default: ordering by time stays meaningful). */
export function shiftableClock(): FakeClock {
  let offset = 0;
  return {
    now: () => new Date(Date.now() + offset),
    set: (d) => void (offset = new Date(d).getTime() - Date.now()),
    advance: (ms) => void (offset += ms),
  };
}

/** A frozen, controllable clock: tests move time forward instead of waiting. */
export type FakeClock = { now: () => Date; set(d: Date | string): void; advance(ms: number): void };
export function fakeClock(start: Date | string = "2026-03-02T16:00:00Z"): FakeClock {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), set: (d) => void (t = new Date(d).getTime()), advance: (ms) => void (t += ms) };
}

export type TestApp = {
  app: App;
  deps: AppDeps;
  database: Database;
  jobs: JobRunner;
  mailer: RecordingMailer;
  clock: FakeClock;
  /** Runs queued background jobs (email delivery…) to completion. */
  drain(): Promise<number>;
  ctx(districtId: string, actor?: Actor, db?: Tx): Ctx;
  /** Runs fn in a transaction with a ctx, as a route would. */
  tx<T>(districtId: string, actor: Actor, fn: (ctx: Ctx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

export const TEST_PUBLIC_URL = "http://frontoffice.test";

/** A full application on a fresh migrated database (PGlite clone, or PostgreSQL with TEST_DB=postgres). */
export async function testApp(opts: { clock?: FakeClock; devOutbox?: boolean; security?: SecurityConfig } = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  const log = createLogger(process.env.TEST_LOG_LEVEL ?? "silent");
  const clock = opts.clock ?? shiftableClock();
  const mailer = recordingMailer();
  const jobs = createJobRunner(database, { database, publicUrl: TEST_PUBLIC_URL, mailer, now: clock.now }, log);
  await jobs.init();
  const deps: AppDeps = { database, jobs, log, now: clock.now, publicUrl: TEST_PUBLIC_URL, devOutbox: opts.devOutbox ?? true, ...(opts.security ? { security: opts.security } : {}) };
  const app = await buildApp(deps);
  await app.ready();
  const system: Actor = { kind: "system", reason: "test" };
  return {
    app,
    deps,
    database,
    jobs,
    mailer,
    clock,
    drain: () => jobs.drain(),
    ctx: (districtId, actor = system, db = database.db) => buildCtx(deps, db, districtId, actor),
    tx: (districtId, actor, fn) => database.db.transaction((t) => fn(buildCtx(deps, t, districtId, actor))),
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}
