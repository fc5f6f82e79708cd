import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { fetchPresence, presenceKey, setPresence, type PresenceState } from "../api.js";

/** How often an open conversation says it is still open (the server forgets a silent viewer). */
export const PRESENCE_HEARTBEAT_MS = 20_000;

const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);

/**
 * Collision detection, the announcing side: PUT `viewing` on open and every 20 seconds, `replying` while the reply
 * box has text, `left` on leaving the page (or closing the tab). Failures are ignored: presence is a courtesy, the
 * reply's `openedAt` check is what prevents a double answer.
 */
export function useAnnouncePresence(conversationId: string, replying: boolean): void {
  const state = useRef<Exclude<PresenceState, "left">>("viewing");
  useEffect(() => {
    state.current = "viewing";
    quietly(setPresence(conversationId, "viewing"));
    const timer = setInterval(() => {
      if (document.visibilityState !== "hidden") quietly(setPresence(conversationId, state.current));
    }, PRESENCE_HEARTBEAT_MS);
    const leave = () => quietly(setPresence(conversationId, "left"));
    const back = () => {
      if (document.visibilityState === "visible") quietly(setPresence(conversationId, state.current));
    };
    window.addEventListener("pagehide", leave);
    document.addEventListener("visibilitychange", back);
    return () => {
      clearInterval(timer);
      window.removeEventListener("pagehide", leave);
      document.removeEventListener("visibilitychange", back);
      leave();
    };
  }, [conversationId]);
  useEffect(() => {
    const next = replying ? "replying" : "viewing";
    if (next === state.current) return;
    state.current = next;
    quietly(setPresence(conversationId, next));
  }, [conversationId, replying]);
}

/**
 * Collision detection, the watching side: who else has the conversation open (GET presence), kept current by the
 * live `presence` signals (useLiveUpdates writes them into this query) and re-read every 30 seconds.
 */
export function usePresence(conversationId: string) {
  return useQuery({
    queryKey: presenceKey(conversationId),
    queryFn: ({ signal }) => fetchPresence(conversationId, signal),
    refetchInterval: 30_000,
    retry: false,
  });
}
