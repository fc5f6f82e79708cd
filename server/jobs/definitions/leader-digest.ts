import { z } from "zod";
import { districts } from "../../db/schema/index.js";
import { inDistrict } from "../../db/tenant.js";
import { sendWeeklyLeaderDigest } from "../../domain/reports/index.js";
import { jobCtx } from "../context.js";
import { localWeekdayHour } from "../local-time.js";
import type { JobDefinition } from "../registry.js";
import { DIGEST_HOUR } from "./notification-digests.js";

const Payload = z.object({ districtId: z.uuid().optional() });

/** Hourly: where it is Monday 7 in the morning, district leaders get last week's headline figures (once a week). */
export const leaderDigestJob: JobDefinition<typeof Payload> = {
  id: "leader-digest",
  schema: Payload,
  retryLimit: 2,
  cron: "5 * * * *",
  async handler(deps, payload, job) {
    const now = (deps.now ?? (() => new Date()))();
    const all = await deps.database.db.select({ id: districts.id, timeZone: districts.timeZone }).from(districts);
    const due = all.filter((d) => {
      if (payload.districtId) return d.id === payload.districtId;
      const l = localWeekdayHour(d.timeZone, now);
      return l.weekday === "Mon" && l.hour === DIGEST_HOUR;
    });
    for (const d of due) {
      const r = await inDistrict(deps.database.db, d.id, (tx) => sendWeeklyLeaderDigest(jobCtx(deps, d.id, tx, job.log, "leader digest")));
      if (r.emails) job.log.info({ districtId: d.id, emails: r.emails, from: r.from }, "leader digest queued");
    }
  },
};
