import { createMailer } from "../../channels/email/mailer.js";
import { createJobRunner } from "../../jobs/runner.js";
import { createLogger } from "../../lib/logger.js";
import { configFrom, withDatabase } from "../database.js";
import { parseFlags, type CliIo } from "../io.js";

/** `frontoffice migrate`: the schema and the job queue's tables, then exit. */
export async function migrate(args: string[], io: CliIo): Promise<number> {
  parseFlags("migrate", args, {});
  const config = configFrom(io);
  await withDatabase(config, async (database) => {
    const jobs = createJobRunner(database, { database, publicUrl: config.publicUrl, mailer: createMailer(undefined) }, createLogger("warn"));
    await jobs.init();
    await jobs.stop();
  });
  io.out(`Database is up to date (${config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`}).`);
  return 0;
}
