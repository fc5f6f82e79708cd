import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ClusterList } from "../features/clusters/components/ClusterList.js";
import { lastInboxSearch } from "../features/inbox/lastInboxSearch.js";
import { useDocumentTitle } from "../lib/useDocumentTitle.js";
import { Icon } from "../ui/Icon.js";

/** Incident clusters: reports of the same thing from several families, open ones first. */
export function ClustersPage() {
  const { t } = useTranslation();
  useDocumentTitle(t("clusters.title"));
  return (
    <main id="main" className="page clusters" tabIndex={-1}>
      <p className="crumbs">
        <Link to="/" search={lastInboxSearch()} className="crumbs__back">
          <Icon name="back" />
          {t("app.backToInbox")}
        </Link>
      </p>
      <h1 id="main-title">{t("clusters.title")}</h1>
      <p className="clusters__intro muted">{t("clusters.intro")}</p>
      <section className="clusters__section" aria-labelledby="clusters-open">
        <h2 id="clusters-open" className="section-title">
          {t("clusters.open")}
        </h2>
        <ClusterList status="open" />
      </section>
      <section className="clusters__section" aria-labelledby="clusters-resolved">
        <h2 id="clusters-resolved" className="section-title">
          {t("clusters.resolved")}
        </h2>
        <ClusterList status="resolved" />
      </section>
    </main>
  );
}
