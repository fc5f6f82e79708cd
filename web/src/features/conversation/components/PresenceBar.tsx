import { useTranslation } from "react-i18next";
import { Icon } from "../../../ui/Icon.js";
import { usePresence } from "../hooks/usePresence.js";

/**
 * "Maria Lopez is viewing" / "Maria Lopez is replying…": the other staff members on this conversation now, in a
 * polite live region so a screen reader hears when someone starts replying.
 */
export function PresenceBar({ conversationId, meId }: { conversationId: string; meId: string }) {
  const { t } = useTranslation();
  const query = usePresence(conversationId);
  const others = (query.data?.items ?? []).filter((p) => p.staffId !== meId);
  // Someone replying matters more than someone reading: first.
  others.sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === "replying" ? -1 : 1));
  return (
    <div className={others.length > 0 ? "presence" : "presence presence--empty"} role="status" aria-live="polite">
      {others.length > 0 ? (
        <ul className="presence__list" aria-label={t("conversation.presence.label")}>
          {others.map((p) => (
            <li key={p.staffId} className={`presence__item presence__item--${p.state}`}>
              <Icon name={p.state === "replying" ? "pencil" : "eye"} />
              {p.state === "replying" ? t("conversation.presence.replying", { name: p.name }) : t("conversation.presence.viewing", { name: p.name })}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
