import { useId, useState, type KeyboardEvent } from "react";
import { Label, Radio, RadioGroup, Text, TextArea, TextField } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { MessageBodySchema, type ConversationDetail } from "../../../../../common/contract/conversations.js";
import { Button } from "../../../ui/Button.js";
import { InlineAlert } from "../../../ui/InlineAlert.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { useAddNote, useSendReply } from "../hooks/useConversationMutations.js";

type Mode = "reply" | "note";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/**
 * Reply to the family or add an internal note, as the conversation's abilities allow. Sends with
 * the button or Ctrl/Cmd+Enter; the text clears once the server has stored it.
 */
export function Composer({ conversation }: { conversation: ConversationDetail }) {
  const { t } = useTranslation();
  const { abilities } = conversation;
  const modes: Mode[] = [...(abilities.reply ? (["reply"] as const) : []), ...(abilities.note ? (["note"] as const) : [])];
  const [chosen, setChosen] = useState<Mode>(modes[0] ?? "reply");
  const mode: Mode = modes.includes(chosen) ? chosen : (modes[0] ?? "reply");
  const [body, setBody] = useState("");
  const [invalid, setInvalid] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const reply = useSendReply(conversation.id);
  const note = useAddNote(conversation.id);
  const mutation = mode === "reply" ? reply : note;
  const hintId = useId();

  if (modes.length === 0) {
    return (
      <section className="composer composer--readonly" aria-label={t("conversation.composer.title")}>
        <p>{t("conversation.composer.readOnly")}</p>
      </section>
    );
  }

  const send = () => {
    if (mutation.isPending) return;
    const parsed = MessageBodySchema.safeParse({ body });
    if (!parsed.success) {
      setInvalid(t("conversation.composer.empty"));
      return;
    }
    setInvalid(null);
    setDone(null);
    mutation.mutate(parsed.data, {
      onSuccess: () => {
        setBody("");
        setDone(mode === "reply" ? t("conversation.composer.sent") : t("conversation.composer.noteAdded"));
      },
    });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    }
  };

  const contact = conversation.contact;
  const label =
    mode === "note"
      ? t("conversation.composer.noteLabel")
      : contact?.name
        ? t("conversation.composer.replyLabel", { name: contact.name })
        : t("conversation.composer.replyLabelNoName");

  return (
    <section className={`composer composer--${mode}`} aria-labelledby="composer-title">
      <h2 id="composer-title" className="sr-only">
        {t("conversation.composer.title")}
      </h2>
      {modes.length > 1 ? (
        <RadioGroup className="segmented" orientation="horizontal" value={mode} onChange={(v) => setChosen(v as Mode)} aria-label={t("conversation.composer.modeLabel")}>
          <Radio className="segmented__option" value="reply">
            {t("conversation.composer.reply")}
          </Radio>
          <Radio className="segmented__option segmented__option--note" value="note">
            {t("conversation.composer.note")}
          </Radio>
        </RadioGroup>
      ) : null}
      <form
        className="composer__form"
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
      >
        <TextField className="field" value={body} onChange={setBody} isInvalid={invalid !== null} aria-describedby={hintId}>
          <Label className="field__label">{label}</Label>
          <TextArea className="input composer__input" rows={5} onKeyDown={onKeyDown} />
          {mode === "reply" && contact ? (
            <Text slot="description" className="field__description">
              {t(`conversation.composer.prefers.${contact.preferredLanguage}`, { name: contact.name ?? t("conversation.contact.anonymous") })}
            </Text>
          ) : null}
        </TextField>
        {invalid ? <InlineAlert tone="error">{invalid}</InlineAlert> : null}
        {mutation.isError ? <ProblemAlert error={mutation.error} /> : null}
        <div className="composer__actions">
          <span id={hintId} className="composer__hint">
            {isMac() ? t("conversation.composer.shortcutMac") : t("conversation.composer.shortcut")}
          </span>
          <Button type="submit" variant={mode === "note" ? "secondary" : "primary"} isPending={mutation.isPending}>
            {mutation.isPending ? t("conversation.composer.sending") : mode === "reply" ? t("conversation.composer.send") : t("conversation.composer.addNote")}
          </Button>
        </div>
        <p className="sr-only" role="status">
          {done ?? ""}
        </p>
      </form>
    </section>
  );
}
