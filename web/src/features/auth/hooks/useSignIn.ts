import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sessionKey } from "../../../lib/session.js";
import { rememberDistrict, signIn, type Credentials } from "../api.js";

/** Signs in, remembers the district and puts the new session in the cache. */
export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (c: Credentials) => signIn(c),
    onSuccess: (session, c) => {
      rememberDistrict(c.district);
      queryClient.clear();
      queryClient.setQueryData(sessionKey, session);
    },
  });
}
