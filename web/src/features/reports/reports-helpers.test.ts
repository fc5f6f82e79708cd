import i18next, { type TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { en } from "../../lib/i18n/en.js";
import { es } from "../../lib/i18n/es.js";
import { reportsEn } from "../../lib/i18n/reports.en.js";
import { reportsEs } from "../../lib/i18n/reports.es.js";
import { listFilters, parseInboxSearch } from "../inbox/search.js";
import { boardIntervalFor, bucketEnd, intervalFor, localDateOf, localMidnight, presetPeriod } from "./dates.js";
import { describeChange, formatFigure } from "./format.js";
import { parseReportSearch, periodOf, reportParams, scopeFilterCount } from "./filters.js";
import { backlogDrillDown, breakdownDrillDown, bucketPeriod, csvHref, drillDown } from "./links.js";

const LA = "America/Los_Angeles";
const DEPT = "3f2b8a4c-1d2e-4f5a-8b6c-7d8e9f0a1b2c";

describe("report date presets in the district's time zone", () => {
  it("takes today's date in the district's zone, not the browser's", () => {
    // 07:30 UTC on 1 March is still 28 February in Los Angeles (PST, UTC−8).
    expect(localDateOf(LA, new Date("2026-03-01T07:30:00Z"))).toBe("2026-02-28");
    expect(localDateOf(LA, new Date("2026-03-01T08:00:00Z"))).toBe("2026-03-01");
    expect(localDateOf("Europe/Madrid", new Date("2026-02-28T23:30:00Z"))).toBe("2026-03-01");
  });

  it("finds local midnights across daylight saving time", () => {
    expect(localMidnight(LA, "2026-03-08").toISOString()).toBe("2026-03-08T08:00:00.000Z"); // PST
    expect(localMidnight(LA, "2026-03-09").toISOString()).toBe("2026-03-09T07:00:00.000Z"); // PDT
    expect(localMidnight(LA, "2026-11-02").toISOString()).toBe("2026-11-02T08:00:00.000Z");
  });

  it("computes every preset as local dates with an exclusive end, including today", () => {
    const today = "2026-03-15";
    expect(presetPeriod("last7", today)).toEqual({ from: "2026-03-09", to: "2026-03-16" });
    expect(presetPeriod("last30", today)).toEqual({ from: "2026-02-14", to: "2026-03-16" });
    expect(presetPeriod("last90", today)).toEqual({ from: "2025-12-16", to: "2026-03-16" });
    expect(presetPeriod("thisMonth", today)).toEqual({ from: "2026-03-01", to: "2026-03-16" });
    expect(presetPeriod("lastMonth", today)).toEqual({ from: "2026-02-01", to: "2026-03-01" });
    expect(presetPeriod("lastMonth", "2026-01-31")).toEqual({ from: "2025-12-01", to: "2026-01-01" });
  });

  it("starts the school year on 1 July", () => {
    expect(presetPeriod("schoolYear", "2026-03-15")).toEqual({ from: "2025-07-01", to: "2026-03-16" });
    expect(presetPeriod("schoolYear", "2026-07-01")).toEqual({ from: "2026-07-01", to: "2026-07-02" });
    expect(presetPeriod("schoolYear", "2026-06-30")).toEqual({ from: "2025-07-01", to: "2026-07-01" });
  });

  it("picks days up to a month, weeks up to six months, then months", () => {
    expect(intervalFor({ from: "2026-03-01", to: "2026-04-01" })).toBe("day");
    expect(intervalFor({ from: "2026-01-01", to: "2026-04-01" })).toBe("week");
    expect(intervalFor({ from: "2025-07-01", to: "2026-04-01" })).toBe("month");
    expect(boardIntervalFor({ from: "2026-03-01", to: "2026-03-15" })).toBe("day");
    expect(boardIntervalFor({ from: "2026-03-01", to: "2026-04-01" })).toBe("week");
    expect(bucketEnd("2026-03-01", "month")).toBe("2026-04-01");
    expect(bucketEnd("2026-03-02", "week")).toBe("2026-03-09");
  });
});

describe("report filters in the URL", () => {
  it("keeps a shared link's preset, scope filters, metric and grouping", () => {
    const s = parseReportSearch({ range: "last90", departmentId: DEPT, channel: "email", kind: "concern", language: "es", metric: "cxScore", by: "school" });
    expect(s).toEqual({ range: "last90", departmentId: DEPT, channel: "email", kind: "concern", language: "es", metric: "cxScore", by: "school" });
    expect(scopeFilterCount(s)).toBe(4);
  });

  it("reads from/to as a custom range with an inclusive last day", () => {
    const s = parseReportSearch({ from: "2026-03-01", to: "2026-03-31" });
    expect(s).toEqual({ range: "custom", from: "2026-03-01", to: "2026-03-31" });
    expect(periodOf(s, "2026-05-01")).toEqual({ from: "2026-03-01", to: "2026-04-01" });
  });

  it("drops malformed values instead of failing, falling back to the last 30 days", () => {
    const s = parseReportSearch({ range: "custom", from: "2026-02-30", to: "2026-03-01", departmentId: "transport", channel: "fax", metric: "mood", by: "weather" });
    expect(s).toEqual({});
    expect(parseReportSearch({ from: "2026-03-10", to: "2026-03-01" })).toEqual({});
    expect(periodOf({}, "2026-03-15")).toEqual({ from: "2026-02-14", to: "2026-03-16" });
  });

  it("a preset wins over stray dates", () => {
    expect(parseReportSearch({ range: "last7", from: "2026-03-01", to: "2026-03-31" })).toEqual({ range: "last7" });
  });

  it("sends the period and only the scope filters to the API", () => {
    const s = parseReportSearch({ range: "lastMonth", departmentId: DEPT, metric: "cxScore" });
    expect(reportParams(s, "2026-03-15")).toEqual({ from: "2026-02-01", to: "2026-03-01", departmentId: DEPT });
  });
});

describe("CSV links and drill-downs", () => {
  it("points the CSV link at the same endpoint and filters with format=csv", () => {
    expect(csvHref("breakdown", { from: "2026-02-01", to: "2026-03-01", departmentId: DEPT, metric: "conversations", by: "topic", kind: undefined })).toBe(
      `/api/reports/breakdown?from=2026-02-01&to=2026-03-01&departmentId=${DEPT}&metric=conversations&by=topic&format=csv`,
    );
    expect(csvHref("summary", { from: "2026-02-01", to: "2026-03-01" })).toBe("/api/reports/summary?from=2026-02-01&to=2026-03-01&format=csv");
  });

  it("opens every conversation of the period with the report's scope and the row's group", () => {
    const period = { from: "2026-02-01T08:00:00.000Z", to: "2026-03-01T08:00:00.000Z" };
    const s = parseReportSearch({ range: "lastMonth", schoolId: DEPT, metric: "cxScore" });
    expect(breakdownDrillDown(s, period, "department", DEPT)).toEqual({ view: "all", schoolId: DEPT, departmentId: DEPT, createdFrom: period.from, createdTo: period.to });
    expect(breakdownDrillDown(s, period, "requesterRole", "parent")).toMatchObject({ requesterRole: "parent" });
    expect(breakdownDrillDown(s, period, "category", "none")).toBeNull();
    expect(breakdownDrillDown(s, period, "assignee", "none")).toMatchObject({ assigneeId: "none" });
    expect(drillDown({}, null, { view: "past_due" })).toEqual({ view: "past_due" });
  });

  it("clips a time-series bucket to the period, in the district's zone", () => {
    const period = { from: "2026-03-04T08:00:00.000Z", to: "2026-03-16T07:00:00.000Z" };
    expect(bucketPeriod(LA, "2026-03-02", "week", period)).toEqual({ from: period.from, to: "2026-03-09T07:00:00.000Z" });
    expect(bucketPeriod(LA, "2026-03-09", "day", period)).toEqual({ from: "2026-03-09T07:00:00.000Z", to: "2026-03-10T07:00:00.000Z" });
  });

  it("turns a backlog age bucket into a created range before the snapshot", () => {
    const snap = "2026-03-10T12:00:00.000Z";
    expect(backlogDrillDown({}, snap, "1_3d")).toEqual({ view: "all_open", createdFrom: "2026-03-07T12:00:00.000Z", createdTo: "2026-03-09T12:00:00.000Z" });
    expect(backlogDrillDown({}, snap, "gte_30d")).toEqual({ view: "all_open", createdTo: "2026-02-08T12:00:00.000Z" });
  });

  it("carries the drill-down filters through the inbox URL to the list API", () => {
    const s = parseInboxSearch({ view: "all", requesterRole: "parent", categoryId: DEPT, createdFrom: "2026-02-01T08:00:00.000Z", createdTo: "2026-03-01T08:00:00Z", channel: "email" });
    expect(s).toEqual({ view: "all", requesterRole: "parent", categoryId: DEPT, createdFrom: "2026-02-01T08:00:00.000Z", createdTo: "2026-03-01T08:00:00Z", channel: "email" });
    expect(listFilters(s)).toMatchObject({ requesterRole: "parent", categoryId: DEPT, createdFrom: "2026-02-01T08:00:00.000Z", createdTo: "2026-03-01T08:00:00Z" });
    expect(parseInboxSearch({ createdFrom: "last tuesday", createdTo: "2026-03-01" })).toEqual({});
  });
});

describe("headline changes in words", () => {
  const i18n = i18next.createInstance();
  void i18n.init({ resources: { en: { translation: { ...en, reports: reportsEn } }, es: { translation: { ...es, reports: reportsEs } } }, lng: "en", initAsync: false, interpolation: { escapeValue: false } });
  const t = i18n.t.bind(i18n) as unknown as TFunction;

  it("says up or down with the percentage and the previous value, and whether that is better", () => {
    expect(describeChange(0.25, "40", "neutral", "en", t)).toEqual({ arrow: "▲", text: "Up 25% from 40", tone: "neutral" });
    expect(describeChange(-0.5, "8.0 h", "lowerBetter", "en", t)).toEqual({ arrow: "▼", text: "Down 50% from 8.0 h (better)", tone: "good" });
    expect(describeChange(-0.1, "90%", "higherBetter", "en", t)).toEqual({ arrow: "▼", text: "Down 10% from 90% (worse)", tone: "bad" });
    expect(describeChange(0, "12", "neutral", "en", t)).toEqual({ arrow: "▬", text: "No change from 12", tone: "neutral" });
    expect(describeChange(null, "0", "neutral", "en", t)).toEqual({ arrow: "", text: "No comparison (previous: 0)", tone: "neutral" });
  });

  it("formats figures with their units", () => {
    expect(formatFigure(4.5, "hours", "en", t)).toBe("4.5 h");
    expect(formatFigure(0.625, "share", "en", t)).toBe("63%");
    expect(formatFigure(8.4, "score", "en", t)).toBe("8.4 / 10");
    expect(formatFigure(null, "count", "en", t)).toBe("—");
    expect(formatFigure(1234, "count", "en", t)).toBe("1,234");
  });
});
