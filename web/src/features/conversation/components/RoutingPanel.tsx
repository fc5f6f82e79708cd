import { Button, Disclosure, DisclosurePanel, Heading } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";
import { Icon } from "../../../ui/Icon.js";
import { RoutingSteps } from "../../admin/RoutingSteps.js";

/**
 * "Why here?": how the conversation was routed (department, person, rules, learned routing, triage), folded away
 * until asked for. The summary is the server's one line (in English, marked so); the steps are rendered in the UI
 * language by the settings' RoutingSteps.
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
              <p className="routing__summary" lang="en">
                {routing.summary}
              </p>
              <RoutingSteps steps={routing.steps} />
            </>
          ) : (
            <p className="muted">{t("conversation.routing.none")}</p>
          )}
        </DisclosurePanel>
      </Disclosure>
    </section>
  );
}
