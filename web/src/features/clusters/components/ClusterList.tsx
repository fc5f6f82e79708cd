import { Link } from "@tanstack/react-router";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { Cluster } from "../../../../../common/contract/operations.js";
import { LanguageSchema } from "../../../../../common/enums.js";
import { Icon } from "../../../ui/Icon.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { RelativeTime } from "../../../ui/RelativeTime.js";
import { Spinner } from "../../../ui/Spinner.js";
import { useClusters } from "../hooks/useClusters.js";
import type { ClusterStatus } from "../api.js";

/** "English 3 · Spanish 2": how many families wrote in each language, most first. */
export function languagesText(languages: Record<string, number>, t: TFunction): string {
  return Object.entries(languages)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([code, n]) => {
      const lang = LanguageSchema.safeParse(code);
      return `${lang.success ? t(`enums.language.${lang.data}`) : code} ${n}`;
    })
    .join(" · ");
}

function ClusterItem({ c }: { c: Cluster }) {
  const { t } = useTranslation();
  return (
    <article className="clusteritem" aria-labelledby={`cluster-${c.id}`}>
      <h3 className="clusteritem__title" id={`cluster-${c.id}`}>
        <Link to="/clusters/$clusterId" params={{ clusterId: c.id }} className="clusteritem__link">
          {c.title}
        </Link>
      </h3>
      <p className="clusteritem__line">
        <span className="clusteritem__families">
          <Icon name="group" />
          {t("clusters.families", { count: c.total })}
        </span>
        {c.status === "open" ? <span>{t("clusters.openCount", { count: c.open })}</span> : null}
        <span>
          <span className="sr-only">{t("clusters.languages")}: </span>
          {languagesText(c.languages, t)}
        </span>
        <span>
          {t("clusters.lastReport")} <RelativeTime iso={c.lastAt} />
        </span>
      </p>
    </article>
  );
}

/** The clusters of one status, newest report first. */
export function ClusterList({ status }: { status: ClusterStatus }) {
  const { t } = useTranslation();
  const query = useClusters(status);
  if (query.isPending) return <Spinner label={t("app.loading")} />;
  if (query.isError && !query.data) return <ProblemAlert error={query.error} title={t("clusters.error")} onRetry={() => void query.refetch()} />;
  const items = [...(query.data?.items ?? [])].sort((a, b) => Date.parse(b.lastAt) - Date.parse(a.lastAt));
  if (items.length === 0) return <p className="muted">{status === "open" ? t("clusters.emptyOpen") : t("clusters.emptyResolved")}</p>;
  return (
    <ul className="clusterlist">
      {items.map((c) => (
        <li key={c.id}>
          <ClusterItem c={c} />
        </li>
      ))}
    </ul>
  );
}
