import type { ReactNode } from "react";
import { Button as AriaButton, type ButtonProps as AriaButtonProps } from "react-aria-components";

export type ButtonProps = Omit<AriaButtonProps, "className" | "children"> & {
  variant?: "primary" | "secondary" | "quiet" | "danger";
  size?: "md" | "sm";
  className?: string;
  children: ReactNode;
};

/** The app's button: keyboard, press and focus-visible handling come from react-aria. */
export function Button({ variant = "secondary", size = "md", className, children, ...rest }: ButtonProps) {
  return (
    <AriaButton {...rest} className={["btn", `btn--${variant}`, `btn--${size}`, className].filter(Boolean).join(" ")}>
      {children}
    </AriaButton>
  );
}
