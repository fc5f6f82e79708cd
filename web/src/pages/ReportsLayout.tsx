import { useQuery } from "@tanstack/react-query";
import { Link, Outlet, useLocation } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { canReadReports, canReadStaffReports } from "../features/reports/access.js";
import { reportQuery } from "../features/reports/api.js";
import { ReportFilters } from "../features/reports/components/ReportFilters.js";
import { formatInstantRange } from "../features/reports/format.js";
import { useReportContext } from "../features/reports/hooks.js";
import "../features/reports/reports.css";
import "../lib/i18n/reports.js";
import { nameOf, useMeta } from "../lib/meta.js";
import { useSession } from "../lib/session.js";
import { useDocumentTitle } from "../lib/useDocumentTitle.js";
import { InlineAlert } from "../ui/InlineAlert.js";

const TABS = [
  { to: "/reports", key: "overview", exact: true },
  { to: "/reports/compare", key: "compare" },
  { to: "/reports/staff", key: "staff" },
  { to: "/reports/satisfaction", key: "satisfaction" },
  { to: "/reports/board", key: "board" },
] as const;
type TabKey = (typeof TABS)[number]["key"];

function currentTab(pathname: string): TabKey {
  const last = pathname.replace(/\/+$/, "").split("/").pop();
  return (TABS.find((tab) => tab.key === last)?.key ?? "overview") as TabKey;
}

/** The Reports area: title, section tabs, the filters (in the URL) and the section below; the period it covers. */
export function ReportsLayout() {
  const { t, i18n } = useTranslation();
  const { role } = useSession().staff;
  const { pathname } = useLocation();
  const meta = useMeta();
  const ctx = useReportContext();
  const tab = currentTab(pathname);
  const summary = useQuery({ ...reportQuery("summary", ctx.params), enabled: canReadReports(role) });
  const scope = nameOf(meta.departments, ctx.search.departmentId) ?? nameOf(meta.schools, ctx.search.schoolId);
  const title = tab === "overview" && scope ? t("reports.titles.overviewScoped", { scope }) : t(`reports.titles.${tab}`);
  useDocumentTitle(`${title} · ${t("reports.nav.link")}`);

  if (!canReadReports(role)) {
    return (
      <main id="main" className="page page--narrow" tabIndex={-1}>
        <h1 id="main-title">{t("reports.nav.link")}</h1>
        <InlineAlert tone="info">{t("reports.notAllowed")}</InlineAlert>
      </main>
    );
  }
  const p = summary.data?.period;
  const prev = summary.data?.previous.period;
  return (
    <main id="main" className={`page reports reports--${tab}`} tabIndex={-1}>
      <div className="reports__heading">
        <h1 id="main-title">{title}</h1>
        {p && prev ? (
          <p className="reports__period">
            {t("reports.filters.period", {
              range: formatInstantRange(p.from, p.to, ctx.timeZone, i18n.language),
              previous: formatInstantRange(prev.from, prev.to, ctx.timeZone, i18n.language),
            })}
          </p>
        ) : null}
      </div>
      <nav className="report-tabs no-print" aria-label={t("reports.nav.label")}>
        <ul>
          {TABS.filter((x) => x.key !== "staff" || canReadStaffReports(role)).map((x) => (
            <li key={x.key}>
              <Link
                to={x.to}
                search={true}
                className="report-tabs__link"
                activeOptions={{ exact: "exact" in x, includeSearch: false }}
                activeProps={{ className: "report-tabs__link report-tabs__link--current", "aria-current": "page" }}
              >
                {t(`reports.nav.${x.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ReportFilters />
      <Outlet />
    </main>
  );
}
