import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import {
  BreakdownQuerySchema,
  ReportBreakdownSchema,
  ReportFiltersSchema,
  ReportSummarySchema,
  ReportTimeseriesSchema,
  TimeseriesQuerySchema,
} from "../../../../common/contract/reports.js";
import { reportBreakdown, reportSummary, reportTimeseries } from "../../../domain/reports/index.js";
import type { AppDeps } from "../../context.js";
import { staffContexts } from "../staff-context.js";

const REPORTS = { audience: "staff", ability: "reports.read" } as const;

/** Reports (docs/METRICS.md): summary with the previous period, a time series, a breakdown. Read-only. */
export const reportRoutes: FastifyPluginAsyncZod<{ deps: AppDeps }> = async (app, { deps }) => {
  const { read } = staffContexts(deps);

  app.get("/reports/summary", { config: REPORTS, schema: { querystring: ReportFiltersSchema, response: { 200: ReportSummarySchema } } }, async (req) =>
    reportSummary(read(req), req.query),
  );

  app.get("/reports/timeseries", { config: REPORTS, schema: { querystring: TimeseriesQuerySchema, response: { 200: ReportTimeseriesSchema } } }, async (req) =>
    reportTimeseries(read(req), req.query),
  );

  app.get("/reports/breakdown", { config: REPORTS, schema: { querystring: BreakdownQuerySchema, response: { 200: ReportBreakdownSchema } } }, async (req) =>
    reportBreakdown(read(req), req.query),
  );
};
