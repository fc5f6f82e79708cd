import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sessionKey } from "../../../lib/session.js";
import { signOut } from "../api.js";

/** Ends the session and drops every cached answer (they belonged to the signed-in person). */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(sessionKey, null);
    },
  });
}
