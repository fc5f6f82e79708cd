import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { Database } from "./client.js";
import { acquireDataDirLock } from "./data-dir-lock.js";

// Backup and restore of the embedded database (docs/SCALING.md, "Backup and restore"). PostgreSQL deployments
// use pg_dump / pg_restore instead.

/** Whether DATA_DIR holds an embedded database (without creating one). */
export function hasEmbeddedDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(path.resolve(dataDir), "pglite", "PG_VERSION"));
}

/**
 * A consistent copy of an open embedded database as a gzipped tarball of its data directory: a checkpoint, then
 * PGlite's dumpDataDir, which runs while no query can (PGlite serves one at a time). The caller owns the data dir
 * (its lock), so no other process writes meanwhile.
 */
export async function dumpEmbeddedDatabase(database: Database): Promise<Buffer> {
  if (database.kind !== "pglite" || !database.pglite) throw new Error("Only the embedded database is dumped this way; use pg_dump for PostgreSQL");
  await database.pglite.exec("CHECKPOINT");
  const dump = await database.pglite.dumpDataDir("gzip");
  return Buffer.from(await dump.arrayBuffer());
}

const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");

/**
 * Replaces the embedded database of `dataDir` with a dumped one, holding the data dir's lock (refused while a
 * server runs). The tarball is first loaded into a new directory and opened; only then is the current database
 * moved aside (never deleted) and the new one put in its place. Returns where the old one went and how many
 * districts the restored one has.
 */
export async function restoreEmbeddedDatabase(dataDir: string, tarball: Buffer, now: Date): Promise<{ movedAside: string | null; districts: number }> {
  const root = path.resolve(dataDir);
  fs.mkdirSync(root, { recursive: true });
  const lock = acquireDataDirLock(root);
  const staging = path.join(root, `pglite.restoring-${stamp(now)}`);
  try {
    fs.rmSync(staging, { recursive: true, force: true });
    let districts: number;
    const pglite = await PGlite.create({ dataDir: staging, loadDataDir: new Blob([new Uint8Array(tarball.buffer as ArrayBuffer, tarball.byteOffset, tarball.length)]), extensions: { unaccent, pg_trgm } });
    try {
      const res = await pglite.query<{ n: number }>("SELECT count(*)::int AS n FROM districts");
      districts = res.rows[0]?.n ?? 0;
    } finally {
      await pglite.close();
    }
    const current = path.join(root, "pglite");
    let movedAside: string | null = null;
    if (fs.existsSync(current) && fs.readdirSync(current).length > 0) {
      movedAside = path.join(root, `pglite.before-restore-${stamp(now)}`);
      fs.renameSync(current, movedAside);
    } else {
      fs.rmSync(current, { recursive: true, force: true });
    }
    fs.renameSync(staging, current);
    return { movedAside, districts };
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    throw err;
  } finally {
    lock.release();
  }
}
