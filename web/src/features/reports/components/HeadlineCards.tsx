import { Link } from "@tanstack/react-router";
import { useTranslation } from "react-i18next";
import type { ReportSummary } from "../../../../../common/contract/reports.js";
import type { InboxSearch } from "../../inbox/search.js";
import { describeChange, formatFigure, type Direction, type FigureKind } from "../format.js";

export type FigureKey = Exclude<keyof ReportSummary, "period" | "previous" | "change" | "ratings">;

export type CardSpec = { key: FigureKey; kind: FigureKind; direction: Direction; drill?: InboxSearch };

/** Headline figures, each with its change against the previous period as an arrow and words. */
export function HeadlineCards({ summary, cards, label }: { summary: ReportSummary; cards: CardSpec[]; label: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <ul className="report-cards" aria-label={label}>
      {cards.map((c) => {
        const value = summary[c.key];
        const previous = summary.previous[c.key];
        const change = describeChange(summary.change[c.key], formatFigure(previous, c.kind, lang, t), c.direction, lang, t);
        const name = t(`reports.figures.${c.key}` as "reports.figures.conversations");
        return (
          <li key={c.key} className="report-card" data-figure={c.key}>
            <p className="report-card__label">{name}</p>
            <p className="report-card__value">
              {c.drill ? (
                <Link to="/" search={c.drill} className="report-card__link">
                  {formatFigure(value, c.kind, lang, t)}
                  <span className="sr-only">
                    {" "}
                    · {name}: {t("reports.actions.viewConversations")}
                  </span>
                </Link>
              ) : (
                formatFigure(value, c.kind, lang, t)
              )}
            </p>
            <p className={`report-card__change report-card__change--${change.tone}`}>
              {change.arrow ? <span aria-hidden="true">{change.arrow} </span> : null}
              {change.text}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
