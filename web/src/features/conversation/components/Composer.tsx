import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { Label, Radio, RadioGroup, Text, TextArea, TextField } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { MessageBodySchema, type ConversationDetail } from "../../../../../common/contract/conversations.js";
import { isApiError } from "../../../lib/http.js";
import { conversationKeys } from "../../../lib/queryKeys.js";
import { Button } from "../../../ui/Button.js";
import { InlineAlert } from "../../../ui/InlineAlert.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { useAddNote, useSendReply } from "../hooks/useConversationMutations.js";
import { goToMessage } from "../goToMessage.js";
import { CollisionDialog, type Collision } from "./CollisionDialog.js";

type Mode = "reply" | "note";

const isMac = () => typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

/** A 409 whose invalidParams say another reply was sent since `openedAt`. */
export const isReplyCollision = (e: unknown): boolean =>
  isApiError(e) && e.status === 409 && (e.problem.invalidParams ?? []).some((p) => p.reason === "reply_collision");

type Props = {
  conversation: ConversationDetail;
  meId: string;
  /** Whether a reply (not a note) is being written, for presence ("Dana is replying…"). */
  onReplyingChange?: (replying: boolean) => void;
};

/**
 * Reply to the family or add an internal note, as the conversation's abilities allow. Sends with
 * the button or Ctrl/Cmd+Enter; the text clears once the server has stored it.
 *
 * A reply carries `openedAt`: when the person opened the conversation (or last caught up: after their own reply, or
 * after being told of a colliding one). Live updates refresh the detail, but not this, so a reply someone else sent
 * meanwhile stops the send with a dialog naming them, "Show their reply" and "Send anyway".
 */
export function Composer({ conversation, meId, onReplyingChange }: Props) {
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
  const queryClient = useQueryClient();
  const seenAt = useRef(conversation.openedAt);
  const [collision, setCollision] = useState<Collision | null>(null);
  const replying = mode === "reply" && body.trim() !== "";
  useEffect(() => onReplyingChange?.(replying), [replying, onReplyingChange]);

  // The latest detail's openedAt: read after a refetch, once the person has seen what changed.
  const catchUp = () => {
    const latest = queryClient.getQueryData<ConversationDetail>(conversationKeys.detail(conversation.id));
    if (latest) seenAt.current = latest.openedAt;
  };

  if (modes.length === 0) {
    return (
      <section className="composer composer--readonly" aria-label={t("conversation.composer.title")}>
        <p>{t("conversation.composer.readOnly")}</p>
      </section>
    );
  }

  const send = (force = false) => {
    if (mutation.isPending) return;
    const parsed = MessageBodySchema.safeParse({ body });
    if (!parsed.success) {
      setInvalid(t("conversation.composer.empty"));
      return;
    }
    setInvalid(null);
    setDone(null);
    if (mode === "note") {
      note.mutate(parsed.data, {
        onSuccess: () => {
          setBody("");
          setDone(t("conversation.composer.noteAdded"));
        },
      });
      return;
    }
    const openedAt = seenAt.current;
    reply.mutate(
      { ...parsed.data, openedAt, ...(force ? { force: true } : {}) },
      {
        onSuccess: () => {
          catchUp();
          setCollision(null);
          setBody("");
          setDone(t("conversation.composer.sent"));
        },
        onError: async (err) => {
          if (!isReplyCollision(err)) return;
          reply.reset();
          // Read the conversation again: the colliding reply, and a fresh openedAt for the next attempt.
          await queryClient.invalidateQueries({ queryKey: conversationKeys.detail(conversation.id) });
          const latest = queryClient.getQueryData<ConversationDetail>(conversationKeys.detail(conversation.id));
          const theirs = (latest?.messages ?? []).filter(
            (m) => m.direction === "outbound" && m.createdAt > openedAt && !(m.author.kind === "staff" && m.author.id === meId),
          );
          catchUp();
          setCollision({
            names: [...new Set(theirs.map((m) => m.author.name).filter((n): n is string => Boolean(n)))],
            messageId: theirs.at(-1)?.id ?? null,
            detail: isApiError(err) ? err.problem.detail : "",
          });
        },
      },
    );
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      send();
    }
  };
  const showTheirReply = () => {
    const id = collision?.messageId;
    setCollision(null);
    if (!id) return;
    // After the dialog has returned focus, take the reader to the other reply.
    requestAnimationFrame(() => requestAnimationFrame(() => goToMessage(id)));
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
        {mutation.isError && !isReplyCollision(mutation.error) && !collision ? <ProblemAlert error={mutation.error} /> : null}
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
      <CollisionDialog
        collision={collision}
        isSending={reply.isPending}
        error={collision && reply.isError ? reply.error : null}
        onShow={showTheirReply}
        onSendAnyway={() => send(true)}
        onClose={() => setCollision(null)}
      />
    </section>
  );
}
