import { DataDirInUseError } from "../db/data-dir-lock.js";
import { inUseMessage, processIo, UsageError, type CliIo } from "./io.js";
import { usage } from "./usage.js";

type Command = (args: string[], io: CliIo) => Promise<number>;

// Loaded on demand: `help` or a typo should not wait for the whole server to load.
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import("./commands/start.js")).start,
  migrate: async () => (await import("./commands/migrate.js")).migrate,
  "seed-demo": async () => (await import("./commands/seed-demo.js")).seedDemoCommand,
  "create-admin": async () => (await import("./commands/create-admin.js")).createAdmin,
  "create-token": async () => (await import("./commands/create-token.js")).createToken,
  eval: async () => (await import("./commands/eval.js")).evalCommand,
  backup: async () => (await import("./commands/backup.js")).backup,
  restore: async () => (await import("./commands/backup.js")).restore,
};

/**
 * Runs one CLI command and returns the exit code: 0 done, 1 failed (one clear line on stderr),
 * 2 bad command line (usage on stderr).
 */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === "help" || name === "--help" || name === "-h") {
    io.out(usage(args[0]));
    return 0;
  }
  const load = name ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`${name ? `Unknown command "${name}".` : "No command given."}\n\n${usage()}`);
    return 2;
  }
  if (name !== "eval" && (args.includes("--help") || args.includes("-h"))) {
    io.out(usage(name));
    return 0;
  }
  try {
    const command = await load();
    return await command(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n\n${usage(err.command)}`);
      return 2;
    }
    if (err instanceof DataDirInUseError) {
      io.err(inUseMessage(err));
      return 1;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.err(`Error: ${message}`);
    return 1;
  }
}
