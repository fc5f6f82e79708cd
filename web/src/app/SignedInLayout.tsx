import { Outlet, useLocation, useNavigate } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useSignOut } from "../features/auth/hooks/useSignOut.js";
import { useSession } from "../lib/session.js";
import { Button } from "../ui/Button.js";
import { LanguageSwitch } from "./LanguageSwitch.js";
import { useLiveUpdates } from "./useLiveUpdates.js";

/** The shell around every signed-in page: top bar (district, person, language, sign out) and live updates. */
export function SignedInLayout() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const pathname = useLocation({ select: (l) => l.pathname });
  useLiveUpdates(true);
  useMoveFocusOnNavigation(pathname);

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
          <LanguageSwitch />
          <Button
            variant="quiet"
            size="sm"
            onPress={() => !signOut.isPending && signOut.mutate(undefined, { onSettled: () => void navigate({ to: "/sign-in", search: { district: session.district.slug } }) })}
          >
            {t("app.signOut")}
          </Button>
        </div>
      </header>
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
