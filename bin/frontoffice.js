#!/usr/bin/env node
// The `frontoffice` command: runs the TypeScript CLI (server/cli/index.ts) in this process with
// tsx, resolved from this project's node_modules. Running in-process (not as a child) means argv,
// the exit code and signals (SIGINT/SIGTERM for a graceful stop) reach the CLI unchanged.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import(new URL("../server/cli/index.ts", import.meta.url).href);
