import { useCallback, useEffect, useRef, useState } from "react";

/**
 * Moves focus to an element that a pending render will show: after saving, the new rule's heading only exists once
 * the refetched list has rendered, which may take more than one frame. `focusWhenReady(wanted, ...fallbacks)` waits
 * (up to 3 s) for `wanted`, then tries the fallbacks in order. Selectors are looked up in the whole document.
 */
export function useFocusWhenReady(): (wanted: string, ...fallbacks: string[]) => void {
  const pending = useRef<{ wanted: string; fallbacks: string[]; until: number } | null>(null);
  const [, setTick] = useState(0);

  useEffect(() => {
    const p = pending.current;
    if (!p) return;
    const found = document.querySelector<HTMLElement>(p.wanted);
    if (found) {
      pending.current = null;
      found.focus();
      return;
    }
    if (Date.now() > p.until) {
      pending.current = null;
      for (const sel of p.fallbacks) {
        const el = document.querySelector<HTMLElement>(sel);
        if (el) {
          el.focus();
          return;
        }
      }
      return;
    }
    // Not rendered yet: look again on the next frame.
    const id = requestAnimationFrame(() => setTick((n) => n + 1));
    return () => cancelAnimationFrame(id);
  });

  return useCallback((wanted: string, ...fallbacks: string[]) => {
    pending.current = { wanted, fallbacks, until: Date.now() + 3000 };
    setTick((n) => n + 1);
  }, []);
}
