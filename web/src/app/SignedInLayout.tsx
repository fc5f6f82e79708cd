import { useQuery } from "@tanstack/react-query";
import { Link, Outlet, useLocation, useNavigate } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { canOpenSettings } from "../features/admin/SettingsLayout.js";
import { AlertBanner } from "../features/alerts/components/AlertBanner.js";
import { canReadReports } from "../features/reports/access.js";
import { useSignOut } from "../features/auth/hooks/useSignOut.js";
import { NotificationBell } from "../features/notifications/components/NotificationBell.js";
import { sessionQuery } from "../lib/session.js";
import { Button } from "../ui/Button.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { useLiveUpdates } from "./useLiveUpdates.js";

/** The shell around every signed-in page: top bar (district, person, language, sign out) and live updates. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const session = useQuery(sessionQuery).data;
  const navigate = useNavigate();
  const signOut = useSignOut();
  const location = useLocation();
  const districtSlug = useRef(session?.district.slug);
  const signingOut = useRef(false);
  useLiveUpdates(Boolean(session), session?.staff.id);
  useMoveFocusOnNavigation(location.pathname);

  // The session ends by signing out, or by any 401 (expired, revoked): go to sign-in, and come
  // back to this page afterwards unless the person chose to leave.
  const here = useRef(location.href);
  here.current = location.href;
  const leaving = useRef(false);
  useEffect(() => {
    if (session) {
      districtSlug.current = session.district.slug;
      leaving.current = false;
      return;
    }
    // Once: the layout stays mounted for a moment while the sign-in page loads.
    if (leaving.current) return;
    leaving.current = true;
    const redirect = signingOut.current ? undefined : here.current;
    void navigate({ to: "/sign-in", search: { district: districtSlug.current, redirect }, replace: !signingOut.current });
  }, [session, navigate]);

  if (!session) return null;
  return (
    <div className="shell">
      <a className="skiplink" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="brand">{t("app.name")}</span>
          <span className="topbar__district">{session.district.name}</span>
        </div>
        <div className="topbar__user">
          <span className="topbar__person">
            {t("app.signedInAs", { name: session.staff.name })}
            <span className="topbar__role"> · {t(`enums.role.${session.staff.role}`)}</span>
          </span>
          {canReadReports(session.staff.role) ? (
            <Link to="/reports" className="btn btn--quiet btn--sm">
              {t("app.reports")}
            </Link>
          ) : null}
          {canOpenSettings(session.staff.role) ? (
            <Link to="/settings" className="btn btn--quiet btn--sm">
              {t("admin.nav.link")}
            </Link>
          ) : null}
          <NotificationBell />
          <LanguageSwitch />
          <Button
            variant="quiet"
            size="sm"
            onPress={() => {
              if (signOut.isPending) return;
              signingOut.current = true;
              signOut.mutate();
            }}
          >
            {t("app.signOut")}
          </Button>
        </div>
      </header>
      <AlertBanner />
      <Outlet />
    </div>
  );
}
// After moving to another page (not a filter change), put focus on the new page's heading so
// screen reader and keyboard users start from the top of what changed.
function useMoveFocusOnNavigation(pathname: string): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const target = document.getElementById("main-title") ?? document.getElementById("main");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: false });
    }
  }, [pathname]);
}
