import { useTranslation } from "react-i18next";
import { HeadlineCards, type CardSpec } from "../features/reports/components/HeadlineCards.js";
import { AlertsPanel, BacklogPanel, BreachesPanel, SatisfactionMeansPanel } from "../features/reports/components/OverviewPanels.js";
import { ReportPanel } from "../features/reports/components/ReportPanel.js";
import { ResponseTimesPanel, VolumePanel } from "../features/reports/components/TrendPanels.js";
import { useReportContext, useSummary } from "../features/reports/hooks.js";
import { csvHref, drillDown } from "../features/reports/links.js";

/** The district overview (or one department's or school's, with that filter): headline figures and the trends behind them. */
export function ReportsOverviewPage() {
  const { t } = useTranslation();
  const { search, params } = useReportContext();
  const summary = useSummary();
  const period = summary.data?.period ?? null;
  const cards: CardSpec[] = [
    { key: "conversations", kind: "count", direction: "neutral", drill: drillDown(search, period) },
    { key: "firstResponseMedianBusinessHours", kind: "hours", direction: "lowerBetter" },
    { key: "firstResponseMedianHours", kind: "hours", direction: "lowerBetter" },
    { key: "resolutionMedianBusinessHours", kind: "hours", direction: "lowerBetter" },
    { key: "withinStandardShare", kind: "share", direction: "higherBetter" },
    { key: "unanswered", kind: "count", direction: "lowerBetter" },
    { key: "open", kind: "count", direction: "lowerBetter", drill: drillDown(search, null, { view: "all_open" }) },
    { key: "pastDue", kind: "count", direction: "lowerBetter", drill: drillDown(search, null, { view: "past_due" }) },
    { key: "dueSoon", kind: "count", direction: "neutral", drill: drillDown(search, null, { view: "due_soon" }) },
    { key: "cxScore", kind: "score", direction: "higherBetter" },
    { key: "criticalAlerts", kind: "count", direction: "neutral" },
    { key: "reach", kind: "count", direction: "neutral" },
  ];
  return (
    <div className="reports__body">
      <ReportPanel
        title={t("reports.overview.headline")}
        csv={csvHref("summary", params)}
        query={summary}
        table={summary.data ? <HeadlineCards summary={summary.data} cards={cards} label={t("reports.overview.headline")} /> : null}
      />
      <div className="reports__grid">
        <VolumePanel />
        <ResponseTimesPanel />
        <BacklogPanel />
        <BreachesPanel />
        <SatisfactionMeansPanel />
        <AlertsPanel />
      </div>
    </div>
  );
}
