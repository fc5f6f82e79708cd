import { api, setCsrfToken } from "../../lib/http.js";
import type { Session } from "../../lib/session.js";

export type Credentials = { district: string; email: string; password: string };

export async function signIn(credentials: Credentials): Promise<Session> {
  const session = await api.post<Session>("/api/auth/login", credentials);
  setCsrfToken(session.csrfToken);
  return session;
}

export async function signOut(): Promise<void> {
  await api.post<unknown>("/api/auth/logout");
  setCsrfToken(null);
}

const LAST_DISTRICT = "fo.district";

/** The district slug used at the last sign-in on this browser. */
export function lastDistrict(): string {
  try {
    return localStorage.getItem(LAST_DISTRICT) ?? "";
  } catch {
    return "";
  }
}

export function rememberDistrict(slug: string): void {
  try {
    localStorage.setItem(LAST_DISTRICT, slug);
  } catch {
    // Blocked storage only costs typing the district next time.
  }
}
