import { createLogger } from "../../lib/logger.js";
import { describeDistricts, startFrontOffice } from "../../main.js";
import { DEMO_ADMIN_EMAIL, DEMO_SLUG } from "../../demo/index.js";
import { startBanner } from "../banner.js";
import { configFrom } from "../database.js";
import { parseFlags, UsageError, type CliIo } from "../io.js";

const ROLES = ["web", "worker", "all"] as const;

/** `frontoffice start`: runs until SIGINT/SIGTERM, then shuts down gracefully; a second signal forces exit. */
export async function start(args: string[], io: CliIo): Promise<number> {
  const flags = parseFlags("start", args, { role: { type: "string" } });
  const role = flags.role as (typeof ROLES)[number] | undefined;
  if (role !== undefined && !ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}`, "start");
  const config = configFrom(io, role ? { role } : {});
  const log = createLogger(config.logLevel);
  const running = await startFrontOffice(config, log);
  const described = await describeDistricts(running.database);
  io.out(
    startBanner({
      address: running.address,
      publicUrl: config.publicUrl,
      database: { kind: running.database.kind, dataDir: config.dataDir },
      role: config.role,
      devOutbox: config.devOutbox,
      seeded: running.seeded,
      districts: described.districts,
      demoAdmin: described.demoAdmin ? { slug: DEMO_SLUG, email: DEMO_ADMIN_EMAIL } : null,
    }),
  );

  return new Promise<number>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        io.err(`${signal} again: exiting without waiting for the shutdown to finish.`);
        process.exit(1);
      }
      stopping = true;
      log.info({ signal }, "shutting down: finishing in-flight requests and jobs");
      running.stop().then(
        () => {
          log.info("stopped");
          process.off("SIGINT", onSignal);
          process.off("SIGTERM", onSignal);
          resolve(0);
        },
        (err: unknown) => {
          log.error({ err: { message: (err as Error).message } }, "shutdown failed");
          resolve(1);
        },
      );
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
  });
}
