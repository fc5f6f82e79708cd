import type { EChartsCoreOption, EChartsType } from "echarts/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type EChartsInstance = EChartsType;

type Props = {
  option: EChartsCoreOption;
  /** What the chart shows, in words (read by screen readers; the table beside it has the figures). */
  label: string;
  size?: "sm" | "md" | "lg";
  /** Called with the index of the bar or point clicked (drill-down; the table's links do the same by keyboard). */
  onSelect?: (dataIndex: number) => void;
};

/**
 * An ECharts chart drawn as SVG. ECharts is loaded on first use (a chunk of its own), so only the reports pay for it.
 * The container is focusable with a summary as its accessible name; the figures and drill-down links are in the table.
 */
export function Chart({ option, label, size = "md", onSelect }: Props) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsInstance | null>(null);
  const [failed, setFailed] = useState(false);
  const select = useRef(onSelect);
  select.current = onSelect;

  useEffect(() => {
    let disposed = false;
    let instance: EChartsInstance | null = null;
    const resize = () => instance?.resize();
    const observer = new ResizeObserver(resize);
    import("../echarts.js")
      .then(({ init }) => {
        if (disposed || !ref.current) return;
        instance = init(ref.current, null, { renderer: "svg" });
        instance.on("click", (p) => {
          if (typeof p.dataIndex === "number") select.current?.(p.dataIndex);
        });
        observer.observe(ref.current);
        setChart(instance);
      })
      .catch(() => setFailed(true));
    // Printing lays the page out again at paper width.
    window.addEventListener("beforeprint", resize);
    window.addEventListener("afterprint", resize);
    return () => {
      disposed = true;
      observer.disconnect();
      window.removeEventListener("beforeprint", resize);
      window.removeEventListener("afterprint", resize);
      instance?.dispose();
    };
  }, []);

  useEffect(() => {
    chart?.setOption(option, true);
  }, [chart, option]);

  if (failed) return <p className="chart__failed">{t("reports.chart.failed")}</p>;
  return <div ref={ref} className={`chart chart--${size}`} role="img" aria-label={label} tabIndex={0} data-ready={chart ? "true" : undefined} />;
}
