import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime, formatRelative } from "../lib/format.js";

let now = new Date();
const subscribers = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

// One shared minute ticker for every relative time on the page.
function useMinuteTick(): Date {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((n) => n + 1);
    subscribers.add(update);
    timer ??= setInterval(() => {
      now = new Date();
      for (const s of subscribers) s();
    }, 30_000);
    return () => {
      subscribers.delete(update);
      if (subscribers.size === 0 && timer) {
        clearInterval(timer);
        timer = undefined;
      }
    };
  }, []);
  return new Date(Math.max(now.getTime(), Date.now()));
}

/** "5 minutes ago" in a <time> element, with the absolute date and time as its title. */
export function RelativeTime({ iso, className }: { iso: string; className?: string }) {
  const { i18n } = useTranslation();
  const current = useMinuteTick();
  return (
    <time className={className} dateTime={iso} title={formatDateTime(iso, i18n.language)}>
      {formatRelative(iso, i18n.language, current)}
    </time>
  );
}

/** An absolute date and time in a <time> element. */
export function DateTime({ iso, className }: { iso: string; className?: string }) {
  const { i18n } = useTranslation();
  return (
    <time className={className} dateTime={iso}>
      {formatDateTime(iso, i18n.language)}
    </time>
  );
}
