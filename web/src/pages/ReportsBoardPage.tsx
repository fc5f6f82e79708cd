import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { localized, useMeta } from "../lib/meta.js";
import { useSession } from "../lib/session.js";
import { Button } from "../ui/Button.js";
import { reportQuery } from "../features/reports/api.js";
import { boardIntervalFor } from "../features/reports/dates.js";
import { DataTable } from "../features/reports/components/DataTable.js";
import { HeadlineCards } from "../features/reports/components/HeadlineCards.js";
import { ReportPanel } from "../features/reports/components/ReportPanel.js";
import { ResponseTimesPanel, VolumePanel } from "../features/reports/components/TrendPanels.js";
import { formatCount, formatDecimal, formatInstantRange, formatShare } from "../features/reports/format.js";
import { useReportContext, useSummary } from "../features/reports/hooks.js";
import { csvHref, drillDown } from "../features/reports/links.js";

/**
 * The board report: the period's headline figures with their change, trends as small charts with their tables,
 * "You asked, we answered" and trending topics. Printable (reports.css @media print); aggregates only, no family's words.
 */
export function ReportsBoardPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const meta = useMeta();
  const session = useSession();
  const { params, timeZone, period, search } = useReportContext();
  const interval = boardIntervalFor(period);
  const summary = useSummary();
  const answered = useQuery(reportQuery("answered", params));
  const trending = useQuery(reportQuery("trending", params));
  const topicName = (id: string, label: string) => {
    const topic = meta.topics.find((x) => x.id === id);
    return topic ? localized(topic.name, lang) : label;
  };
  const p = summary.data?.period;
  const prepared = new Intl.DateTimeFormat(lang === "es" ? "es-US" : "en-US", { dateStyle: "long", timeZone }).format(new Date());

  return (
    <div className="reports__body board">
      <div className="board__intro">
        <p>
          {t("reports.board.intro", { district: session.district.name, range: p ? formatInstantRange(p.from, p.to, timeZone, lang) : "…" })}
        </p>
        <p className="board__note">{t("reports.board.generated", { date: prepared })}</p>
        <Button variant="primary" className="no-print" onPress={() => window.print()}>
          {t("reports.actions.print")}
        </Button>
      </div>
      <ReportPanel
        title={t("reports.board.headline")}
        csv={csvHref("summary", params)}
        query={summary}
        className="board__section"
        table={
          summary.data ? (
            <HeadlineCards
              summary={summary.data}
              label={t("reports.board.headline")}
              cards={[
                { key: "conversations", kind: "count", direction: "neutral" },
                { key: "reach", kind: "count", direction: "neutral" },
                { key: "firstResponseMedianBusinessHours", kind: "hours", direction: "lowerBetter" },
                { key: "withinStandardShare", kind: "share", direction: "higherBetter" },
                { key: "resolutionMedianBusinessHours", kind: "hours", direction: "lowerBetter" },
                { key: "cxScore", kind: "score", direction: "higherBetter" },
                { key: "pastDue", kind: "count", direction: "lowerBetter" },
                { key: "criticalAlerts", kind: "count", direction: "neutral" },
              ]}
            />
          ) : null
        }
      />
      <h2 className="board__heading">{t("reports.board.trends")}</h2>
      <div className="reports__grid board__trends">
        <VolumePanel mode="both" size="sm" interval={interval} />
        <ResponseTimesPanel mode="both" size="sm" interval={interval} />
      </div>
      <ReportPanel
        title={t("reports.board.answered")}
        csv={csvHref("answered", params)}
        query={answered}
        className="board__section"
        intro={<p>{t("reports.board.answeredIntro")}</p>}
        table={
          <DataTable
            caption={t("reports.board.answered")}
            empty={t("reports.board.answeredEmpty")}
            columns={[
              { header: t("reports.columns.topic") },
              { header: t("reports.columns.resolved"), numeric: true },
              { header: t("reports.columns.resolutionDays"), numeric: true },
              { header: t("reports.columns.highRatingShare"), numeric: true },
              { header: t("reports.columns.ratings"), numeric: true },
            ]}
            rows={(answered.data?.rows ?? []).map((r) => ({
              key: r.topicId,
              cells: [topicName(r.topicId, r.label), formatCount(r.resolved, lang), formatDecimal(r.resolutionMedianBusinessDays, lang), formatShare(r.highRatingShare, lang), formatCount(r.ratings, lang)],
            }))}
          />
        }
      />
      <ReportPanel
        title={t("reports.board.trending")}
        csv={csvHref("trending", params)}
        query={trending}
        className="board__section"
        intro={<p>{t("reports.board.trendingIntro")}</p>}
        table={
          <DataTable
            caption={t("reports.board.trending")}
            empty={t("reports.board.trendingEmpty")}
            columns={[
              { header: t("reports.columns.topic") },
              { header: t("reports.columns.conversations"), numeric: true },
              { header: t("reports.columns.baseline"), numeric: true },
              { header: t("reports.columns.ratio"), numeric: true },
            ]}
            rows={(trending.data?.rows ?? []).map((r) => ({
              key: r.topicId,
              cells: [
                <Link key="l" to="/" search={drillDown(search, summary.data?.period ?? null, { topicId: r.topicId })}>
                  {topicName(r.topicId, r.label)}
                </Link>,
                formatCount(r.count, lang),
                formatDecimal(r.baseline, lang),
                `${formatDecimal(r.ratio, lang)}×`,
              ],
            }))}
          />
        }
      />
    </div>
  );
}
