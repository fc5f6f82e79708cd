import i18next from "i18next";
import { reportsEn } from "./reports.en.js";
import { reportsEs } from "./reports.es.js";

// The Reports strings join the catalogs when the reports routes load (this module is imported by them only), so the
// main bundle does not carry them; `Messages` types them all the same.
i18next.addResourceBundle("en", "translation", { reports: reportsEn }, true, false);
i18next.addResourceBundle("es", "translation", { reports: reportsEs }, true, false);
