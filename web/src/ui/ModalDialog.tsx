import type { ReactNode } from "react";
import { Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";

type Props = {
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** alertdialog for a decision the person must take (a colliding reply); dialog for a form. */
  role?: "dialog" | "alertdialog";
  /** Escape and a click outside close it, unless a request is running. */
  isDismissable?: boolean;
  className?: string;
  children: (close: () => void) => ReactNode;
};

/**
 * A modal dialog (react-aria): focus moves into it, stays inside while open and returns to what was focused
 * before; the title names it for screen readers. Controlled, so a request can open it (a 409) without a trigger.
 */
export function ModalDialog({ isOpen, onOpenChange, title, role = "dialog", isDismissable = true, className, children }: Props) {
  return (
    <ModalOverlay className="modal-overlay" isOpen={isOpen} onOpenChange={onOpenChange} isDismissable={isDismissable} isKeyboardDismissDisabled={!isDismissable}>
      <Modal className={["modal", className].filter(Boolean).join(" ")}>
        <Dialog className="dialog" role={role}>
          {({ close }) => (
            <>
              <Heading slot="title" className="dialog__title">
                {title}
              </Heading>
              {children(close)}
            </>
          )}
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
