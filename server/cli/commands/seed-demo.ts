import { seedDemo } from "../../demo/index.js";
import { configFrom, withDatabase } from "../database.js";
import { parseFlags, type CliIo } from "../io.js";

/** `frontoffice seed-demo`: creates Riverside Unified; refuses, changing nothing, when it exists. */
export async function seedDemoCommand(args: string[], io: CliIo): Promise<number> {
  parseFlags("seed-demo", args, {});
  const config = configFrom(io);
  const result = await withDatabase(config, (database) => seedDemo(database.db));
  io.out(
    [
      `Created the demo district "${result.slug}": ${result.counts.topics} topics, ${result.counts.staff} staff, ` +
        `${result.counts.conversations.toLocaleString("en-US")} conversations, ${result.counts.ratings} ratings (${(result.ms / 1000).toFixed(1)} s).`,
      `  Families' front door  ${config.publicUrl}/d/${result.slug}`,
      `  Staff app             ${config.publicUrl}/app/`,
      `  Admin sign-in         ${result.adminEmail}`,
      `  Password              ${result.adminPassword}   (shown only this once: keep it somewhere safe)`,
    ].join("\n"),
  );
  return 0;
}
