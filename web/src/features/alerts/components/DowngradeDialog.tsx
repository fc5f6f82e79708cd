import { useState } from "react";
import { FieldError, Label, Text, TextArea, TextField } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { DowngradeBodySchema } from "../../../../../common/contract/operations.js";
import { Button } from "../../../ui/Button.js";
import { ModalDialog } from "../../../ui/ModalDialog.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { useDowngradeAlert } from "../hooks/useAlerts.js";

type Props = {
  alert: { id: string; conversationId?: string; reference: string; category: string };
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  /** After the server accepted the downgrade (the dialog has closed). */
  onDone?: () => void;
};

/** "Not critical": a responder says why, in a dialog; the reason is required and shown on the conversation. */
export function DowngradeDialog({ alert, isOpen, onOpenChange, onDone }: Props) {
  const { t } = useTranslation();
  const downgrade = useDowngradeAlert();
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState(false);

  const change = (open: boolean) => {
    if (!open) {
      setReason("");
      setInvalid(false);
      downgrade.reset();
    }
    onOpenChange(open);
  };
  const submit = () => {
    if (downgrade.isPending) return;
    const parsed = DowngradeBodySchema.safeParse({ reason });
    if (!parsed.success) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    downgrade.mutate(
      { id: alert.id, conversationId: alert.conversationId, body: parsed.data },
      {
        onSuccess: () => {
          change(false);
          onDone?.();
        },
      },
    );
  };

  return (
    <ModalDialog isOpen={isOpen} onOpenChange={change} title={t("alerts.downgrade.title")} isDismissable={!downgrade.isPending}>
      {(close) => (
        <form
          className="dialog__form"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <p>{t("alerts.downgrade.intro", { reference: alert.reference, category: alert.category })}</p>
          <TextField className="field" value={reason} onChange={setReason} isInvalid={invalid} isRequired validationBehavior="aria" autoFocus>
            <Label className="field__label">{t("alerts.downgrade.reason")}</Label>
            <TextArea className="input" rows={4} />
            <Text slot="description" className="field__description">
              {t("alerts.downgrade.reasonHelp")}
            </Text>
            <FieldError className="field__error">{t("alerts.downgrade.reasonRequired")}</FieldError>
          </TextField>
          {downgrade.isError ? <ProblemAlert error={downgrade.error} /> : null}
          <div className="dialog__actions">
            <Button onPress={close} isDisabled={downgrade.isPending}>
              {t("alerts.downgrade.cancel")}
            </Button>
            <Button type="submit" variant="primary">
              {downgrade.isPending ? t("alerts.downgrade.saving") : t("alerts.downgrade.submit")}
            </Button>
          </div>
        </form>
      )}
    </ModalDialog>
  );
}
