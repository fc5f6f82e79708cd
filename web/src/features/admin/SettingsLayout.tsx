import { Link, Outlet, useLocation } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../../lib/session.js";
import { useDocumentTitle } from "../../lib/useDocumentTitle.js";
import { InlineAlert } from "../../ui/InlineAlert.js";
import { useSettingsAbilities } from "./hooks.js";
import "./admin.css";

const SECTIONS = [
  { to: "/settings/routing", label: "routing" },
  { to: "/settings/assignment", label: "assignment" },
  { to: "/settings/service-standards", label: "serviceStandards" },
  { to: "/settings/alerts", label: "alerts" },
] as const;

/** Roles that may open the settings: admins change them, supervisors read them and manage availability. */
export const canOpenSettings = (role: string): boolean => role === "admin" || role === "supervisor";

/** The Settings area: its sections on the left (a scrolling row on a phone), the section's page beside. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const { role } = useSession().staff;
  const { pathname } = useLocation();
  const navRef = useRef<HTMLElement>(null);
  // On a phone the sections scroll sideways: keep the current one in sight.
  useEffect(() => {
    navRef.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);
  if (!canOpenSettings(role)) return <NotAllowed />;
  return (
    <div className="settings">
      <nav className="settings-nav" aria-label={t("admin.nav.label")} ref={navRef}>
        <p className="settings-nav__title">
          <Link to="/" className="settings-nav__back">
            {t("admin.nav.backToInbox")}
          </Link>
        </p>
        <ul className="settings-nav__list">
          {SECTIONS.map((s) => (
            <li key={s.to}>
              <Link to={s.to} className="settings-nav__link" activeProps={{ className: "settings-nav__link settings-nav__link--current", "aria-current": "page" }}>
                {t(`admin.nav.${s.label}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}

function NotAllowed() {
  const { t } = useTranslation();
  useDocumentTitle(t("admin.nav.title"));
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <h1 id="main-title">{t("admin.nav.title")}</h1>
      <InlineAlert tone="info">{t("admin.common.notAllowed")}</InlineAlert>
    </main>
  );
}

/** The frame of one settings page: h1, a short introduction, the read-only notice for supervisors. */
export function SettingsPage({ title, intro, children }: { title: string; intro?: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const { manage } = useSettingsAbilities();
  useDocumentTitle(`${title} · ${t("admin.nav.title")}`);
  return (
    <main id="main" className="settings__main" tabIndex={-1}>
      <h1 id="main-title">{title}</h1>
      {intro ? <p className="settings__lede">{intro}</p> : null}
      {!manage ? <InlineAlert tone="info">{t("admin.common.readOnly")}</InlineAlert> : null}
      {children}
    </main>
  );
}
