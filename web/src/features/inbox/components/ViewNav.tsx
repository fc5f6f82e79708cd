import { Link, useLinkProps } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { InboxView } from "../../../../../common/enums.js";
import type { InboxSearch } from "../search.js";

export const NAV_VIEWS: InboxView[] = ["mine", "my_departments", "unassigned", "all_open", "pending", "resolved", "all"];
/** Views of what needs attention: alerts, triage, service-standard clocks and followed conversations. */
export const FOLLOW_UP_VIEWS: InboxView[] = ["alerts", "triage", "past_due", "due_soon", "watching"];

function ViewLink({ view, current, sort }: { view: InboxView; current: boolean; sort: InboxSearch["sort"] }) {
  const { t } = useTranslation();
  // Switching views starts from a clean set of filters but keeps the chosen sort.
  const props = useLinkProps({ to: "/", search: { view, sort } });
  return (
    <a {...props} className={current ? "viewnav__link viewnav__link--current" : "viewnav__link"} aria-current={current ? "page" : undefined} data-status={undefined}>
      {t(`inbox.views.${view}`)}
    </a>
  );
}

/** The left navigation of inbox views; the current one is marked with aria-current. */
export function ViewNav({ current, sort }: { current: InboxView; sort: InboxSearch["sort"] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLElement>(null);
  // On a phone the views scroll sideways: keep the current one in sight.
  useEffect(() => {
    ref.current?.querySelector('[aria-current="page"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [current]);
  return (
    <nav className="viewnav" aria-label={t("inbox.views.label")} ref={ref}>
      <ul className="viewnav__list">
        {NAV_VIEWS.map((v) => (
          <li key={v}>
            <ViewLink view={v} current={v === current} sort={sort} />
          </li>
        ))}
      </ul>
      <p className="viewnav__group" id="viewnav-followup">
        {t("inbox.views.followUp")}
      </p>
      <ul className="viewnav__list" aria-labelledby="viewnav-followup">
        {FOLLOW_UP_VIEWS.map((v) => (
          <li key={v}>
            <ViewLink view={v} current={v === current} sort={sort} />
          </li>
        ))}
        <li>
          <Link to="/clusters" className="viewnav__link">
            {t("clusters.title")}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
