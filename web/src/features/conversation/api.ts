import type { AssignBody, ConversationDetail, MessageBody, StatusBody, UpdateConversationBody } from "../../../../common/contract/conversations.js";
import { api } from "../../lib/http.js";

const base = (id: string) => `/api/conversations/${encodeURIComponent(id)}`;

export const fetchConversation = (id: string, signal?: AbortSignal) => api.get<ConversationDetail>(base(id), undefined, signal);
export const sendReply = (id: string, body: MessageBody) => api.post<unknown>(`${base(id)}/replies`, body);
export const addNote = (id: string, body: MessageBody) => api.post<unknown>(`${base(id)}/notes`, body);
export const assign = (id: string, body: AssignBody) => api.post<unknown>(`${base(id)}/assign`, body);
export const changeStatus = (id: string, body: StatusBody) => api.post<unknown>(`${base(id)}/status`, body);
export const updateConversation = (id: string, body: UpdateConversationBody) => api.patch<unknown>(base(id), body);
export const attachmentUrl = (id: string, attachmentId: string) => `${base(id)}/attachments/${encodeURIComponent(attachmentId)}`;
