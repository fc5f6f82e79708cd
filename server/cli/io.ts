import { parseArgs, type ParseArgsConfig } from "node:util";
import type { DataDirInUseError } from "../db/data-dir-lock.js";

/** Where a command writes: stdout for results, stderr for messages and errors. */
export type CliIo = { out(text: string): void; err(text: string): void; env: NodeJS.ProcessEnv };

export const processIo: CliIo = {
  out: (text) => void process.stdout.write(text.endsWith("\n") ? text : `${text}\n`),
  err: (text) => void process.stderr.write(text.endsWith("\n") ? text : `${text}\n`),
  env: process.env,
};

/** Bad command line: the usage goes to stderr and the exit code is 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

/** A failure the user can act on, reported as one line with exit code 1. */
export class CliError extends Error {
  override name = "CliError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Strict flag parsing: unknown flags, missing values and stray words are usage errors. */
export function parseFlags<O extends Options>(command: string, args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message.split("\n")[0] ?? "invalid arguments", command);
  }
}

export function required(command: string, values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || v.trim() === "") throw new UsageError(`--${name} is required`, command);
  return v.trim();
}

/** The one message every command gives when a running server owns the embedded database. */
export function inUseMessage(err: DataDirInUseError): string {
  return (
    `The data directory ${err.dataDir} is in use by a running Front Office server (pid ${err.pid}). ` +
    `Stop it first (Ctrl+C in its terminal, or: kill ${err.pid}), then run this command again. ` +
    `Nothing was changed.`
  );
}

