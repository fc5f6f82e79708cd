import path from "node:path";
import { z } from "zod";

/** `max/seconds`, e.g. `120/600` = 120 requests per 10 minutes; `0/…` turns the limit off. */
const Rate = z
  .string()
  .regex(/^\d+\/[1-9]\d*$/, "max/window seconds, e.g. 120/600")
  .transform((v) => {
    const [max, windowSeconds] = v.split("/").map(Number) as [number, number];
    return { max, windowSeconds };
  });

export type RateLimit = { max: number; windowSeconds: number };

/** Limits shared by every process through the database (`rate_limits`, `login_failures`). */
export type SecurityConfig = {
  /** Fastify's trustProxy: which peers' X-Forwarded-For/-Proto are believed (`loopback`, a hop count, IPs/CIDRs, true). */
  trustProxy: boolean | number | string;
  limits: {
    /** Every public write (form posts, the JSON API, write-back, ratings) per client IP, across districts. */
    publicIp: RateLimit;
    /** One topic's form (HTML or JSON) per client IP. */
    form: RateLimit;
    /** One private status link's write-back per client IP. */
    writeBack: RateLimit;
    /** Sign-in attempts for one district + email, from anywhere. */
    loginAccount: RateLimit;
    /** Sign-in attempts per client IP (generous: a district office signs everyone in through one address). */
    loginIp: RateLimit;
    /** Webhook deliveries per client IP (providers send in bursts). */
    webhookIp: RateLimit;
  };
  /** After `threshold` consecutive failures an account is locked for `baseSeconds`, doubling per further failure up to `maxSeconds`. */
  lockout: { threshold: number; baseSeconds: number; maxSeconds: number; resetAfterSeconds: number };
};

export const DEFAULT_SECURITY: SecurityConfig = {
  trustProxy: "loopback",
  limits: {
    publicIp: { max: 120, windowSeconds: 600 },
    form: { max: 20, windowSeconds: 600 },
    writeBack: { max: 30, windowSeconds: 600 },
    loginAccount: { max: 20, windowSeconds: 600 },
    loginIp: { max: 300, windowSeconds: 600 },
    webhookIp: { max: 1200, windowSeconds: 60 },
  },
  lockout: { threshold: 5, baseSeconds: 60, maxSeconds: 3600, resetAfterSeconds: 86_400 },
};

/** TRUST_PROXY: true/false, a hop count, or a comma-separated list of addresses, CIDRs or proxy-addr names. */
function trustProxyOf(v: string): boolean | number | string {
  if (v === "true") return true;
  if (v === "false") return false;
  if (/^\d+$/.test(v)) return Number(v);
  return v;
}

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATA_DIR: z.string().default("./data"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_PREPARED_STATEMENTS: z.enum(["on", "off"]).default("on"),
  SMTP_URL: z.string().url().optional(),
  SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  INBOUND_SMTP: z.enum(["on", "off"]).default("on"),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  DEV_OUTBOX: z.enum(["on", "off"]).optional(),
  ROLE: z.enum(["web", "worker", "all"]).default("all"),
  SEED_DEMO: z.enum(["auto", "off"]).default("auto"),
  TRUST_PROXY: z.string().default("loopback"),
  RATE_LIMIT_PUBLIC_IP: Rate.optional(),
  RATE_LIMIT_FORM: Rate.optional(),
  RATE_LIMIT_WRITE_BACK: Rate.optional(),
  RATE_LIMIT_LOGIN_ACCOUNT: Rate.optional(),
  RATE_LIMIT_LOGIN_IP: Rate.optional(),
  RATE_LIMIT_WEBHOOK_IP: Rate.optional(),
  LOGIN_LOCKOUT: z
    .string()
    .regex(/^\d+\/\d+\/\d+$/, "threshold/base seconds/max seconds, e.g. 5/60/3600")
    .transform((v) => v.split("/").map(Number) as [number, number, number])
    .optional(),
});

export type Config = {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** PostgreSQL: the intake path's statements are prepared by name (off behind PgBouncer in transaction mode). */
  preparedStatements: boolean;
  smtpUrl: string | undefined;
  /** The built-in SMTP receiver for the districts' addresses (on by default, web and all roles). */
  inboundSmtp: { enabled: boolean; port: number };
  publicUrl: string;
  logLevel: string;
  /** The development mail sink at /dev/outbox: on by default when no SMTP server is configured. */
  devOutbox: boolean;
  role: "web" | "worker" | "all";
  seedDemo: boolean;
  security: SecurityConfig;
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
    preparedStatements: e.DATABASE_PREPARED_STATEMENTS === "on",
    smtpUrl: e.SMTP_URL,
    inboundSmtp: { enabled: e.INBOUND_SMTP === "on", port: e.SMTP_PORT },
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ""),
    logLevel: e.LOG_LEVEL,
    devOutbox: e.DEV_OUTBOX ? e.DEV_OUTBOX === "on" : !e.SMTP_URL,
    role: e.ROLE,
    seedDemo: e.SEED_DEMO === "auto",
    security: {
      trustProxy: trustProxyOf(e.TRUST_PROXY),
      limits: {
        publicIp: e.RATE_LIMIT_PUBLIC_IP ?? DEFAULT_SECURITY.limits.publicIp,
        form: e.RATE_LIMIT_FORM ?? DEFAULT_SECURITY.limits.form,
        writeBack: e.RATE_LIMIT_WRITE_BACK ?? DEFAULT_SECURITY.limits.writeBack,
        loginAccount: e.RATE_LIMIT_LOGIN_ACCOUNT ?? DEFAULT_SECURITY.limits.loginAccount,
        loginIp: e.RATE_LIMIT_LOGIN_IP ?? DEFAULT_SECURITY.limits.loginIp,
        webhookIp: e.RATE_LIMIT_WEBHOOK_IP ?? DEFAULT_SECURITY.limits.webhookIp,
      },
      lockout: e.LOGIN_LOCKOUT
        ? { threshold: e.LOGIN_LOCKOUT[0], baseSeconds: e.LOGIN_LOCKOUT[1], maxSeconds: e.LOGIN_LOCKOUT[2], resetAfterSeconds: 86_400 }
        : DEFAULT_SECURITY.lockout,
    },
  };
  return { ...config, ...overrides };
}
