import type { ReactNode } from "react";
import { Icon } from "./Icon.js";

/** A message block: errors are announced at once (role=alert), notices politely (role=status). */
export function InlineAlert({ tone = "error", title, children, action }: { tone?: "error" | "info" | "success"; title?: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "error" ? "alert" : "status"}>
      <Icon name={tone === "error" ? "alert" : tone === "success" ? "check" : "dot"} />
      <div className="alert__body">
        {title ? <p className="alert__title">{title}</p> : null}
        {children}
      </div>
      {action ? <div className="alert__action">{action}</div> : null}
    </div>
  );
}
