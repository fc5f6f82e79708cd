import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { Spinner } from "../../../ui/Spinner.js";
import { useConversations } from "../hooks/useConversations.js";
import { activeFilterCount, type InboxSearch } from "../search.js";
import { ConversationListItem } from "./ConversationListItem.js";

/**
 * Conversations with an active critical alert first, in every view, the rest in the server's order. The server
 * already sorts them so; this keeps them on top across loaded pages too.
 */
export function pinAlerts<T extends { alertStatus: string | null }>(items: T[]): T[] {
  return [...items.filter((c) => c.alertStatus === "active"), ...items.filter((c) => c.alertStatus !== "active")];
}

/** The conversations of a view: loading, error and empty states, and "Load more" by cursor. */
export function ConversationList({ search, onClearFilters }: { search: InboxSearch; onClearFilters: () => void }) {
  const { t } = useTranslation();
  const query = useConversations(search);
  const listRef = useRef<HTMLUListElement>(null);
  if (query.isPending) return <Spinner label={t("app.loading")} />;
  if (query.isError && !query.data) return <ProblemAlert error={query.error} title={t("inbox.list.error")} onRetry={() => void query.refetch()} />;
  const items = pinAlerts(query.data?.pages.flatMap((p) => p.items) ?? []);
  const filtered = activeFilterCount(search) > 0;
  // Keyboard and screen reader users continue at the first newly loaded conversation, since the
  // button they pressed may disappear.
  const loadMore = async () => {
    if (query.isFetchingNextPage) return;
    const shown = items.length;
    await query.fetchNextPage();
    listRef.current?.querySelectorAll<HTMLAnchorElement>(":scope > li a")[shown]?.focus();
  };
  return (
    <div className="convlist" aria-busy={query.isFetching && query.isPlaceholderData}>
      {query.isError ? <ProblemAlert error={query.error} title={t("inbox.list.error")} onRetry={() => void query.refetch()} /> : null}
      {items.length === 0 ? (
        <div className="empty">
          <p>{filtered ? t("inbox.list.emptyFiltered") : t("inbox.list.empty")}</p>
          {filtered ? (
            <Button variant="secondary" onPress={onClearFilters}>
              {t("inbox.filters.clear")}
            </Button>
          ) : null}
        </div>
      ) : (
        <ul className="convlist__items" aria-label={t("inbox.list.label")} ref={listRef}>
          {items.map((c) => (
            <li key={c.id}>
              <ConversationListItem c={c} />
            </li>
          ))}
        </ul>
      )}
      <p className="convlist__count">{t("inbox.list.shown", { count: items.length })}</p>
      {query.hasNextPage ? (
        <Button className="convlist__more" onPress={() => void loadMore()}>
          {query.isFetchingNextPage ? t("inbox.list.loadingMore") : t("inbox.list.loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
