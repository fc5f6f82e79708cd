import { Link } from "@tanstack/react-router";
import { useEffect, useRef, type FocusEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Icon } from "../../../ui/Icon.js";
import { RelativeTime } from "../../../ui/RelativeTime.js";
import { useAlertCategoryName } from "../categories.js";
import { useActiveAlerts } from "../hooks/useAlerts.js";
import { AlertActions } from "./AlertActions.js";

/** At most this many alerts in the banner; the rest are one link away (the Critical alerts view). */
const SHOWN = 3;

/**
 * The critical-alert banner across the signed-in app: every active alert the person may see, until someone
 * acknowledges or downgrades it. The live region is always in the page (assertive), so an alert that arrives
 * through the live stream is announced at once; each alert offers Open, Acknowledge and Not critical….
 */
export function AlertBanner() {
  const { t } = useTranslation();
  const query = useActiveAlerts();
  const items = query.data?.items ?? [];
  const categoryName = useAlertCategoryName(items.map((a) => a.category));
  const titleRef = useRef<HTMLHeadingElement>(null);
  const focusInside = useRef(false);
  useFocusRescue(items.map((a) => a.id).join(","), focusInside, titleRef);
  const shown = items.slice(0, SHOWN);
  return (
    <div
      className="alertbanner-live"
      aria-live="assertive"
      aria-relevant="additions text"
      // React focus events bubble out of portals, so focus in a dialog opened from the banner counts as inside.
      onFocus={() => (focusInside.current = true)}
      onBlur={(e: FocusEvent) => {
        if (e.relatedTarget) focusInside.current = false;
      }}
    >
      {items.length > 0 ? (
        <section className="alertbanner" aria-labelledby="alertbanner-title">
          <h2 className="alertbanner__title" id="alertbanner-title" tabIndex={-1} ref={titleRef}>
            <Icon name="alert" />
            {t("alerts.banner.title", { count: items.length })}
          </h2>
          <ul className="alertbanner__list">
            {shown.map((a) => {
              const category = categoryName(a.category);
              return (
                <li key={a.id} className="alertbanner__item">
                  <p className="alertbanner__text">
                    <strong className="alertbanner__label">{t("alerts.criticalAlert")}</strong>
                    <span className="alertbanner__ref">{a.conversation.reference}</span>
                    <span className="alertbanner__category">
                      <span className="sr-only">{t("alerts.category")}: </span>
                      {category}
                    </span>
                    <span className="alertbanner__subject">{a.conversation.subject}</span>
                    <RelativeTime iso={a.createdAt} className="alertbanner__time" />
                  </p>
                  <div className="alertbanner__actions">
                    <Link to="/conversations/$conversationId" params={{ conversationId: a.conversation.id }} className="btn btn--sm btn--secondary">
                      {t("alerts.actions.open")}
                      <span className="sr-only"> {a.conversation.reference}</span>
                    </Link>
                    <AlertActions alert={{ id: a.id, conversationId: a.conversation.id, reference: a.conversation.reference, category }} />
                  </div>
                </li>
              );
            })}
          </ul>
          {items.length > SHOWN ? (
            <p className="alertbanner__more">
              <Link to="/" search={{ view: "alerts" }}>
                {t("alerts.banner.more", { count: items.length - SHOWN })}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}

/**
 * When an alert leaves the banner (acknowledged, downgraded, by anyone) while focus was on one of its buttons or in
 * its dialog, focus would fall to the page body: put it on the banner's title, or the page's heading if the banner
 * is gone. Focus elsewhere is never moved.
 */
function useFocusRescue(ids: string, focusInside: RefObject<boolean>, titleRef: RefObject<HTMLHeadingElement | null>): void {
  useEffect(() => {
    if (!focusInside.current) return;
    const frame = requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active && active !== document.body && active.isConnected) return;
      focusInside.current = false;
      (titleRef.current ?? document.getElementById("main-title"))?.focus();
    });
    return () => cancelAnimationFrame(frame);
  }, [ids, focusInside, titleRef]);
}
