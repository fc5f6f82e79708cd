import { Link } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { Dialog, DialogTrigger, Heading, Popover } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { Notification } from "../../../../../common/contract/operations.js";
import { Button } from "../../../ui/Button.js";
import { Icon, type IconName } from "../../../ui/Icon.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { RelativeTime } from "../../../ui/RelativeTime.js";
import { Spinner } from "../../../ui/Spinner.js";
import { describeNotification } from "../describeNotification.js";
import { useMarkNotificationsRead, useNotifications } from "../hooks/useNotifications.js";

const ICON: Record<Notification["type"], IconName> = {
  assigned: "inbox",
  mentioned: "pencil",
  family_replied: "inbox",
  alert: "alert",
  sla_warning: "clock",
  sla_breach: "clock",
  triage: "filter",
  escalated: "arrowUp",
};

/**
 * The bell in the top bar: the unread count on the button, and a panel with the feed (newest first), "Mark all
 * read", and each notification a link to its conversation that marks it read. New notifications arrive through the
 * live stream and are announced politely.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const feed = useNotifications();
  const mark = useMarkNotificationsRead();
  const unread = feed.data?.pages[0]?.unread ?? 0;
  const items = feed.data?.pages.flatMap((p) => p.items) ?? [];
  const announcement = useNewNotificationAnnouncement(feed.data ? unread : null, items[0]);

  const opened = (n: Notification) => {
    if (!n.read) mark.mutate([n.id]);
    setOpen(false);
  };

  return (
    <>
      <DialogTrigger isOpen={open} onOpenChange={setOpen}>
        <Button variant="quiet" size="sm" className="bell" aria-label={unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.title")}>
          <Icon name="bell" />
          {unread > 0 ? (
            <span className="bell__count" aria-hidden="true">
              {unread > 99 ? "99+" : unread}
            </span>
          ) : null}
        </Button>
        <Popover className="popover notifpanel" placement="bottom end" offset={6}>
          <Dialog className="notifpanel__dialog">
            <div className="notifpanel__head">
              <Heading slot="title" level={2} className="notifpanel__title">
                {t("notifications.title")}
              </Heading>
              <Button size="sm" variant="quiet" isDisabled={unread === 0 || mark.isPending} onPress={() => mark.mutate(undefined)}>
                <Icon name="check" />
                {t("notifications.markAllRead")}
              </Button>
            </div>
            {mark.isError ? <ProblemAlert error={mark.error} /> : null}
            {feed.isPending ? (
              <Spinner label={t("app.loading")} />
            ) : feed.isError && !feed.data ? (
              <ProblemAlert error={feed.error} title={t("notifications.error")} onRetry={() => void feed.refetch()} />
            ) : items.length === 0 ? (
              <p className="notifpanel__empty">{t("notifications.empty")}</p>
            ) : (
              <ul className="notiflist" aria-label={t("notifications.listLabel")}>
                {items.map((n) => (
                  <NotificationItem key={n.id} n={n} onOpen={() => opened(n)} onMarkRead={() => mark.mutate([n.id])} />
                ))}
              </ul>
            )}
            {feed.hasNextPage ? (
              <Button size="sm" className="notifpanel__more" onPress={() => void feed.fetchNextPage()} isPending={feed.isFetchingNextPage}>
                {feed.isFetchingNextPage ? t("notifications.loadingMore") : t("notifications.loadMore")}
              </Button>
            ) : null}
          </Dialog>
        </Popover>
      </DialogTrigger>
      <span className="sr-only" role="status">
        {announcement}
      </span>
    </>
  );
}

function NotificationItem({ n, onOpen, onMarkRead }: { n: Notification; onOpen: () => void; onMarkRead: () => void }) {
  const { t } = useTranslation();
  const text = describeNotification(n, t);
  const body = (
    <>
      {n.read ? null : <span className="sr-only">{t("notifications.unread")}: </span>}
      <span className="notif__text">{text}</span>
      {n.conversation?.subject ? <span className="notif__subject">{n.conversation.subject}</span> : null}
    </>
  );
  return (
    <li className={n.read ? `notif notif--${n.type}` : `notif notif--${n.type} notif--unread`}>
      <Icon name={ICON[n.type] ?? "dot"} className="notif__icon" />
      <div className="notif__main">
        {n.conversation ? (
          <Link to="/conversations/$conversationId" params={{ conversationId: n.conversation.id }} className="notif__link" onClick={onOpen}>
            {body}
          </Link>
        ) : (
          <p className="notif__link">{body}</p>
        )}
        <div className="notif__meta">
          <RelativeTime iso={n.createdAt} className="notif__time" />
          {!n.read && !n.conversation ? (
            <Button size="sm" variant="quiet" onPress={onMarkRead}>
              {t("notifications.markRead")}
            </Button>
          ) : null}
        </div>
      </div>
      {n.read ? null : <span className="notif__dot" aria-hidden="true" />}
    </li>
  );
}

/** "New notification: …" when the unread count rises after the first load (not for what was already there). */
function useNewNotificationAnnouncement(unread: number | null, newest: Notification | undefined): string {
  const { t } = useTranslation();
  const previous = useRef<number | null>(null);
  const [text, setText] = useState("");
  useEffect(() => {
    if (unread === null) return;
    if (previous.current !== null && unread > previous.current && newest && !newest.read) {
      setText(t("notifications.announce", { text: describeNotification(newest, t) }));
    }
    previous.current = unread;
  }, [unread, newest, t]);
  return text;
}
