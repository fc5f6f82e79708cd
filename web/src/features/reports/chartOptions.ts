import type { EChartsCoreOption } from "echarts/core";

/**
 * ECharts options for the reports, as plain objects (no ECharts code here). Colour is never the only signal: bars
 * carry decal patterns and value labels, lines differ in dash and symbol, and every series is named in the legend.
 */

// Dark enough for 3:1 against white (WCAG 1.4.11 non-text contrast).
export const PALETTE = ["#1d4ed8", "#b45309", "#047857", "#7c3aed", "#be123c"];
const LINE_TYPES = ["solid", "dashed", "dotted"] as const;
const SYMBOLS = ["circle", "triangle", "rect", "diamond"] as const;
const TEXT = "#1b1f24";
const MUTED = "#555f6b";

export type Series = { name: string; data: (number | null)[] };

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The tooltip as plain escaped text (no inline styles: the app's CSP forbids them). */
function tooltipText(params: unknown, format: (v: number | null) => string): string {
  const list = (Array.isArray(params) ? params : [params]) as { name?: string; seriesName?: string; value?: unknown }[];
  const head = list[0]?.name ?? "";
  const lines = list.map((p) => `${escapeHtml(p.seriesName ?? "")}: ${escapeHtml(format(typeof p.value === "number" ? p.value : null))}`);
  return [escapeHtml(head), ...lines].join("<br>");
}

const base = (format: (v: number | null) => string, legend: boolean): EChartsCoreOption => ({
  animation: false,
  color: PALETTE,
  textStyle: { color: TEXT, fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" },
  aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
  legend: legend ? { show: true, top: 0, textStyle: { color: TEXT } } : { show: false },
  tooltip: { trigger: "axis", className: "chart-tooltip", formatter: (p: unknown) => tooltipText(p, format) },
});

/** A line chart over time: one line per series (dashes and symbols tell them apart). */
export function lineOption(categories: string[], series: Series[], format: (v: number | null) => string): EChartsCoreOption {
  return {
    ...base(format, series.length > 1),
    grid: { left: 8, right: 16, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: categories, axisLabel: { color: MUTED }, axisLine: { lineStyle: { color: MUTED } } },
    yAxis: { type: "value", minInterval: 1, axisLabel: { color: MUTED, formatter: (v: number) => format(v) }, splitLine: { lineStyle: { color: "#e5e9ee" } } },
    series: series.map((s, i) => ({
      type: "line",
      name: s.name,
      data: s.data,
      connectNulls: false,
      symbol: SYMBOLS[i % SYMBOLS.length],
      symbolSize: 7,
      lineStyle: { width: 2.5, type: LINE_TYPES[i % LINE_TYPES.length] },
    })),
  };
}

/** A bar chart: vertical over time or scores, horizontal for named groups; each bar labelled with its value. */
export function barOption(categories: string[], series: Series[], format: (v: number | null) => string, opts: { horizontal?: boolean } = {}): EChartsCoreOption {
  // Every group named (interval 0): long names wrap under vertical bars and are cut beside horizontal ones.
  const cat = {
    type: "category",
    data: categories,
    axisLabel: { color: MUTED, interval: 0, width: opts.horizontal ? 160 : 64, overflow: opts.horizontal ? "truncate" : "break" },
    axisLine: { lineStyle: { color: MUTED } },
  };
  const val = { type: "value", axisLabel: { color: MUTED, formatter: (v: number) => format(v) }, splitLine: { lineStyle: { color: "#e5e9ee" } } };
  return {
    ...base(format, series.length > 1),
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, className: "chart-tooltip", formatter: (p: unknown) => tooltipText(p, format) },
    grid: { left: 8, right: 40, top: series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    xAxis: opts.horizontal ? val : cat,
    yAxis: opts.horizontal ? { ...cat, inverse: true } : val,
    series: series.map((s) => ({
      type: "bar",
      name: s.name,
      data: s.data,
      barMaxWidth: 36,
      label: { show: true, position: opts.horizontal ? "right" : "top", color: TEXT, formatter: (p: { value: unknown }) => (typeof p.value === "number" ? format(p.value) : "") },
    })),
  };
}
