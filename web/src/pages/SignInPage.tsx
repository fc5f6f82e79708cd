import { getRouteApi, useRouter } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { SignInForm } from "../features/auth/components/SignInForm.js";
import { useDocumentTitle } from "../lib/useDocumentTitle.js";
import { LanguageSwitch } from "../app/LanguageSwitch.js";

const route = getRouteApi("/sign-in");

/** Staff sign-in; afterwards back to the page that asked for it, or the inbox. */
export function SignInPage() {
  const { t } = useTranslation();
  const { district, redirect } = route.useSearch();
  const router = useRouter();
  useDocumentTitle(t("signIn.title"));
  const onSignedIn = () => {
    // Only same-app paths: a crafted ?redirect= must not send anyone off-site.
    const target = redirect && redirect.startsWith("/") && !redirect.startsWith("//") ? redirect : "/";
    void router.navigate({ href: target, replace: true });
  };
  return (
    <div className="signin">
      <header className="signin__top">
        <span className="brand">{t("app.name")}</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="signin__main" tabIndex={-1}>
        <div className="signin__card">
          <h1 id="main-title">{t("signIn.title")}</h1>
          <p className="muted">{t("signIn.intro")}</p>
          <SignInForm initialDistrict={district} onSignedIn={onSignedIn} />
        </div>
      </main>
    </div>
  );
}
