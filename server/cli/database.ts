import { eq } from "drizzle-orm";
import { loadConfig, type Config } from "../config/index.js";
import { migrateDatabase, openDatabase, type Database, type Db } from "../db/client.js";
import { districts, type DistrictRow } from "../db/schema/index.js";
import { CliError, type CliIo } from "./io.js";

export function configFrom(io: CliIo, overrides: Partial<Config> = {}): Config {
  return loadConfig(io.env, overrides);
}

/** Opens and migrates the configured database for one command, and always closes it (releasing the lock). */
export async function withDatabase<T>(config: Config, fn: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements });
  try {
    await migrateDatabase(database);
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function districtBySlug(db: Db, slug: string): Promise<DistrictRow> {
  const [row] = await db.select().from(districts).where(eq(districts.slug, slug));
  if (row) return row;
  const known = (await db.select({ slug: districts.slug }).from(districts)).map((d) => d.slug);
  throw new CliError(`No district "${slug}" in this database${known.length ? ` (there is: ${known.join(", ")})` : " (it has no district yet: try seed-demo)"}.`);
}
