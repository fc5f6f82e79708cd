import { useSyncExternalStore } from "react";

// One shared ticker for every due chip and clock on the page, started by the first subscriber.
let now = Date.now();
const subscribers = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(onChange: () => void): () => void {
  subscribers.add(onChange);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const s of subscribers) s();
  }, 30_000);
  return () => {
    subscribers.delete(onChange);
    if (subscribers.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time, refreshed every 30 seconds (due chips count minutes). */
export function useNow(): Date {
  const at = useSyncExternalStore(subscribe, () => now);
  return new Date(Math.max(at, Date.now()));
}
