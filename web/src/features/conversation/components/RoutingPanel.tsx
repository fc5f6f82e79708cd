import { Button, Disclosure, DisclosurePanel, Heading } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";
import { Icon } from "../../../ui/Icon.js";

/**
 * "Why here?": how the conversation was routed (department, person, rules, learned routing, triage), folded away
 * until asked for. The summary is the server's one line; the steps are rendered in the UI language.
 */
export function RoutingPanel({ routing }: { routing: ConversationDetail["routing"] }) {
  const { t } = useTranslation();
  return (
    <section className="panel" aria-label={t("conversation.routing.title")}>
      <Disclosure className="disclosure">
        <Heading level={2} className="section-title disclosure__heading">
          <Button slot="trigger" className="disclosure__trigger">
            <span className="disclosure__chevron" aria-hidden="true">
              ▸
            </span>
            <Icon name="filter" />
            {t("conversation.routing.why")}
          </Button>
        </Heading>
        <DisclosurePanel className="disclosure__panel">
          {routing ? (
            <>
              <p className="routing__summary">{routing.summary}</p>
            </>
          ) : (
            <p className="muted">{t("conversation.routing.none")}</p>
          )}
        </DisclosurePanel>
      </Disclosure>
    </section>
  );
}
