import { separateNumberSource } from "../domain/districts/index.js";
import type { Ctx } from "../domain/shared/ctx.js";
import type { JobDeps } from "./registry.js";

/** The command context of a background job: a system actor named for what it does. */
export function jobCtx(deps: JobDeps, districtId: string, db: Ctx["db"], log: Ctx["log"], reason: string): Ctx {
  return {
    db,
    districtId,
    actor: { kind: "system", reason },
    now: deps.now ?? (() => new Date()),
    log,
    enqueue: deps.enqueue,
    app: { publicUrl: deps.publicUrl, numbers: separateNumberSource(deps.database) },
  };
}
