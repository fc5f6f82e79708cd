import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase, killAllAppProcesses, startAppProcess, type ScratchDatabase } from "../test/app-process.js";
import { seedSmallDistrict, tableCounts, timelineOf, type SmallDistrict } from "../test/small-district.js";
import { migrateDatabase, openDatabase, type Database } from "./client.js";

// The PostgreSQL backup procedure of docs/SCALING.md ("Backup and restore"): pg_dump -Fc, then pg_restore into a
// new database, which holds the same data and runs the app.

const run = promisify(execFile);
const SLOW = 300_000;

let source: ScratchDatabase;
let target: ScratchDatabase;
let dir: string;
let seeded: SmallDistrict;
let counts: Record<string, number>;
let timeline: Awaited<ReturnType<typeof timelineOf>>;

async function withDb<T>(url: string, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ databaseUrl: url, poolSize: 2 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "fo-pgdump-"));
  source = await createScratchDatabase("frontoffice_backup_src");
  target = await createScratchDatabase("frontoffice_backup_dst");
  await withDb(source.url, async (db) => {
    await migrateDatabase(db);
    seeded = await seedSmallDistrict(db);
    counts = await tableCounts(db);
    timeline = await timelineOf(db, seeded.conversationId);
  });
}, SLOW);

afterAll(async () => {
  await killAllAppProcesses();
  await source?.drop();
  await target?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
}, SLOW);

describe("PostgreSQL backup with pg_dump -Fc and pg_restore", () => {
  it(
    "restores into a new database with the same rows and timeline, and the app runs on it",
    async () => {
      const file = path.join(dir, "frontoffice.dump");
      const t0 = Date.now();
      await run("pg_dump", ["--format=custom", "--file", file, "--dbname", source.url]);
      const dumpMs = Date.now() - t0;
      const t1 = Date.now();
      await run("pg_restore", ["--no-owner", "--exit-on-error", "--dbname", target.url, file]);
      const restoreMs = Date.now() - t1;

      await withDb(target.url, async (db) => {
        expect(await tableCounts(db)).toEqual(counts);
        expect(await timelineOf(db, seeded.conversationId)).toEqual(timeline);
      });
      expect(counts["public.conversations"]).toBe(5);
      expect(counts["pgboss.job"]).toBeGreaterThan(0);
      expect(timeline.searchHits).toBe(5);

      const server = await startAppProcess({ databaseUrl: target.url, role: "all" });
      expect((await fetch(`${server.baseUrl}/d/${seeded.d.district.slug}`)).status).toBe(200);
      const res = await fetch(`${server.baseUrl}/api/public/${seeded.d.district.slug}/inquiries`, {
        method: "POST",
        headers: { "content-type": "application/json", "idempotency-key": "after-restore-1" },
        body: JSON.stringify({ topic: "general-question", message: "Still here after the restore?", email: "after@example.com" }),
      });
      expect(res.status).toBe(201);
      const last = Number(seeded.references.at(-1)!.split("-")[1]);
      expect(((await res.json()) as { reference: string }).reference).toBe(`TUSD-${last + 1}`);
      await server.kill("SIGTERM");
      console.log(JSON.stringify({ pgBackup: { bytes: fs.statSync(file).size, dumpMs, restoreMs, tables: Object.keys(counts).length } }));
    },
    SLOW,
  );
});
