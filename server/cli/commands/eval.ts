import fs from "node:fs";
import { UsageError, type CliIo } from "../io.js";

type EvalModule = { run?: (argv: string[]) => Promise<number> };

/** The measurement commands living in server/cli/eval/ (one file each, exporting `run(argv)`). */
export function evalNames(): string[] {
  const dir = new URL("../eval/", import.meta.url);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^[a-z][a-z0-9-]*\.ts$/.test(f) && !f.endsWith(".test.ts"))
    .map((f) => f.replace(/\.ts$/, ""))
    .sort();
}

/** `frontoffice eval NAME …`: hands the rest of the command line to that evaluation. */
export async function evalCommand(args: string[], _io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const names = evalNames();
  if (!name || !names.includes(name)) {
    throw new UsageError(`eval needs one of: ${names.join(", ") || "(none installed)"}`, "eval");
  }
  const mod = (await import(`../eval/${name}.js`)) as EvalModule;
  if (typeof mod.run !== "function") throw new Error(`server/cli/eval/${name}.ts does not export run(argv)`);
  return mod.run(rest);
}
