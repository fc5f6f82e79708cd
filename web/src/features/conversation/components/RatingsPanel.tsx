import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";
import { DateTime } from "../../../ui/RelativeTime.js";

/** The family's satisfaction ratings (1–10 on accuracy, timeliness and courtesy). */
export function RatingsPanel({ ratings }: { ratings: ConversationDetail["ratings"] }) {
  const { t } = useTranslation();
  if (ratings.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="ratings-title">
      <h2 id="ratings-title" className="section-title">
        {t("conversation.ratings.title")}
      </h2>
      {ratings.map((r, i) => (
        <div key={`${r.submittedAt}-${i}`} className="rating">
          <DateTime iso={r.submittedAt} className="muted" />
          <dl className="deflist deflist--inline">
            {(["accuracy", "timeliness", "courtesy"] as const).map((k) => (
              <div key={k}>
                <dt>{t(`conversation.ratings.${k}`)}</dt>
                <dd>{t("conversation.ratings.score", { score: r[k] })}</dd>
              </div>
            ))}
            {r.comment ? (
              <div>
                <dt>{t("conversation.ratings.comment")}</dt>
                <dd>{r.comment}</dd>
              </div>
            ) : null}
          </dl>
        </div>
      ))}
    </section>
  );
}
