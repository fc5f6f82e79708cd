import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase, openDatabase, type Database } from "../db/client.js";

export const TMP_DIR = path.resolve(import.meta.dirname, "../../.tmp");
export const PGLITE_TEMPLATE = path.join(TMP_DIR, "pglite-template.tar.gz");
export const PG_TEMPLATE_DB = "frontoffice_test_template";

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

/** Builds the migrated template once per run (global setup). */
export async function prepareTemplate(): Promise<void> {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  if (testEngine() === "postgres") {
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
    } finally {
      await admin.end();
    }
    const db = await openDatabase({ databaseUrl: withDatabase(postgresAdminUrl(), PG_TEMPLATE_DB) });
    await migrateDatabase(db);
    const { createJobRunner } = await import("../jobs/runner.js");
    const { createLogger } = await import("../lib/logger.js");
    const runner = createJobRunner(db, { database: db, publicUrl: "http://localhost", mailer: { transport: "sink", send: async () => ({ ok: true, response: "" }) } }, createLogger("silent"));
    await runner.init();
    await runner.stop();
    await db.close();
    return;
  }
  const db = await openDatabase({});
  await migrateDatabase(db);
  const { createJobRunner } = await import("../jobs/runner.js");
  const { createLogger } = await import("../lib/logger.js");
  const runner = createJobRunner(db, { database: db, publicUrl: "http://localhost", mailer: { transport: "sink", send: async () => ({ ok: true, response: "" }) } }, createLogger("silent"));
  await runner.init();
  await runner.stop();
  const dump = await db.pglite!.dumpDataDir("gzip");
  fs.writeFileSync(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await db.close();
}

/** A fresh, migrated database for one test file: a PGlite clone or a PostgreSQL database from the template. */
export async function openTestDatabase(): Promise<Database & { dropped?: () => Promise<void> }> {
  if (testEngine() === "postgres") {
    const name = `frontoffice_test_${randomBytes(6).toString("hex")}`;
    const admin = new pg.Client({ connectionString: postgresAdminUrl() });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE_DB}`);
    } finally {
      await admin.end();
    }
    const db = await openDatabase({ databaseUrl: withDatabase(postgresAdminUrl(), name), poolSize: 5 });
    const close = db.close;
    return {
      ...db,
      close: async () => {
        await close();
        const a = new pg.Client({ connectionString: postgresAdminUrl() });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => a.end());
      },
    };
  }
  const blob = new Blob([fs.readFileSync(PGLITE_TEMPLATE)]);
  return openDatabase({ loadDataDir: blob });
}
