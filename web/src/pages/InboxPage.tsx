import { getRouteApi } from "@tanstack/react-router";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { ConversationList } from "../features/inbox/components/ConversationList.js";
import { FilterBar } from "../features/inbox/components/FilterBar.js";
import { ViewNav } from "../features/inbox/components/ViewNav.js";
import { useNewConversationNotice } from "../features/inbox/hooks/useNewConversationNotice.js";
import { rememberInboxSearch } from "../features/inbox/lastInboxSearch.js";
import { DEFAULT_VIEW, type InboxSearch } from "../features/inbox/search.js";
import { useMeta } from "../lib/meta.js";
import { useDocumentTitle } from "../lib/useDocumentTitle.js";

const route = getRouteApi("/signed-in/");

/** The universal inbox: views on the left, filters and the list on the right, all state in the URL. */
export function InboxPage() {
  const { t } = useTranslation();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const meta = useMeta();
  const view = search.view ?? DEFAULT_VIEW;
  const viewTitle = t(`inbox.views.${view}`);
  const newCount = useNewConversationNotice(view);
  useDocumentTitle(`${viewTitle} · ${t("inbox.title")}`);
  useEffect(() => rememberInboxSearch(search), [search]);

  const update = (patch: Partial<InboxSearch>) => void navigate({ search: (prev) => ({ ...prev, ...patch }) });
  const clear = () => void navigate({ search: { view: search.view, sort: search.sort } });

  return (
    <div className="inbox">
      <ViewNav current={view} sort={search.sort} />
      <main id="main" className="inbox__main" tabIndex={-1}>
        <div className="inbox__heading">
          <h1 id="main-title">{viewTitle}</h1>
          <p className="inbox__live" role="status" aria-live="polite">
            {newCount > 0 ? t("inbox.list.newConversations", { count: newCount }) : ""}
          </p>
        </div>
        <FilterBar search={search} meta={meta} onChange={update} onClear={clear} />
        <ConversationList search={search} onClearFilters={clear} />
      </main>
    </div>
  );
}
