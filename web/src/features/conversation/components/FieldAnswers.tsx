import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";

/** The answers to the topic form's questions, as the family gave them. */
export function FieldAnswers({ fields }: { fields: ConversationDetail["fields"] }) {
  const { t } = useTranslation();
  if (fields.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="fields-title">
      <h2 id="fields-title" className="section-title">
        {t("conversation.fields.title")}
      </h2>
      <dl className="deflist">
        {fields.map((f) => (
          <div key={f.key}>
            <dt>{f.label}</dt>
            <dd>{f.display}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
