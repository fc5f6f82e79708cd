import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "../db/client.js";
import { buildDistrict, type TestDistrict } from "./factories.js";
import { postgresAdminUrl } from "./test-db.js";

// Real `frontoffice start` processes for the PostgreSQL-only process tests (SIGKILL durability, --role split).

const ROOT = path.resolve(import.meta.dirname, "../..");
const BIN = path.join(ROOT, "bin/frontoffice.js");

export type ScratchDatabase = { name: string; url: string; drop(): Promise<void> };

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: postgresAdminUrl() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export function databaseUrl(name: string): string {
  const u = new URL(postgresAdminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

/** An empty PostgreSQL database (no template): the first process to start migrates it, as in production. */
export async function createScratchDatabase(prefix = "frontoffice_proc"): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: databaseUrl(name), drop: () => dropDatabase(name) };
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

/** A port nothing listens on right now (for checking that a process does not listen). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export type AppProcess = {
  pid: number;
  role: "web" | "worker" | "all";
  /** `http://127.0.0.1:<port>` (null for a worker). */
  baseUrl: string | null;
  smtpPort: number | null;
  output(): string;
  exited(): boolean;
  /** Sends the signal and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
};

const running = new Set<ChildProcess>();
// Whatever happens to the test (a failed assertion, a crash of the test worker), no server outlives it.
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

/** SIGKILLs every process this file started that is still running (afterAll). */
export async function killAllAppProcesses(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        }),
    ),
  );
}

/**
 * Spawns `frontoffice start --role <role>` on ephemeral ports (HTTP and SMTP) against `databaseUrl` (or DATA_DIR), with the
 * demo seed and rate limits off, and resolves once it is ready (the banner is printed).
 */
export async function startAppProcess(opts: {
  /** PostgreSQL; without it the process opens the embedded database in `env.DATA_DIR`. */
  databaseUrl?: string;
  role: "web" | "worker" | "all";
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<AppProcess> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
    HOST: "127.0.0.1",
    PORT: "0",
    SMTP_PORT: "0",
    PUBLIC_URL: "http://frontoffice.test",
    SEED_DEMO: "off",
    DEV_OUTBOX: "on",
    RATE_LIMIT_PUBLIC_IP: "0/60",
    RATE_LIMIT_FORM: "0/60",
    ...opts.env,
  };
  const child = spawn(process.execPath, [BIN, "start", "--role", opts.role], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let out = "";
  const append = (d: Buffer) => {
    out += d.toString();
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
  };
  child.stdout.on("data", append);
  child.stderr.on("data", append);
  const gone = new Promise<void>((resolve) =>
    child.once("exit", () => {
      running.delete(child);
      resolve();
    }),
  );
  const ready = opts.role === "worker" ? "Front Office worker is running background jobs" : "Press Ctrl+C to stop.";
  const deadline = Date.now() + (opts.timeoutMs ?? 120_000);
  while (!out.includes(ready)) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`start --role ${opts.role} exited (${child.exitCode ?? child.signalCode}):\n${out.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`start --role ${opts.role} was not ready in time:\n${out.slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const address = /Front Office is running at (http:\/\/[^\s]+) /.exec(out)?.[1] ?? null;
  const smtpLine = out.split("\n").find((l) => l.includes('"inbound SMTP receiver listening"'));
  const smtpPort = smtpLine ? (JSON.parse(smtpLine) as { port: number }).port : null;
  return {
    pid: child.pid!,
    role: opts.role,
    baseUrl: address,
    smtpPort,
    output: () => out,
    exited: () => child.exitCode !== null || child.signalCode !== null,
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await gone;
    },
  };
}

/** A scratch PostgreSQL database served by a real app process, with one test district and handles to check it. */
export type ProcessDistrict = { scratch: ScratchDatabase; server: AppProcess; db: Database; client: pg.Pool; d: TestDistrict; close(): Promise<void> };

/**
 * Creates a scratch database, starts `frontoffice start --role <role>` on it (the process migrates it), builds a test
 * district from here as an admin would, and opens a small pool for the test's own queries. `close` stops every app
 * process the test started and drops the database; a failure half-way cleans up what it made before rethrowing.
 */
export async function processDistrict(role: "web" | "worker" | "all"): Promise<ProcessDistrict> {
  const scratch = await createScratchDatabase();
  let db: Database | undefined;
  let client: pg.Pool | undefined;
  const close = async () => {
    await killAllAppProcesses();
    await client?.end();
    await db?.close();
    await scratch.drop();
  };
  try {
    const server = await startAppProcess({ databaseUrl: scratch.url, role });
    db = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
    const d = await buildDistrict({ database: db });
    client = new pg.Pool({ connectionString: scratch.url, max: 2 });
    return { scratch, server, db, client, d, close };
  } catch (err) {
    await close();
    throw err;
  }
}
