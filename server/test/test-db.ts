import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase, openDatabase, type Database } from "../db/client.js";
import { nestedAcquisitions } from "../db/pool-guard.js";

export const TMP_DIR = path.resolve(import.meta.dirname, "../../.tmp");
/**
 * This run's templates. Global setup names them (`FRONTOFFICE_TEST_RUN`, inherited by the test workers) so that two
 * runs at once, in one checkout or against one server, never rebuild or drop each other's template.
 */
function runId(): string {
  const id = process.env.FRONTOFFICE_TEST_RUN;
  if (!id || !/^[a-f0-9]{8}$/.test(id)) throw new Error("FRONTOFFICE_TEST_RUN is not set: the test databases come from global setup (server/test/global-setup.ts)");
  return id;
}
const pgliteTemplate = () => path.join(TMP_DIR, `pglite-template-${runId()}.tar.gz`);
const pgTemplateDb = () => `frontoffice_test_template_${runId()}`;

/** Which engine this test run uses: TEST_DB=postgres runs the suite on a real server. */
export function testEngine(): "pglite" | "postgres" {
  return process.env.TEST_DB === "postgres" ? "postgres" : "pglite";
}

export function postgresAdminUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** pg-boss's schema and queues in a template, so each test database starts with them (the runner's init, then stop). */
async function createJobSchema(db: Database): Promise<void> {
  const { createMailer } = await import("../channels/email/mailer.js");
  const { createJobRunner } = await import("../jobs/runner.js");
  const { createLogger } = await import("../lib/logger.js");
  const runner = createJobRunner(db, { database: db, publicUrl: "http://localhost", mailer: createMailer(undefined) }, createLogger("silent"));
  await runner.init();
  await runner.stop();
}

/** Builds this run's migrated template (global setup, after naming the run). */
export async function prepareTemplate(): Promise<void> {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (testEngine() === "postgres") {
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${pgTemplateDb()}`);
    } finally {
      await admin.end();
    }
    const db = await openDatabase({ databaseUrl: withDatabase(postgresAdminUrl(), pgTemplateDb()) });
    await migrateDatabase(db);
    await createJobSchema(db);
    await db.close();
    return;
  }
  const db = await openDatabase({});
  await migrateDatabase(db);
  await createJobSchema(db);
  const dump = await db.pglite!.dumpDataDir("gzip");
  fs.writeFileSync(pgliteTemplate(), Buffer.from(await dump.arrayBuffer()));
  await db.close();
}

/** Removes this run's template (global teardown). */
export async function dropTemplate(): Promise<void> {
  if (testEngine() === "postgres") {
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${pgTemplateDb()} WITH (FORCE)`).finally(() => admin.end());
    return;
  }
  fs.rmSync(pgliteTemplate(), { force: true });
}

/** A fresh, migrated database for one test file: a PGlite clone or a PostgreSQL database from the template. */
export async function openTestDatabase(): Promise<Database & { dropped?: () => Promise<void> }> {
  if (testEngine() === "postgres") {
    const name = `frontoffice_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${pgTemplateDb()}`);
    } finally {
      await admin.end();
    }
    // FRONTOFFICE_POOL_GUARD=1 (global setup): a second checkout of the pool inside a transaction throws (db/pool-guard.ts)
    const db = await openDatabase({ databaseUrl: withDatabase(postgresAdminUrl(), name), poolSize: 5, poolGuard: process.env.FRONTOFFICE_POOL_GUARD === "1" });
    const close = db.close;
    return {
      ...db,
      close: async () => {
        await close();
        const a = new pg.Client({ connectionString: postgresAdminUrl() });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => a.end());
        // a job's failure or a fire-and-forget catch may have swallowed the guard's error: the file fails here instead
        const nested = nestedAcquisitions(db.pool!);
        if (nested.length > 0) throw new Error(`${nested.length} nested pool acquisition(s) in this file; the first:\n${nested[0]!.stack}`);
      },
    };
  }
  const blob = new Blob([fs.readFileSync(pgliteTemplate())]);
  return openDatabase({ loadDataDir: blob });
}
