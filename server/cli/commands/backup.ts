import fs from "node:fs";
import path from "node:path";
import { dumpEmbeddedDatabase, hasEmbeddedDatabase, restoreEmbeddedDatabase } from "../../db/backup.js";
import { openDatabase } from "../../db/client.js";
import type { Config } from "../../config/index.js";
import { configFrom } from "../database.js";
import { CliError, parseFlags, required, type CliIo } from "../io.js";

const POSTGRES =
  "This Front Office uses PostgreSQL (DATABASE_URL): back it up with pg_dump -Fc and restore it with pg_restore, " +
  "as docs/SCALING.md describes. Nothing was changed.";

const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `--to` names a directory (existing, or ending in a slash: a dated file goes inside) or a new file. */
function backupFile(to: string, now: Date): string {
  const target = path.resolve(to);
  if (/[/\\]$/.test(to) || (fs.existsSync(target) && fs.statSync(target).isDirectory())) {
    fs.mkdirSync(target, { recursive: true });
    return path.join(target, `frontoffice-backup-${stamp(now)}.tar.gz`);
  }
  if (fs.existsSync(target)) throw new CliError(`${target} already exists: a backup never overwrites a file. Choose another name. Nothing was changed.`);
  if (!fs.existsSync(path.dirname(target))) throw new CliError(`The directory ${path.dirname(target)} does not exist. Nothing was changed.`);
  return target;
}

function embeddedOnly(config: Config): void {
  if (config.databaseUrl) throw new CliError(POSTGRES);
}

/** `frontoffice backup --to <dir|file>`: a consistent copy of the stopped embedded database, as one .tar.gz file. */
export async function backup(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags("backup", args, { to: { type: "string" } });
  const to = required("backup", flags, "to");
  const config = configFrom(io);
  embeddedOnly(config);
  if (!hasEmbeddedDatabase(config.dataDir)) throw new CliError(`There is no embedded database in ${config.dataDir}: nothing to back up.`);
  const now = new Date();
  const file = backupFile(to, now);
  // Opening takes the data directory's lock: refused (DataDirInUseError) while a server runs on it.
  const database = await openDatabase({ dataDir: config.dataDir });
  let tarball: Buffer;
  try {
    tarball = await dumpEmbeddedDatabase(database);
  } finally {
    await database.close();
  }
  const partial = `${file}.partial`;
  const fd = fs.openSync(partial, "wx");
  try {
    fs.writeSync(fd, tarball);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(partial, file);
  io.out(`Backed up the embedded database in ${config.dataDir} to ${file} (${megabytes(tarball.length)}).\nRestore it with: frontoffice restore --from ${file}`);
  return 0;
}

/** `frontoffice restore --from <file>`: puts a backup in place of the stopped embedded database (the old one is kept aside). */
export async function restore(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags("restore", args, { from: { type: "string" } });
  const from = path.resolve(required("restore", flags, "from"));
  const config = configFrom(io);
  embeddedOnly(config);
  if (!fs.existsSync(from) || !fs.statSync(from).isFile()) throw new CliError(`No backup file at ${from}. Nothing was changed.`);
  const tarball = fs.readFileSync(from);
  const gzip = tarball[0] === 0x1f && tarball[1] === 0x8b;
  const tar = tarball.subarray(257, 262).toString("latin1") === "ustar";
  if (!gzip && !tar) throw new CliError(`${from} is not a backup made by frontoffice backup (not a tar or tar.gz file). Nothing was changed.`);
  let result: Awaited<ReturnType<typeof restoreEmbeddedDatabase>>;
  try {
    result = await restoreEmbeddedDatabase(config.dataDir, tarball, new Date());
  } catch (err) {
    if ((err as Error).name === "DataDirInUseError") throw err;
    throw new CliError(`${from} could not be restored (${(err as Error).message}). Nothing was changed.`);
  }
  io.out(
    [
      `Restored ${from} into ${config.dataDir} (${result.districts} ${result.districts === 1 ? "district" : "districts"}).`,
      result.movedAside ? `The database it replaced is kept in ${result.movedAside}: delete it once the restore is checked.` : "",
      "Start the server as usual; it applies any newer migrations.",
    ]
      .filter(Boolean)
      .join("\n"),
  );
  return 0;
}
