import type { AssignBody, ConversationDetail, MessageBody, ReplyBody, StatusBody, UpdateConversationBody } from "../../../../common/contract/conversations.js";
import type { Presence } from "../../../../common/contract/operations.js";
import { api } from "../../lib/http.js";

const base = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export const fetchConversation = (id: string, signal?: AbortSignal) => api.get<ConversationDetail>(base(id), undefined, signal);
/** A reply; with `openedAt` a reply someone else sent since then stops it (409 reply_collision) unless `force`. */
export const sendReply = (id: string, body: ReplyBody) => api.post<unknown>(`${base(id)}/replies`, body);
export const addNote = (id: string, body: MessageBody) => api.post<unknown>(`${base(id)}/notes`, body);
export const assign = (id: string, body: AssignBody) => api.post<unknown>(`${base(id)}/assign`, body);
export const changeStatus = (id: string, body: StatusBody) => api.post<unknown>(`${base(id)}/status`, body);
export const updateConversation = (id: string, body: UpdateConversationBody) => api.patch<unknown>(base(id), body);
export const attachmentUrl = (id: string, attachmentId: string) => `${base(id)}/attachments/${encodeURIComponent(attachmentId)}`;

export type PresenceState = "viewing" | "replying" | "left";
export const presenceKey = (id: string) => ["conversations", "presence", id] as const;
/** PUT presence: viewing on open (and every 20 s), replying while a reply is being written, left on leaving. */
export const setPresence = (id: string, state: PresenceState) => api.put<void>(`${base(id)}/presence`, { state });
/** Who else is here (never yourself). */
export const fetchPresence = (id: string, signal?: AbortSignal) => api.get<Presence>(`${base(id)}/presence`, undefined, signal);
