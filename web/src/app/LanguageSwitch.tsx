import { useTranslation } from "react-i18next";
import { setLanguage } from "../lib/i18n/i18n.js";
import { Button } from "../ui/Button.js";

/** "Español" in English and "English" in Spanish, spoken in its own language; the choice is kept. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const target = i18n.language === "es" ? "en" : "es";
  return (
    <Button variant="quiet" size="sm" className="langswitch" lang={target} aria-label={t("app.switchLanguageLabel")} onPress={() => setLanguage(target)}>
      {t("app.switchLanguage")}
    </Button>
  );
}
