/**
 * ECharts, trimmed to what the reports draw (bar and line charts, grid, legend, tooltip, aria decals) with the SVG
 * renderer. Only ever imported dynamically by Chart.tsx, so it is a chunk of its own that the reports routes load and
 * the rest of the app never does (e2e/web-bundle.test.ts checks the main bundle).
 */
import { BarChart, LineChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { init, use } from "echarts/core";
import { SVGRenderer } from "echarts/renderers";

use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

export { init };
