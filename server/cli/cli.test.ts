import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type Database } from "../db/client.js";
import { staff } from "../db/schema/index.js";
import { createDistrict } from "../domain/districts/index.js";
import { findApiToken, findDistrictIdBySlug, verifyPassword } from "../domain/staff/index.js";
import { openTestDatabase, testEngine } from "../test/test-db.js";
import { runCli } from "./run.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/frontoffice.js");
const SLOW = 300_000; // real processes on a busy machine: opening, migrating, seeding

type Result = { code: number | null; stdout: string; stderr: string };

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", LOG_LEVEL: "warn" };
  return { ...env, ...extra };
}

function cli(args: string[], env: Record<string, string>): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: baseEnv(env) });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

type Server = { child: ChildProcess; port: number; output(): string; stop(signal?: NodeJS.Signals): Promise<number | null> };

/** Spawns `frontoffice start` and waits until /healthz answers and the welcome banner is printed. */
async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "start"], { cwd: ROOT, env: baseEnv({ ...env, PORT: String(port), SMTP_PORT: "0" }) });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const deadline = Date.now() + SLOW;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`start exited with ${child.exitCode}:\n${out}`);
    if (Date.now() > deadline) throw new Error(`start never became healthy:\n${out}`);
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok && out.includes("Press Ctrl+C to stop.")) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    child,
    port,
    output: () => out,
    async stop(signal = "SIGTERM") {
      child.kill(signal);
      return exited;
    },
  };
}

/** Runs the CLI in this process (same code as the binary, without a process start per call). */
function capture(env: Record<string, string> = {}) {
  const io = { stdout: "", stderr: "", env: { NODE_ENV: "test", LOG_LEVEL: "warn", ...env } as NodeJS.ProcessEnv };
  // Like the process streams: every write is a line.
  const line = (s: string) => (s.endsWith("\n") ? s : `${s}\n`);
  return Object.assign(io, { out: (s: string) => void (io.stdout += line(s)), err: (s: string) => void (io.stderr += line(s)) });
}

async function inProcess(argv: string[], env: Record<string, string>): Promise<Result> {
  const io = capture(env);
  const code = await runCli(argv, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe("the command line, without touching a database", () => {

  it("prints the usage and exits 2 on an unknown command", async () => {
    const io = capture();
    expect(await runCli(["frobnicate"], io)).toBe(2);
    expect(io.stderr).toContain('Unknown command "frobnicate"');
    expect(io.stderr).toContain("Usage: frontoffice <command>");
    expect(io.stdout).toBe("");
  });

  it("exits 2 with the command's usage on bad or missing flags", async () => {
    for (const argv of [
      ["create-token", "--district", "riverside"],
      ["create-token", "--district", "riverside", "--role", "janitor"],
      ["create-admin", "--district", "riverside", "--email", "a@b.example", "--password", "short"],
      ["create-admin", "--district", "riverside", "--email", "not-an-email", "--password", "long enough password"],
      ["start", "--role", "everything"],
      ["migrate", "--force"],
      ["seed-demo", "extra"],
    ]) {
      const io = capture();
      expect(await runCli(argv, io), argv.join(" ")).toBe(2);
      expect(io.stderr, argv.join(" ")).toContain(`Usage: frontoffice ${argv[0]}`);
    }
  });

  it("names the available evaluations when asked for one that does not exist", async () => {
    const io = capture();
    expect(await runCli(["eval", "astrology"], io)).toBe(2);
    expect(io.stderr).toContain("eval needs one of:");
    expect(io.stderr).toContain("Usage: frontoffice eval");
  });

  it("lists every command in the help", async () => {
    const io = capture();
    expect(await runCli(["help"], io)).toBe(0);
    for (const c of ["start", "migrate", "seed-demo", "create-admin", "create-token", "eval"]) expect(io.stdout).toContain(`frontoffice ${c}`);
  });
});

describe("a fresh install, through real processes", () => {
  let dataDir: string;
  let pg: Database | undefined;
  let env: Record<string, string>;
  let password = "";

  /** The database the spawned commands use, opened in this process only while no server runs. */
  async function inspect<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    if (pg) return fn(pg);
    const db = await openDatabase({ dataDir });
    try {
      return await fn(db);
    } finally {
      await db.close();
    }
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fo-cli-"));
    env = { DATA_DIR: dataDir };
    if (testEngine() === "postgres") {
      pg = await openTestDatabase();
      env.DATABASE_URL = pg.connectionString!;
    }
  });
  afterAll(async () => {
    await pg?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    "seeds the demo district on the first start, prints where to open it and a one-time admin password, and stops cleanly on SIGTERM",
    async () => {
      const server = await startServer(env);
      const banner = server.output();
      expect(banner).toContain(`http://localhost:${server.port}/d/riverside`);
      expect(banner).toContain(`http://localhost:${server.port}/app/`);
      expect(banner).toContain(`http://localhost:${server.port}/dev/outbox`);
      expect(banner).toContain("admin@riverside.example");
      password = /Password\s+(\S+)/.exec(banner)?.[1] ?? "";
      expect(password.length).toBeGreaterThanOrEqual(12);
      const landing = await fetch(`http://127.0.0.1:${server.port}/d/riverside`);
      expect(landing.status).toBe(200);
      expect(await server.stop("SIGTERM")).toBe(0);

      await inspect(async (db) => {
        const districtId = (await findDistrictIdBySlug(db.db, "riverside"))!;
        expect((await verifyPassword(db.db, districtId, "admin@riverside.example", password))?.role).toBe("admin");
      });
    },
    SLOW,
  );

  it(
    "refuses to seed the demo district twice",
    async () => {
      const r = await inProcess(["seed-demo"], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/already exists.*nothing was changed/);
    },
    SLOW,
  );

  it(
    "resets an admin's password, and creates a new admin",
    async () => {
      const reset = await inProcess(["create-admin", "--district", "riverside", "--email", "ADMIN@riverside.example", "--password", "a brand new passphrase"], env);
      expect(reset.code, reset.stderr).toBe(0);
      expect(reset.stdout).toContain("Reset the password of admin@riverside.example");
      const created = await inProcess(["create-admin", "--district", "riverside", "--email", "it.lead@riverside.example", "--password", "another long passphrase"], env);
      expect(created.code, created.stderr).toBe(0);
      await inspect(async (db) => {
        const districtId = (await findDistrictIdBySlug(db.db, "riverside"))!;
        expect(await verifyPassword(db.db, districtId, "admin@riverside.example", password)).toBeUndefined();
        expect((await verifyPassword(db.db, districtId, "admin@riverside.example", "a brand new passphrase"))?.role).toBe("admin");
        expect((await verifyPassword(db.db, districtId, "it.lead@riverside.example", "another long passphrase"))?.role).toBe("admin");
      });
    },
    SLOW,
  );

  it(
    "prints only a bearer token acting as one reused service account per role",
    async () => {
      const first = await inProcess(["create-token", "--district", "riverside", "--role", "agent", "--department", "transportation"], env);
      const second = await inProcess(["create-token", "--district", "riverside", "--role", "agent"], env);
      for (const r of [first, second]) {
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/^fo_[A-Za-z0-9_-]{20,100}\n$/);
      }
      expect(first.stdout).not.toBe(second.stdout);
      await inspect(async (db) => {
        const a = await findApiToken(db.db, first.stdout.trim());
        const b = await findApiToken(db.db, second.stdout.trim());
        expect(a?.staffId).toBeDefined();
        expect(b?.staffId).toBe(a?.staffId);
        const [account] = await db.db.select().from(staff).where(and(eq(staff.districtId, a!.districtId), eq(staff.id, a!.staffId)));
        expect(account).toMatchObject({ name: "API (agent)", role: "agent", isService: true, passwordHash: null });
      });
      const nowhere = await inProcess(["create-token", "--district", "nowhere", "--role", "agent"], env);
      expect(nowhere.code).toBe(1);
      expect(nowhere.stderr).toContain('No district "nowhere"');
      expect(nowhere.stdout).toBe("");
    },
    SLOW,
  );

  it(
    "on later starts shows the admin's email and how to reset the password, never a password",
    async () => {
      const server = await startServer(env);
      const banner = server.output();
      expect(banner).toContain("admin@riverside.example");
      expect(banner).toContain("create-admin --district riverside --email admin@riverside.example");
      expect(banner).not.toMatch(/Password\s/);
      expect(await server.stop("SIGINT")).toBe(0);
    },
    SLOW,
  );
});

describe("one owner per embedded data directory", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fo-lock-"));
    const db = await openDatabase({ dataDir });
    await migrateDatabase(db);
    await createDistrict(db.db, { slug: "lakeview", name: "Lakeview School District", referencePrefix: "LSD", replyDomain: "lakeview.example", fromEmail: "hello@lakeview.example" });
    await db.close();
  }, SLOW);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it(
    "turns a command away while a server runs on the same directory, and lets it run once the server stopped",
    async () => {
      const env = { DATA_DIR: dataDir, SEED_DEMO: "off" };
      const server = await startServer(env);
      expect(server.output()).toContain("/d/lakeview");
      const blocked = await cli(["create-token", "--district", "lakeview", "--role", "admin"], env);
      expect(blocked.code).toBe(1);
      expect(blocked.stdout).toBe("");
      expect(blocked.stderr).toContain(`is in use by a running Front Office server (pid ${server.child.pid})`);
      expect(blocked.stderr).toContain("Stop it first");
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
      expect(await server.stop("SIGTERM")).toBe(0);

      const after = await cli(["create-token", "--district", "lakeview", "--role", "admin"], env);
      expect(after.code, after.stderr).toBe(0);
      expect(after.stdout).toMatch(/^fo_[A-Za-z0-9_-]{20,100}\n$/);
    },
    SLOW,
  );
});
