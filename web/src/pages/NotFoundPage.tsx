import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { useDocumentTitle } from "../lib/useDocumentTitle.js";

export function NotFoundPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("app.pageNotFound"));
  return (
    <main id="main" className="page page--narrow" tabIndex={-1}>
      <h1 id="main-title">{t("app.pageNotFound")}</h1>
      <p>{t("app.pageNotFoundHelp")}</p>
      <p>
        <Link to="/">{t("app.backToInbox")}</Link>
      </p>
    </main>
  );
}
