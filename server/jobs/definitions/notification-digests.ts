import { z } from "zod";
import { districts } from "../../db/schema/index.js";
import { inDistrict } from "../../db/tenant.js";
import { sendDailyDigests } from "../../domain/notifications/index.js";
import { jobCtx } from "../context.js";
import { localWeekdayHour } from "../local-time.js";
import type { JobDefinition } from "../registry.js";

const Payload = z.object({ districtId: z.uuid().optional() });

/** The local hour of the day the daily digest goes out, in each district's time zone. */
export const DIGEST_HOUR = 7;

/** Hourly: where it is 7 in the morning, staff who chose the daily digest get one email of what they were not yet emailed about. */
export const notificationDigestsJob: JobDefinition<typeof Payload> = {
  id: "notification-digests",
  schema: Payload,
  retryLimit: 1,
  cron: "0 * * * *",
  async handler(deps, payload, job) {
    const now = (deps.now ?? (() => new Date()))();
    const all = await deps.database.db.select({ id: districts.id, timeZone: districts.timeZone }).from(districts);
    const due = all.filter((d) => (payload.districtId ? d.id === payload.districtId : localWeekdayHour(d.timeZone, now).hour === DIGEST_HOUR));
    for (const d of due) {
      const r = await inDistrict(deps.database.db, d.id, (tx) => sendDailyDigests(jobCtx(deps, d.id, tx, job.log, "digest")));
      if (r.emails) job.log.info({ districtId: d.id, emails: r.emails, notifications: r.notifications }, "notification digests queued");
    }
  },
};
