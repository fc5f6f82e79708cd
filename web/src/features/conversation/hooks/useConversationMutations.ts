import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { AssignBody, MessageBody, ReplyBody, StatusBody, UpdateConversationBody } from "../../../../../common/contract/conversations.js";
import { conversationKeys } from "../../../lib/queryKeys.js";
import * as conversationApi from "../api.js";

/**
 * Writes on one conversation. No optimistic update: each waits for the server, then refetches the
 * conversation (so the reply or change is on the timeline when it settles) and marks inbox lists stale.
 */
function useConversationMutation<TBody>(id: string, call: (id: string, body: TBody) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) => call(id, body),
    onSuccess: async () => {
      void queryClient.invalidateQueries({ queryKey: conversationKeys.lists() });
      await queryClient.invalidateQueries({ queryKey: conversationKeys.detail(id) });
    },
  });
}

export const useSendReply = (id: string) => useConversationMutation<ReplyBody>(id, conversationApi.sendReply);
export const useAddNote = (id: string) => useConversationMutation<MessageBody>(id, conversationApi.addNote);
export const useAssign = (id: string) => useConversationMutation<AssignBody>(id, conversationApi.assign);
export const useChangeStatus = (id: string) => useConversationMutation<StatusBody>(id, conversationApi.changeStatus);
export const useUpdateConversation = (id: string) => useConversationMutation<UpdateConversationBody>(id, conversationApi.updateConversation);
