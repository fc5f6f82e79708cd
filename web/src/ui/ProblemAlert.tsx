import { useTranslation } from "react-i18next";
import { problemMessage } from "../lib/problemMessage.js";
import { Button } from "./Button.js";
import { InlineAlert } from "./InlineAlert.js";

/** Shows a failed request: a translated or server-given sentence, the error reference, and a retry. */
export function ProblemAlert({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const { message, reference } = problemMessage(error, t);
  return (
    <InlineAlert
      tone="error"
      title={title}
      action={
        onRetry ? (
          <Button size="sm" onPress={onRetry}>
            {t("app.retry")}
          </Button>
        ) : undefined
      }
    >
      <p>{message}</p>
      {reference ? <p className="alert__reference">{reference}</p> : null}
    </InlineAlert>
  );
}
