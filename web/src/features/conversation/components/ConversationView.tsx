import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isNotFound } from "../../../lib/http.js";
import { useMeta } from "../../../lib/meta.js";
import { useDocumentTitle } from "../../../lib/useDocumentTitle.js";
import { InlineAlert } from "../../../ui/InlineAlert.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { Spinner } from "../../../ui/Spinner.js";
import { useConversation } from "../hooks/useConversation.js";
import { useAnnouncePresence } from "../hooks/usePresence.js";
import { ActionsPanel } from "./ActionsPanel.js";
import { AlertsPanel } from "./AlertsPanel.js";
import { Composer } from "./Composer.js";
import { ContactPanel } from "./ContactPanel.js";
import { ConversationHeader } from "./ConversationHeader.js";
import { FieldAnswers } from "./FieldAnswers.js";
import { PresenceBar } from "./PresenceBar.js";
import { RatingsPanel } from "./RatingsPanel.js";
import { RoutingPanel } from "./RoutingPanel.js";
import { SlaPanel } from "./SlaPanel.js";
import { Timeline } from "./Timeline.js";
import { WatchersPanel } from "./WatchersPanel.js";

/**
 * The whole conversation: header, who else is here, alerts, timeline and composer, with actions, service
 * standard, routing, watchers, answers and contact beside. Opening it announces presence (collision detection).
 */
export function ConversationView({ id, meId }: { id: string; meId: string }) {
  const { t } = useTranslation();
  const meta = useMeta();
  const query = useConversation(id);
  const c = query.data;
  const [replying, setReplying] = useState(false);
  useAnnouncePresence(id, replying);
  useDocumentTitle(c ? `${c.reference} ${c.subject}` : null);

  if (query.isPending) return <Spinner label={t("app.loading")} />;
  if (!c) {
    if (isNotFound(query.error)) {
      return (
        <>
          <h1 id="main-title" tabIndex={-1}>
            {t("app.pageNotFound")}
          </h1>
          <InlineAlert tone="info">{t("conversation.notFound")}</InlineAlert>
        </>
      );
    }
    return (
      <>
        <h1 id="main-title" tabIndex={-1}>
          {t("conversation.loadError")}
        </h1>
        <ProblemAlert error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return (
    <div className="conversation">
      <ConversationHeader c={c} />
      {query.isError ? <ProblemAlert error={query.error} onRetry={() => void query.refetch()} /> : null}
      <div className="conversation__body">
        <div className="conversation__main">
          <PresenceBar conversationId={c.id} meId={meId} />
          <AlertsPanel conversation={c} />
          <Timeline conversation={c} meta={meta} />
          <Composer conversation={c} meId={meId} onReplyingChange={setReplying} />
        </div>
        <aside className="conversation__side" aria-label={t("conversation.details")}>
          <ActionsPanel conversation={c} meta={meta} meId={meId} />
          <SlaPanel conversation={c} />
          <RoutingPanel routing={c.routing} />
          <WatchersPanel watchers={c.watchers} />
          <FieldAnswers fields={c.fields} />
          <ContactPanel contact={c.contact} />
          <RatingsPanel ratings={c.ratings} />
        </aside>
      </div>
    </div>
  );
}
