import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { languagesText } from "../features/clusters/components/ClusterList.js";
import { ClusterReplyForm } from "../features/clusters/components/ClusterReplyForm.js";
import { useCluster } from "../features/clusters/hooks/useClusters.js";
import { pinAlerts } from "../features/inbox/components/ConversationList.js";
import { ConversationListItem } from "../features/inbox/components/ConversationListItem.js";
import { isNotFound } from "../lib/http.js";
import { useSession } from "../lib/session.js";
import { useDocumentTitle } from "../lib/useDocumentTitle.js";
import { Badge } from "../ui/Badge.js";
import { Icon } from "../ui/Icon.js";
import { InlineAlert } from "../ui/InlineAlert.js";
import { ProblemAlert } from "../ui/ProblemAlert.js";
import { DateTime } from "../ui/RelativeTime.js";
import { Spinner } from "../ui/Spinner.js";

const route = getRouteApi("/signed-in/clusters/$clusterId");

/** One incident cluster: what it is, its member conversations, and "Reply to all". */
export function ClusterPage() {
  const { t } = useTranslation();
  const { clusterId } = route.useParams();
  const session = useSession();
  const query = useCluster(clusterId);
  const c = query.data;
  useDocumentTitle(c ? c.title : t("clusters.title"));
  const canReply = session.staff.role !== "viewer" && session.staff.role !== "recorder";

  return (
    <main id="main" className="page cluster" tabIndex={-1}>
      <p className="crumbs">
        <Link to="/clusters" className="crumbs__back">
          <Icon name="back" />
          {t("clusters.back")}
        </Link>
      </p>
      {query.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : !c ? (
        <>
          <h1 id="main-title" tabIndex={-1}>
            {isNotFound(query.error) ? t("app.pageNotFound") : t("clusters.loadError")}
          </h1>
          {isNotFound(query.error) ? <InlineAlert tone="info">{t("clusters.notFound")}</InlineAlert> : <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />}
        </>
      ) : (
        <>
          <header className="clusterhead">
            <p className="clusterhead__kind">
              <Icon name="group" />
              {t("clusters.kind")}
            </p>
            <h1 id="main-title" tabIndex={-1}>
              {c.title}
            </h1>
            <div className="clusterhead__badges">
              <span className="sr-only">{t("conversation.status")}: </span>
              {c.status === "open" ? <Badge tone="info">{t("clusters.statusOpen")}</Badge> : <Badge tone="success" icon="check">{t("clusters.statusResolved")}</Badge>}
            </div>
            <dl className="convhead__details">
              <div>
                <dt>{t("clusters.familiesLabel")}</dt>
                <dd>{t("clusters.families", { count: c.total })}</dd>
              </div>
              <div>
                <dt>{t("clusters.openLabel")}</dt>
                <dd>{c.open}</dd>
              </div>
              <div>
                <dt>{t("clusters.languages")}</dt>
                <dd>{languagesText(c.languages, t)}</dd>
              </div>
              <div>
                <dt>{t("clusters.firstReport")}</dt>
                <dd>
                  <DateTime iso={c.firstAt} />
                </dd>
              </div>
              <div>
                <dt>{t("clusters.lastReport")}</dt>
                <dd>
                  <DateTime iso={c.lastAt} />
                </dd>
              </div>
            </dl>
          </header>
          {query.isError ? <ProblemAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
          <div className="cluster__body">
            <section className="cluster__members" aria-labelledby="cluster-members">
              <h2 id="cluster-members" className="section-title">
                {t("clusters.members", { count: c.conversations.length })}
              </h2>
              <ul className="convlist__items">
                {pinAlerts(c.conversations).map((m) => (
                  <li key={m.id}>
                    <ConversationListItem c={m} showCluster={false} />
                  </li>
                ))}
              </ul>
            </section>
            {/* Mounted while resolved too, so the result of a "resolve all" reply stays on screen. */}
            {canReply ? <ClusterReplyForm cluster={c} /> : null}
          </div>
        </>
      )}
    </main>
  );
}
