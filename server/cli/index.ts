import { runCli } from "./run.js";

// The `frontoffice` command (bin/frontoffice.js runs this file with tsx).
const code = await runCli(process.argv.slice(2));
process.exitCode = code;
// A finished command must not linger because some library left a timer or socket open.
setTimeout(() => process.exit(code), 2000).unref();
