import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets the tab title to "<page> · Front Office" so screen reader users hear where they are. */
export function useDocumentTitle(title: string | null | undefined): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = title ? `${title} · ${t("app.titleSuffix")}` : t("app.titleSuffix");
  }, [title, t]);
}
