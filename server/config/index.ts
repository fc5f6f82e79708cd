import path from "node:path";
import { z } from "zod";

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional(),
  SMTP_URL: z.string().url().optional(),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  INBOUND_SMTP: z.enum(["on", "off"]).default("on"),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEV_OUTBOX: z.enum(["on", "off"]).optional(),
  ROLE: z.enum(["web", "worker", "all"]).default("all"),
  SEED_DEMO: z.enum(["auto", "off"]).default("auto"),
});

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  smtpUrl: string | undefined;
  /** The built-in SMTP receiver for the districts' addresses (on by default, web and all roles). */
  inboundSmtp: { enabled: boolean; port: number };
  publicUrl: string;
  logLevel: string;
  /** The development mail sink at /dev/outbox: on by default when no SMTP server is configured. */
  devOutbox: boolean;
  role: "web" | "worker" | "all";
  seedDemo: boolean;
};

/** Parses the environment once at boot; the process refuses to start on bad config. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${lines}`);
  }
  const e = parsed.data;
  const config: Config = {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    inboundSmtp: { enabled: e.INBOUND_SMTP === "on", port: e.SMTP_PORT },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    logLevel: e.LOG_LEVEL,
    devOutbox: e.DEV_OUTBOX ? e.DEV_OUTBOX === "on" : !e.SMTP_URL,
    role: e.ROLE,
    seedDemo: e.SEED_DEMO === "auto",
  };
  return { ...config, ...overrides };
}
