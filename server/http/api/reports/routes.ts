import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  BreakdownQuerySchema,
  ReportAlertsSchema,
  ReportAnsweredSchema,
  ReportBacklogSchema,
  ReportBreachesSchema,
  ReportBreakdownSchema,
  ReportFiltersSchema,
  ReportSatisfactionSchema,
  ReportSummarySchema,
  ReportTimeseriesSchema,
  ReportTrendingSchema,
  TimeseriesQuerySchema,
} from "../../../../common/contract/reports.js";
import * as reports from "../../../domain/reports/index.js";
import { forbidden } from "../../../lib/errors.js";
import type { AppDeps } from "../../context.js";
import { roleAllows, staffOf } from "../../plugins/auth.js";
import { staffContexts } from "../staff-context.js";

const REPORTS = { audience: "staff", ability: "reports.read" } as const;

/** JSON, or with `format=csv` the same report as a CSV attachment (the route's JSON serializer bypassed). */
function answer<T>(req: FastifyRequest, reply: FastifyReply, name: string, body: T, csv: (b: T) => string): T {
  if ((req.query as { format?: string }).format !== "csv") return body;
  const day = new Date().toISOString().slice(0, 10);
  reply
    .type("text/csv; charset=utf-8")
    .header("content-disposition", `attachment; filename="front-office-${name}-${day}.csv"`)
    .serializer((s: unknown) => String(s));
  // the reply itself is returned, as Fastify wants from an async handler that sent
  return reply.send(csv(body)) as unknown as T;
}

/** Reports (docs/METRICS.md): read-only figures for the district, optionally narrowed; CSV on request. */
export const reportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { read } = staffContexts(deps);
  const filtered = (response: object) => ({ config: REPORTS, schema: { querystring: ReportFiltersSchema, response: { 200: response } } }) as const;

  app.get("/reports/summary", filtered(ReportSummarySchema), async (req, reply) =>
    answer(req, reply, "summary", await reports.reportSummary(read(req), req.query), reports.summaryCsv),
  );

  app.get("/reports/timeseries", { config: REPORTS, schema: { querystring: TimeseriesQuerySchema, response: { 200: ReportTimeseriesSchema } } }, async (req, reply) =>
    answer(req, reply, `timeseries-${req.query.metric}`, await reports.reportTimeseries(read(req), req.query), reports.timeseriesCsv),
  );

  app.get("/reports/breakdown", { config: REPORTS, schema: { querystring: BreakdownQuerySchema, response: { 200: ReportBreakdownSchema } } }, async (req, reply) => {
    if (req.query.by === "assignee" && !roleAllows(staffOf(req).actor, "reports.staff")) throw forbidden("Staff performance is for admins and supervisors");
    return answer(req, reply, `breakdown-${req.query.by}`, await reports.reportBreakdown(read(req), req.query), reports.breakdownCsv);
  });

  app.get("/reports/backlog", filtered(ReportBacklogSchema), async (req, reply) =>
    answer(req, reply, "backlog", await reports.reportBacklog(read(req), req.query), reports.backlogCsv),
  );
  app.get("/reports/breaches", filtered(ReportBreachesSchema), async (req, reply) =>
    answer(req, reply, "breaches", await reports.reportBreaches(read(req), req.query), reports.breachesCsv),
  );
  app.get("/reports/satisfaction", filtered(ReportSatisfactionSchema), async (req, reply) =>
    answer(req, reply, "satisfaction", await reports.reportSatisfaction(read(req), req.query), reports.satisfactionCsv),
  );
  app.get("/reports/alerts", filtered(ReportAlertsSchema), async (req, reply) =>
    answer(req, reply, "alerts", await reports.reportAlerts(read(req), req.query), reports.alertsCsv),
  );
  app.get("/reports/trending", filtered(ReportTrendingSchema), async (req, reply) =>
    answer(req, reply, "trending", await reports.reportTrending(read(req), req.query), reports.trendingCsv),
  );
  app.get("/reports/answered", filtered(ReportAnsweredSchema), async (req, reply) =>
    answer(req, reply, "answered", await reports.reportAnswered(read(req), req.query), reports.answeredCsv),
  );
};
