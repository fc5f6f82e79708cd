import type { NotificationList } from "../../../../common/contract/operations.js";
import { api } from "../../lib/http.js";

export const NOTIFICATION_PAGE = 20;

/** Query keys of the person's notification feed; `notification.created` signals invalidate `all`. */
export const notificationKeys = {
  all: ["notifications"] as const,
  feed: () => ["notifications", "feed"] as const,
};

/** GET /api/notifications: newest first, with the unread count; `before` is the previous page's nextCursor. */
export const fetchNotifications = (before: string | null, signal?: AbortSignal) =>
  api.get<NotificationList>("/api/notifications", { limit: NOTIFICATION_PAGE, before }, signal);

/** POST /api/notifications/read: the given ones, or every unread one without ids. */
export const markNotificationsRead = (ids?: string[]) => api.post<{ updated: number }>("/api/notifications/read", ids ? { ids } : {});
