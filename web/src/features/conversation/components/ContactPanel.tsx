import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";
import { StatusBadge } from "../../../lib/badges.js";
import { Badge } from "../../../ui/Badge.js";

/** Who wrote in: name, preferred language, addresses (with a bouncing warning) and earlier conversations. */
export function ContactPanel({ contact }: { contact: ConversationDetail["contact"] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-labelledby="contact-title">
      <h2 id="contact-title" className="section-title">
        {t("conversation.contact.title")}
      </h2>
      {!contact ? (
        <p>{t("conversation.contact.anonymous")}</p>
      ) : (
        <>
          <dl className="deflist">
            <div>
              <dt>{t("conversation.contact.name")}</dt>
              <dd>{contact.name ?? t("conversation.contact.anonymous")}</dd>
            </div>
            <div>
              <dt>{t("conversation.contact.preferredLanguage")}</dt>
              <dd>{t(`enums.language.${contact.preferredLanguage}`)}</dd>
            </div>
            {contact.identities.map((i) => (
              <div key={`${i.kind}:${i.value}`}>
                <dt>{i.kind === "email" ? t("conversation.contact.email") : t("conversation.contact.phone")}</dt>
                <dd className="identity">
                  <span className="identity__value">{i.value}</span>
                  {i.bouncing ? (
                    <Badge tone="danger" icon="alert">
                      {t("conversation.contact.bouncing")}
                    </Badge>
                  ) : null}
                </dd>
              </div>
            ))}
          </dl>
          <h3 className="subsection-title">{t("conversation.contact.others")}</h3>
          {contact.otherConversations.length === 0 ? (
            <p className="muted">{t("conversation.contact.noOthers")}</p>
          ) : (
            <ul className="others">
              {contact.otherConversations.map((o) => (
                <li key={o.id}>
                  <Link to="/conversations/$conversationId" params={{ conversationId: o.id }}>
                    <span className="others__ref">{o.reference}</span> {o.subject}
                  </Link>{" "}
                  <StatusBadge status={o.status} />
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
