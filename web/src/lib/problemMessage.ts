import type { TFunction } from "i18next";
import { isApiError } from "./http.js";

const TRANSLATED = ["network_error", "internal", "forbidden", "not_found", "rate_limited", "unauthenticated"] as const;
type Translated = (typeof TRANSLATED)[number];
const isTranslated = (code: string): code is Translated => (TRANSLATED as readonly string[]).includes(code);

/**
 * The sentence to show for a failed request. Codes with a fixed meaning are translated; for the
 * others (validation_failed, conflict…) the server's `detail` says what exactly was wrong.
 */
export function problemMessage(err: unknown, t: TFunction): { message: string; reference: string | null } {
  if (!isApiError(err)) return { message: t("errors.generic"), reference: null };
  const { code, detail, requestId } = err.problem;
  const reference = code === "internal" && requestId ? t("errors.reference", { id: requestId }) : null;
  if (isTranslated(code)) return { message: t(`errors.${code}`), reference };
  return { message: detail || (code === "conflict" ? t("errors.conflict") : t("errors.generic")), reference };
}
