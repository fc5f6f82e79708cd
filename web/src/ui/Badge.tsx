import type { ReactNode } from "react";
import { Icon, type IconName } from "./Icon.js";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger" | "muted";

/** A short label with a tone; the text carries the meaning, the tone and icon only reinforce it. */
export function Badge({ tone = "neutral", icon, children }: { tone?: BadgeTone; icon?: IconName; children: ReactNode }) {
  return (
    <span className={`badge badge--${tone}`}>
      {icon ? <Icon name={icon} /> : null}
      {children}
    </span>
  );
}
