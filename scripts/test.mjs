#!/usr/bin/env node
// `npm test`: the whole suite. Builds the web app, lints, typechecks, then runs vitest on the
// embedded database (PGlite) and again on PostgreSQL when a server is reachable. Ends with one line,
// `N passed, N failed, N skipped`, summed over both runs; exits non-zero if anything failed.
//
//   node scripts/test.mjs [--suite-only] [--engine=pglite|postgres|both] [--require-postgres] [vitest args…]
//
// --suite-only        skip build, lint and typecheck
// --require-postgres  fail when no PostgreSQL server is reachable (implied by CI=true)
// Other arguments go to vitest, e.g. `npm test -- server/demo`.
// TEST_DATABASE_URL picks the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres).
// FO_COUNT_FILE, when set, receives one `passed failed skipped` line per vitest run.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const VITEST = path.join(ROOT, "node_modules/vitest/vitest.mjs");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/postgres";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => argv.find((a) => a.startsWith(`${name}=`))?.split("=")[1] ?? fallback;
const vitestArgs = argv.filter((a) => !a.startsWith("--suite-only") && !a.startsWith("--engine") && a !== "--require-postgres" && a !== "--");
const suiteOnly = flag("--suite-only");
const engines = option("--engine", "both");
const requirePostgres = flag("--require-postgres") || process.env.CI === "true" || process.env.FO_REQUIRE_POSTGRES === "1";

const problems = [];
let postgresSkipped = false;
const totals = { passed: 0, failed: 0, skipped: 0 };

function banner(text) {
  const line = "=".repeat(Math.min(100, Math.max(40, text.length + 4)));
  process.stdout.write(`\n${line}\n  ${text}\n${line}\n`);
}

function run(label, command, args, env = process.env) {
  banner(label);
  const r = spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function step(label, script, { when, missing }) {
  if (!when()) {
    banner(`${label}: SKIPPED (${missing})`);
    return;
  }
  const code = run(label, NPM, ["run", script, "--silent"]);
  if (code !== 0) problems.push(`${label} failed (exit ${code})`);
}

/** Whether a PostgreSQL server answers `select 1` at the test URL, with a short timeout. */
async function postgresReachable(url) {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

function suite(engine) {
  const countFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "fo-counts-")), "counts");
  const env = { ...process.env, FO_COUNT_FILE: countFile };
  if (engine === "postgres") env.TEST_DB = "postgres";
  else delete env.TEST_DB;
  const code = run(`vitest on ${engine === "postgres" ? "PostgreSQL" : "PGlite (embedded)"}`, process.execPath, [VITEST, "run", ...vitestArgs], env);
  const lines = fs.existsSync(countFile) ? fs.readFileSync(countFile, "utf8").trim().split("\n").filter(Boolean) : [];
  fs.rmSync(path.dirname(countFile), { recursive: true, force: true });
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const line of lines) {
    const [p, f, s] = line.split(/\s+/).map(Number);
    counts.passed += p || 0;
    counts.failed += f || 0;
    counts.skipped += s || 0;
  }
  // A run that died before reporting (bad global setup, crash) still counts as a failure.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  if (code !== 0) problems.push(`vitest on ${engine} failed (exit ${code})`);
  if (process.env.FO_COUNT_FILE) fs.appendFileSync(process.env.FO_COUNT_FILE, `${counts.passed} ${counts.failed} ${counts.skipped}\n`);
  for (const k of Object.keys(totals)) totals[k] += counts[k];
  process.stdout.write(`\n${engine}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
}

if (!suiteOnly) {
  step("build the web app", "build", { when: () => fs.existsSync(path.join(ROOT, "web/vite.config.ts")), missing: "web/vite.config.ts not found" });
  if (problems.length > 0) {
    process.stdout.write(`\nThe web app did not build; the browser tests need it, so the suite was not run.\n0 passed, 1 failed, 0 skipped\n`);
    process.exit(1);
  }
  const eslintConfig = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts"].some((f) => fs.existsSync(path.join(ROOT, f)));
  step("lint", "lint", { when: () => eslintConfig, missing: "no eslint.config.* yet" });
  step("typecheck", "typecheck", { when: () => true, missing: "" });
}

if (engines === "both" || engines === "pglite") suite("pglite");
if (engines === "both" || engines === "postgres") {
  const url = process.env.TEST_DATABASE_URL ?? DEFAULT_PG;
  const reach = await postgresReachable(url);
  if (reach.ok) suite("postgres");
  else {
    const where = url.replace(/\/\/[^@/]*@/, "//…@");
    banner(`NO POSTGRESQL at ${where}: the PostgreSQL run was ${requirePostgres ? "REQUIRED and could not run" : "SKIPPED"}`);
    process.stdout.write(`  (${reach.reason})\n  Start a local server, or set TEST_DATABASE_URL, to run the suite on PostgreSQL as well.\n`);
    if (requirePostgres) {
      problems.push("PostgreSQL is required (CI) but unreachable");
      totals.failed += 1;
    } else postgresSkipped = true;
  }
}

banner(
  problems.length
    ? `FAILED: ${problems.join("; ")}`
    : postgresSkipped
      ? "Passed on PGlite; PostgreSQL was NOT tested (no server reachable)"
      : "All steps passed",
);
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
process.exit(problems.length > 0 || totals.failed > 0 ? 1 : 0);
