/** Query keys shared by the inbox, the conversation view and the live stream that invalidates both. */
export const conversationKeys = {
  all: ["conversations"] as const,
  lists: () => ["conversations", "list"] as const,
  list: (filters: Record<string, string | undefined>) => ["conversations", "list", filters] as const,
  detail: (id: string) => ["conversations", "detail", id] as const,
};
