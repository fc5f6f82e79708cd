import type { EChartsCoreOption } from "echarts/core";
import { useId, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { Spinner } from "../../../ui/Spinner.js";
import { Chart } from "./Chart.js";

type Props = {
  title: string;
  /** the "Download CSV" address of this panel's report */
  csv?: string;
  chart?: { option: EChartsCoreOption; label: string; onSelect?: (dataIndex: number) => void; size?: "sm" | "md" | "lg" } | null;
  /** the figures (with drill-down links): the chart's alternative */
  table: ReactNode;
  /** "toggle": chart or table, switched by a button; "both": chart and table (the printable board report) */
  mode?: "toggle" | "both";
  query?: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  intro?: ReactNode;
  className?: string;
};

/** One report section: heading, chart with a "Show as table" switch (the table carries the drill-down links), CSV. */
export function ReportPanel({ title, csv, chart, table, mode = "toggle", query, intro, className }: Props) {
  const { t } = useTranslation();
  const headingId = useId();
  const [asTable, setAsTable] = useState(false);
  const showChart = chart && (mode === "both" || !asTable);
  const showTable = !chart || mode === "both" || asTable;
  let body: ReactNode;
  if (query?.isPending) body = <Spinner label={t("reports.chart.loading")} />;
  else if (query?.isError) body = <ProblemAlert error={query.error} title={t("reports.chart.error")} onRetry={() => void query.refetch()} />;
  else
    body = (
      <>
        {showChart ? <Chart option={chart.option} label={chart.label} onSelect={chart.onSelect} size={chart.size} /> : null}
        {showTable ? table : null}
      </>
    );
  return (
    <section className={["report-panel", className].filter(Boolean).join(" ")} aria-labelledby={headingId}>
      <div className="report-panel__head">
        <h2 id={headingId}>{title}</h2>
        <div className="report-panel__actions no-print">
          {chart && mode === "toggle" ? (
            <Button size="sm" variant="quiet" onPress={() => setAsTable((v) => !v)}>
              {asTable ? t("reports.actions.showChart") : t("reports.actions.showTable")}
            </Button>
          ) : null}
          {csv ? (
            <a className="btn btn--quiet btn--sm" href={csv} download aria-label={t("reports.actions.csvOf", { name: title })}>
              {t("reports.actions.csv")}
            </a>
          ) : null}
        </div>
      </div>
      {intro ? <div className="report-panel__intro">{intro}</div> : null}
      {body}
    </section>
  );
}
