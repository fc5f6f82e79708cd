import { useTranslation } from "react-i18next";
import { Button } from "../../../ui/Button.js";
import { ModalDialog } from "../../../ui/ModalDialog.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";

/** Someone else replied since the person opened the conversation: who, and their latest reply to show. */
export type Collision = { names: string[]; messageId: string | null; detail: string };

type Props = {
  collision: Collision | null;
  isSending: boolean;
  error: unknown;
  onShow: () => void;
  onSendAnyway: () => void;
  onClose: () => void;
};

/**
 * The reply-collision decision: read the other reply first (the draft stays), or send anyway. An alertdialog, so
 * it is announced as soon as it opens; "Show their reply" has focus, the safer choice.
 */
export function CollisionDialog({ collision, isSending, error, onShow, onSendAnyway, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const names = collision?.names ?? [];
  const who = names.length > 0 ? new Intl.ListFormat(i18n.language === "es" ? "es" : "en", { type: "conjunction" }).format(names) : null;
  return (
    <ModalDialog
      isOpen={collision !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t("conversation.collision.title")}
      role="alertdialog"
      isDismissable={!isSending}
    >
      {() => (
        <div className="dialog__form">
          <p>
            {who
              ? t("conversation.collision.named", { count: names.length, names: who })
              : collision?.detail || t("conversation.collision.unnamed")}
          </p>
          <p>{t("conversation.collision.question")}</p>
          {error ? <ProblemAlert error={error} /> : null}
          <div className="dialog__actions">
            {collision?.messageId ? (
              <Button variant="primary" onPress={onShow} autoFocus isDisabled={isSending}>
                {t("conversation.collision.show")}
              </Button>
            ) : (
              <Button onPress={onClose} autoFocus isDisabled={isSending}>
                {t("conversation.collision.cancel")}
              </Button>
            )}
            <Button variant="secondary" onPress={onSendAnyway}>
              {isSending ? t("conversation.composer.sending") : t("conversation.collision.sendAnyway")}
            </Button>
          </div>
        </div>
      )}
    </ModalDialog>
  );
}
