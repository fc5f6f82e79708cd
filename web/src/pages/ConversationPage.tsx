import { getRouteApi, Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import { ConversationView } from "../features/conversation/components/ConversationView.js";
import { lastInboxSearch } from "../features/inbox/lastInboxSearch.js";
import { useSession } from "../lib/session.js";
import { Icon } from "../ui/Icon.js";

const route = getRouteApi("/signed-in/conversations/$conversationId");

/** One conversation; the back link returns to the inbox with the filters it was opened from. */
export function ConversationPage() {
  const { t } = useTranslation();
  const { conversationId } = route.useParams();
  const session = useSession();
  return (
    <main id="main" className="page" tabIndex={-1}>
      <p className="crumbs">
        <Link to="/" search={lastInboxSearch()} className="crumbs__back">
          <Icon name="back" />
          {t("conversation.back")}
        </Link>
      </p>
      <ConversationView key={conversationId} id={conversationId} meId={session.staff.id} />
    </main>
  );
}
