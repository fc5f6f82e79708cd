import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Database } from "../db/client.js";
import { killAllAppProcesses, startAppProcess } from "../test/app-process.js";
import { seedSmallDistrict, tableCounts, timelineOf, type SmallDistrict } from "../test/small-district.js";
import { runCli } from "./run.js";

// `frontoffice backup` / `restore` of the embedded database (docs/SCALING.md, "Backup and restore").

const SLOW = 300_000;

let root: string;
let dataDir: string;
let seeded: SmallDistrict;
let counts: Record<string, number>;
let timeline: Awaited<ReturnType<typeof timelineOf>>;
let backupFile = "";

function capture(env: Record<string, string> = {}) {
  const io = { stdout: "", stderr: "", env: { NODE_ENV: "test", LOG_LEVEL: "warn", DATA_DIR: dataDir, ...env } as NodeJS.ProcessEnv };
  return Object.assign(io, { out: (s: string) => void (io.stdout += `${s}\n`), err: (s: string) => void (io.stderr += `${s}\n`) });
}

async function cli(argv: string[], env: Record<string, string> = {}) {
  const io = capture(env);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

async function withData<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase({ dataDir });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "fo-backup-"));
  dataDir = path.join(root, "data");
  await withData(async (db) => {
    await migrateDatabase(db);
    seeded = await seedSmallDistrict(db);
    counts = await tableCounts(db);
    timeline = await timelineOf(db, seeded.conversationId);
  });
}, SLOW);

afterAll(async () => {
  await killAllAppProcesses();
  fs.rmSync(root, { recursive: true, force: true });
}, SLOW);

describe("frontoffice backup and restore (embedded database)", () => {
  it(
    "copies the stopped database into a dated file, and restores it in place of a changed one, keeping the replaced one aside",
    async () => {
      const backups = path.join(root, "backups");
      const made = await cli(["backup", "--to", `${backups}/`]);
      expect(made.stderr).toBe("");
      expect(made.code).toBe(0);
      backupFile = /to (\S+\.tar\.gz) \(/.exec(made.stdout)![1]!;
      expect(path.dirname(backupFile)).toBe(backups);
      expect(path.basename(backupFile)).toMatch(/^frontoffice-backup-\d{8}T\d{6}Z\.tar\.gz$/);
      expect(fs.readdirSync(backups)).toEqual([path.basename(backupFile)]);

      // Life goes on after the backup: one conversation deleted, so the restore has something to undo.
      await withData(async (db) => {
        await db.raw(`DELETE FROM conversations WHERE id = $1`, [seeded.conversationId]);
        expect((await tableCounts(db))["public.conversations"]).toBe(counts["public.conversations"]! - 1);
      });

      const restored = await cli(["restore", "--from", backupFile]);
      expect(restored.stderr).toBe("");
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain("(1 district)");
      const aside = /kept in (\S+):/.exec(restored.stdout)![1]!;
      expect(path.basename(aside)).toMatch(/^pglite\.before-restore-/);
      expect(fs.existsSync(path.join(aside, "PG_VERSION"))).toBe(true);

      await withData(async (db) => {
        expect(await tableCounts(db)).toEqual(counts);
        expect(await timelineOf(db, seeded.conversationId)).toEqual(timeline);
      });
      expect(timeline.timeline.map((e) => e.type)).toContain("conversation.status_changed");
      expect(timeline.messages.map((m) => m.direction)).toEqual(["inbound", "outbound"]);
    },
    SLOW,
  );

  it(
    "starts the server on the restored database, and refuses to back up or restore while it runs, changing nothing",
    async () => {
      const server = await startAppProcess({ role: "web", env: { DATA_DIR: dataDir } });
      const page = await fetch(`${server.baseUrl}/d/${seeded.d.district.slug}`);
      expect(page.status).toBe(200);
      const other = path.join(root, "while-running.tar.gz");
      for (const argv of [
        ["backup", "--to", other],
        ["restore", "--from", backupFile],
      ]) {
        const r = await cli(argv);
        expect(r.code, argv[0]).toBe(1);
        expect(r.stderr).toContain(`is in use by a running Front Office server (pid ${server.pid})`);
        expect(r.stderr).toContain("Nothing was changed.");
      }
      expect(fs.existsSync(other)).toBe(false);
      expect(fs.readdirSync(dataDir).filter((f) => f.startsWith("pglite.restoring"))).toEqual([]);
      const next = await fetch(`${server.baseUrl}/api/public/${seeded.d.district.slug}/inquiries`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ topic: "general-question", message: "Still here after the restore?", email: "after@example.com" }),
      });
      expect(next.status).toBe(201);
      // The per-district counter came back with the data: the next reference follows the restored ones.
      const last = Number(seeded.references.at(-1)!.split("-")[1]);
      expect(((await next.json()) as { reference: string }).reference).toBe(`TUSD-${last + 1}`);
      await server.kill("SIGTERM");
    },
    SLOW,
  );

  it("answers one clear line for an existing file, a file that is no backup, a missing flag and PostgreSQL", async () => {
    const exists = await cli(["backup", "--to", backupFile]);
    expect(exists.code).toBe(1);
    expect(exists.stderr).toContain("already exists: a backup never overwrites a file");

    const junk = path.join(root, "notes.txt");
    fs.writeFileSync(junk, "not a backup");
    const notBackup = await cli(["restore", "--from", junk]);
    expect(notBackup.code).toBe(1);
    expect(notBackup.stderr).toContain("is not a backup made by frontoffice backup");

    expect((await cli(["backup"])).code).toBe(2);
    expect((await cli(["restore", "--from", path.join(root, "missing.tar.gz")])).stderr).toContain("No backup file at");

    const pg = await cli(["backup", "--to", root], { DATABASE_URL: "postgres://postgres@127.0.0.1:5432/postgres" });
    expect(pg.code).toBe(1);
    expect(pg.stderr).toContain("back it up with pg_dump -Fc and restore it with pg_restore");
  });
});
