import { queryOptions, useQuery } from "@tanstack/react-query";
import type { StaffSummary } from "../../../common/contract/conversations.js";
import { api, isUnauthenticated, setCsrfToken } from "./http.js";

/** The signed-in person, their district and the CSRF token (GET /api/me and POST /api/auth/login). */
export type Session = {
  staff: StaffSummary;
  csrfToken: string;
  /** `timeZone` (IANA): the district's zone, in which the reports' periods and presets are local dates */
  district: { id: string; slug: string; name: string; referencePrefix: string; timeZone: string };
};

export const sessionKey = ["session"] as const;

/** The current session, or null when nobody is signed in (a 401 is an answer, not an error). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | null> {
  try {
    const s = await api.get<Session>("/api/me", undefined, signal);
    setCsrfToken(s.csrfToken);
    return s;
  } catch (e) {
    if (isUnauthenticated(e)) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

export const sessionQuery = queryOptions({
  queryKey: sessionKey,
  queryFn: ({ signal }) => fetchSession(signal),
  staleTime: Infinity,
  retry: false,
});

/** The signed-in session; only rendered under the signed-in layout, so it is always there. */
export function useSession(): Session {
  const { data } = useQuery(sessionQuery);
  if (!data) throw new Error("useSession used outside the signed-in layout");
  return data;
}
