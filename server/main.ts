import { and, eq } from "drizzle-orm";
import { buildApp, type App } from "./app.js";
import { createMailer } from "./channels/email/mailer.js";
import type { Config } from "./config/index.js";
import { migrateDatabase, openDatabase, type Database } from "./db/client.js";
import { districts, staff } from "./db/schema/index.js";
import { DEMO_ADMIN_EMAIL, DEMO_SLUG, seedDemo, type SeedDemoResult } from "./demo/index.js";
import type { AppDeps } from "./http/context.js";
import { startInboundSmtp } from "./ingest/smtp.js";
import { createJobRunner, type JobRunner } from "./jobs/runner.js";
import type { SmtpReceiver } from "./channels/email/smtp-receiver.js";
import { AppError } from "./lib/errors.js";
import type { Logger } from "./lib/logger.js";

export type RunningFrontOffice = {
  config: Config;
  database: Database;
  jobs: JobRunner;
  /** null for a worker-only process. */
  app: App | null;
  /** Where the HTTP server actually listens (PORT=0 picks a free port). */
  address: string | null;
  /** The port of the built-in SMTP receiver, when it runs. */
  smtpPort: number | null;
  /** The demo district created by this start, with its one-time admin password. */
  seeded: SeedDemoResult | null;
  /** Stops accepting requests, lets in-flight ones finish, stops the job workers, closes the database. */
  stop(): Promise<void>;
};

async function isEmpty(database: Database): Promise<boolean> {
  const rows = await database.db.select({ id: districts.id }).from(districts).limit(1);
  return rows.length === 0;
}

/**
 * The composition root: opens and migrates the database, seeds the demo district on an empty one,
 * starts the job queue (and its workers unless the role is web) and the HTTP server (unless worker).
 * On PGlite the data directory is locked for this process until stop().
 */
export async function startFrontOffice(config: Config, log: Logger): Promise<RunningFrontOffice> {
  // first, so a bad SMTP_URL leaves nothing open; no connection until the first email, closed when the process stops
  const mailer = createMailer(config.smtpUrl);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, preparedStatements: config.preparedStatements });
  let jobs: JobRunner | undefined;
  let app: App | null = null;
  let smtp: SmtpReceiver | null = null;
  try {
    await migrateDatabase(database);
    log.info({ database: database.kind }, "database ready");
    let seeded: SeedDemoResult | null = null;
    if (config.role !== "worker" && config.seedDemo && (await isEmpty(database))) {
      log.info("empty database: seeding the demo district");
      try {
        seeded = await seedDemo(database.db);
        log.info({ conversations: seeded.counts.conversations, ms: seeded.ms }, "demo district seeded");
      } catch (err) {
        // Another process booting on the same PostgreSQL database seeded it first.
        if (!(err instanceof AppError && err.code === "conflict")) throw err;
        log.info("the demo district was seeded by another process");
      }
    }
    jobs = createJobRunner(database, { database, publicUrl: config.publicUrl, mailer }, log);
    await jobs.init();
    if (config.role !== "web") {
      await jobs.work();
      log.info({ transport: mailer.transport }, "job workers started");
    }
    let address: string | null = null;
    if (config.role !== "worker") {
      const deps: AppDeps = { database, jobs, log, now: () => new Date(), publicUrl: config.publicUrl, devOutbox: config.devOutbox, security: config.security };
      app = await buildApp(deps);
      address = await app.listen({ host: config.host, port: config.port });
      if (config.inboundSmtp.enabled) {
        smtp = await startInboundSmtp(deps, { host: config.host, port: config.inboundSmtp.port });
        log.info({ port: smtp.port }, "inbound SMTP receiver listening");
      }
    }
    const receiver = smtp;
    const running = jobs;
    const web = app;
    return {
      config,
      database,
      jobs: running,
      app: web,
      address,
      smtpPort: receiver?.port ?? null,
      seeded,
      async stop() {
        // Stop taking new mail and requests first; what was acknowledged is already stored.
        if (receiver) await receiver.close();
        if (web) await web.close();
        await running.stop();
        mailer.close();
        await database.close();
      },
    };
  } catch (err) {
    await smtp?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await jobs?.stop().catch(() => undefined);
    mailer.close();
    await database.close().catch(() => undefined);
    throw err;
  }
}

/** What the welcome message needs to know about the database behind a running server. */
export async function describeDistricts(database: Database): Promise<{ districts: { slug: string; name: string }[]; demoAdmin: boolean }> {
  const rows = await database.db.select({ id: districts.id, slug: districts.slug, name: districts.name }).from(districts).orderBy(districts.createdAt);
  const demo = rows.find((d) => d.slug === DEMO_SLUG);
  const admin = demo
    ? await database.db
        .select({ id: staff.id })
        .from(staff)
        .where(and(eq(staff.districtId, demo.id), eq(staff.email, DEMO_ADMIN_EMAIL), eq(staff.role, "admin"), eq(staff.active, true)))
    : [];
  return { districts: rows.map(({ slug, name }) => ({ slug, name })), demoAdmin: admin.length > 0 };
}
