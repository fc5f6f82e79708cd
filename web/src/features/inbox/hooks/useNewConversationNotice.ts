import { useEffect, useState } from "react";
import { onLiveEvent } from "../../../lib/live.js";

/**
 * Counts conversations created since the inbox was opened (or since `resetKey` changed), for a
 * polite "2 new conversations" announcement.
 */
export function useNewConversationNotice(resetKey: string): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    setCount(0);
    return onLiveEvent((e) => {
      if (e.type === "conversation.created") setCount((n) => n + 1);
    });
  }, [resetKey]);
  return count;
}
