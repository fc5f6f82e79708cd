import type { QueryClient } from "@tanstack/react-query";
import { createRootRouteWithContext, createRoute, createRouter, lazyRouteComponent, Outlet, redirect, useRouter, type ErrorComponentProps } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { SettingsLayout } from "../features/admin/SettingsLayout.js";
import { parseInboxSearch } from "../features/inbox/search.js";
import { parseReportSearch } from "../features/reports/filters.js";
import { ClusterPage } from "../pages/ClusterPage.js";
import { ClustersPage } from "../pages/ClustersPage.js";
import { ConversationPage } from "../pages/ConversationPage.js";
import { InboxPage } from "../pages/InboxPage.js";
import { NotFoundPage } from "../pages/NotFoundPage.js";
import { SignInPage } from "../pages/SignInPage.js";
import { sessionQuery } from "../lib/session.js";
import { ProblemAlert } from "../ui/ProblemAlert.js";
import { Spinner } from "../ui/Spinner.js";
import { SignedInLayout } from "./SignedInLayout.js";

export type RouterContext = { queryClient: QueryClient };

function RootError({ error }: ErrorComponentProps) {
  const { t } = useTranslation();
  const router = useRouter();
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <h1 id="main-title">{t("app.errorTitle")}</h1>
      <ProblemAlert error={error} onRetry={() => void router.invalidate()} />
    </main>
  );
}

function Pending() {
  const { t } = useTranslation();
  return <Spinner label={t("app.loading")} />;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RootError,
  pendingComponent: Pending,
});

const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v.slice(0, 500) : undefined);

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "sign-in",
  validateSearch: (raw: Record<string, unknown>): { district?: string; redirect?: string } => ({ district: text(raw.district), redirect: text(raw.redirect) }),
  beforeLoad: async ({ context }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session) throw redirect({ to: "/" });
  },
  component: SignInPage,
});

const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: "signed-in",
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) throw redirect({ to: "/sign-in", search: { redirect: location.href } });
  },
  component: SignedInLayout,
});

const inboxRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "/",
  validateSearch: parseInboxSearch,
  component: InboxPage,
});

const conversationRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "conversations/$conversationId",
  component: ConversationPage,
});

const clustersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "clusters",
  component: ClustersPage,
});

const clusterRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "clusters/$clusterId",
  component: ClusterPage,
});

// Settings (admins; supervisors read them): routing rules, departments & people, service standards, critical alerts.
// Loaded on first visit: most staff never open them.
const settingsRoute = createRoute({ getParentRoute: () => signedInRoute, path: "settings", component: SettingsLayout });
const settingsIndexRoute = createRoute({
  getParentRoute: () => settingsRoute,
  path: "/",
  beforeLoad: () => {
    throw redirect({ to: "/settings/routing", replace: true });
  },
});
const settingsRoutes = [
  settingsIndexRoute,
  createRoute({ getParentRoute: () => settingsRoute, path: "routing", component: lazyRouteComponent(() => import("../pages/AdminRoutingPage.js"), "AdminRoutingPage") }),
  createRoute({ getParentRoute: () => settingsRoute, path: "assignment", component: lazyRouteComponent(() => import("../pages/AdminAssignmentPage.js"), "AdminAssignmentPage") }),
  createRoute({ getParentRoute: () => settingsRoute, path: "service-standards", component: lazyRouteComponent(() => import("../pages/AdminServiceStandardsPage.js"), "AdminServiceStandardsPage") }),
  createRoute({ getParentRoute: () => settingsRoute, path: "alerts", component: lazyRouteComponent(() => import("../pages/AdminAlertsPage.js"), "AdminAlertsPage") }),
];

// Reports (admins, supervisors, viewers): every page and ECharts load on first visit, never with the inbox.
const reportsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: "reports",
  validateSearch: parseReportSearch,
  component: lazyRouteComponent(() => import("../pages/ReportsLayout.js"), "ReportsLayout"),
});
const reportsRoutes = [
  createRoute({ getParentRoute: () => reportsRoute, path: "/", component: lazyRouteComponent(() => import("../pages/ReportsOverviewPage.js"), "ReportsOverviewPage") }),
  createRoute({ getParentRoute: () => reportsRoute, path: "compare", component: lazyRouteComponent(() => import("../pages/ReportsComparePage.js"), "ReportsComparePage") }),
  createRoute({ getParentRoute: () => reportsRoute, path: "staff", component: lazyRouteComponent(() => import("../pages/ReportsStaffPage.js"), "ReportsStaffPage") }),
  createRoute({ getParentRoute: () => reportsRoute, path: "satisfaction", component: lazyRouteComponent(() => import("../pages/ReportsSatisfactionPage.js"), "ReportsSatisfactionPage") }),
  createRoute({ getParentRoute: () => reportsRoute, path: "board", component: lazyRouteComponent(() => import("../pages/ReportsBoardPage.js"), "ReportsBoardPage") }),
];

const routeTree = rootRoute.addChildren([
  signInRoute,
  signedInRoute.addChildren([inboxRoute, conversationRoute, clustersRoute, clusterRoute, settingsRoute.addChildren(settingsRoutes), reportsRoute.addChildren(reportsRoutes)]),
]);

// Plain `a=b&c=d` search strings (TanStack's default JSON-encodes values), so shared links stay readable.
function parseSearch(s: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(s.startsWith("?") ? s.slice(1) : s));
}
function stringifySearch(search: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (typeof v === "string" && v !== "") params.set(k, v);
  const out = params.toString();
  return out ? `?${out}` : "";
}

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    basepath: "/app",
    context: { queryClient },
    parseSearch,
    stringifySearch,
    defaultPreload: false,
    scrollRestoration: true,
  });
}

declare module "@tanstack/react-router" {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
