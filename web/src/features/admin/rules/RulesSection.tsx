import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RoutingRule } from "../../../../../common/contract/routing.js";
import { useMeta } from "../../../lib/meta.js";
import { Badge } from "../../../ui/Badge.js";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { Spinner } from "../../../ui/Spinner.js";
import * as adminApi from "../api.js";
import { adminKeys, useAdminMutation, useAlertCategories, useMoveRule, useRules, useSettingsAbilities, useSlaPolicies } from "../hooks.js";
import { ConfirmDialog, SwitchField } from "../ui/fields.js";
import { useFocusWhenReady } from "../useFocusWhenReady.js";
import { describeRule, ruleNames } from "./describeRule.js";
import { RuleEditor } from "./RuleEditor.js";

type Editing = { kind: "new" } | { kind: "edit"; rule: RoutingRule } | null;

const bodyOf = (r: RoutingRule) => ({ name: r.name, enabled: r.enabled, conditions: r.conditions, actions: r.actions, stopProcessing: r.stopProcessing });

/** The ordered rules with their controls, and the editor for a new or existing rule. */
export function RulesSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const meta = useMeta();
  const { manage } = useSettingsAbilities();
  const rules = useRules();
  const sla = useSlaPolicies();
  const alertCategories = useAlertCategories();
  const move = useMoveRule();
  const toggle = useAdminMutation((r: RoutingRule) => adminApi.updateRule(r.id, { ...bodyOf(r), enabled: !r.enabled }), [adminKeys.rules]);
  const remove = useAdminMutation((r: RoutingRule) => adminApi.deleteRule(r.id), [adminKeys.rules]);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirming, setConfirming] = useState<RoutingRule | null>(null);
  const [status, setStatus] = useState("");
  const listRef = useRef<HTMLDivElement>(null);

  const names = ruleNames(meta, lang, t, { slaPolicies: sla.data, alertCategories: alertCategories.data });
  const items = rules.data ?? [];

  // After a change the server answered, focus what the person acted on once the new list has rendered.
  const focusWhenReady = useFocusWhenReady();
  const focusLater = (selector: string) => focusWhenReady(selector, "#rules-title");

  const onMove = (rule: RoutingRule, direction: "up" | "down") => {
    const position = rule.position + (direction === "up" ? -1 : 1);
    move.mutate(
      { ruleId: rule.id, position },
      {
        onSuccess: (res) => {
          const moved = res.items.find((r) => r.id === rule.id);
          setStatus(t("admin.rules.moved", { name: rule.name, position: moved?.position ?? position }));
          // Reordering moves the item in the DOM, which drops focus: put it back on the same button, or on the
          // other one when the rule reached the top or the bottom.
          const index = res.items.findIndex((r) => r.id === rule.id);
          const atEdge = direction === "up" ? index === 0 : index === res.items.length - 1;
          const next = atEdge ? (direction === "up" ? "down" : "up") : direction;
          // Wait for the item at its new position: focusing it before the reorder renders would lose focus again.
          focusLater(`[data-rule="${rule.id}"][data-position="${moved?.position ?? position}"] [data-move="${next}"]`);
        },
      },
    );
  };

  const onToggle = (rule: RoutingRule) =>
    toggle.mutate(rule, { onSuccess: (r) => setStatus(r.enabled ? t("admin.rules.turnedOn", { name: r.name }) : t("admin.rules.turnedOff", { name: r.name })) });

  const onDelete = () => {
    const rule = confirming;
    if (!rule) return;
    const index = items.findIndex((r) => r.id === rule.id);
    const neighbour = items[index + 1] ?? items[index - 1];
    remove.mutate(rule, {
      onSuccess: () => {
        setConfirming(null);
        setStatus(t("admin.rules.deleted", { name: rule.name }));
        if (editing?.kind === "edit" && editing.rule.id === rule.id) setEditing(null);
        focusLater(neighbour ? `[data-rule="${neighbour.id}"] h3` : "#rules-title");
      },
    });
  };

  const closeEditor = (focus: string | null) => {
    const was = editing;
    setEditing(null);
    if (focus) focusLater(focus);
    else if (was?.kind === "edit") focusLater(`[data-rule="${was.rule.id}"] [data-edit]`);
    else focusLater("#rules-new");
  };

  return (
    <section className="settings__section" aria-labelledby="rules-title">
      <div className="settings__section-head">
        <h2 id="rules-title" className="section-title" tabIndex={-1}>
          {t("admin.rules.listTitle")}
        </h2>
        {manage ? (
          <Button id="rules-new" variant="primary" onPress={() => setEditing({ kind: "new" })} isDisabled={editing?.kind === "new"}>
            {t("admin.rules.new")}
          </Button>
        ) : null}
      </div>
      <p className="sr-only" role="status">
        {status}
      </p>
      {editing?.kind === "new" ? (
        <RuleEditor
          rule={null}
          meta={meta}
          slaPolicies={sla.data ?? []}
          alertCategories={alertCategories.data ?? []}
          onSaved={(r) => {
            setStatus(t("admin.rules.created", { name: r.name }));
            closeEditor(`[data-rule="${r.id}"] h3`);
          }}
          onCancel={() => closeEditor(null)}
        />
      ) : null}
      {rules.isPending ? <Spinner label={t("app.loading")} /> : null}
      {rules.isError ? <ProblemAlert error={rules.error} onRetry={() => void rules.refetch()} /> : null}
      {move.isError ? <ProblemAlert error={move.error} /> : null}
      {toggle.isError ? <ProblemAlert error={toggle.error} /> : null}
      {rules.data && items.length === 0 ? <p className="empty">{t("admin.rules.empty")}</p> : null}
      <div ref={listRef}>
        <ol className="rules">
          {items.map((rule, i) => {
            const sentence = describeRule(rule, t, names, lang);
            const isEditing = editing?.kind === "edit" && editing.rule.id === rule.id;
            return (
              <li key={rule.id} className={rule.enabled ? "rule" : "rule rule--off"} data-rule={rule.id} data-position={rule.position}>
                <article aria-labelledby={`rule-${rule.id}`}>
                  <header className="rule__head">
                    <span className="rule__position">{t("admin.rules.position", { position: rule.position })}</span>
                    <h3 id={`rule-${rule.id}`} className="rule__name" tabIndex={-1}>
                      {rule.name}
                    </h3>
                    {!rule.enabled ? <Badge tone="muted">{t("admin.rules.off")}</Badge> : null}
                  </header>
                  <p className="rule__sentence">{sentence.when}</p>
                  <p className="rule__sentence">{sentence.then}</p>
                  {manage ? (
                    <div className="rule__controls">
                      <SwitchField isSelected={rule.enabled} onChange={() => onToggle(rule)} isDisabled={toggle.isPending}>
                        <span className="sr-only">{t("admin.rules.enabledFor", { name: rule.name })}</span>
                        <span aria-hidden="true">{t("admin.rules.enabledLabel")}</span>
                      </SwitchField>
                      <div className="rule__buttons">
                        <Button size="sm" data-move="up" isDisabled={i === 0 || move.isPending} onPress={() => onMove(rule, "up")}>
                          <span aria-hidden="true">↑</span> {t("admin.rules.moveUp")}
                          <Context name={rule.name} />
                        </Button>
                        <Button size="sm" data-move="down" isDisabled={i === items.length - 1 || move.isPending} onPress={() => onMove(rule, "down")}>
                          <span aria-hidden="true">↓</span> {t("admin.rules.moveDown")}
                          <Context name={rule.name} />
                        </Button>
                        <Button size="sm" data-edit onPress={() => setEditing({ kind: "edit", rule })} isDisabled={isEditing}>
                          {t("admin.common.edit")}
                          <Context name={rule.name} />
                        </Button>
                        <Button size="sm" variant="quiet" onPress={() => setConfirming(rule)}>
                          {t("admin.common.delete")}
                          <Context name={rule.name} />
                        </Button>
                      </div>
                    </div>
                  ) : null}
                </article>
                {isEditing ? (
                  <RuleEditor
                    key={rule.id}
                    rule={rule}
                    meta={meta}
                    slaPolicies={sla.data ?? []}
                    alertCategories={alertCategories.data ?? []}
                    onSaved={(r) => {
                      setStatus(t("admin.rules.updated", { name: r.name }));
                      closeEditor(`[data-rule="${r.id}"] h3`);
                    }}
                    onCancel={() => closeEditor(null)}
                  />
                ) : null}
              </li>
            );
          })}
        </ol>
      </div>
      <ConfirmDialog
        isOpen={confirming !== null}
        onOpenChange={(open) => {
          // Dismissed: react-aria returns focus to the Delete button that opened it.
          if (!open) {
            setConfirming(null);
            remove.reset();
          }
        }}
        title={t("admin.rules.confirmDelete.title")}
        confirmLabel={t("admin.rules.confirmDelete.confirm")}
        onConfirm={onDelete}
        isPending={remove.isPending}
        error={remove.isError ? <ProblemAlert error={remove.error} /> : null}
      >
        <p>{t("admin.rules.confirmDelete.body", { name: confirming?.name ?? "" })}</p>
      </ConfirmDialog>
    </section>
  );
}

/** Which rule a button acts on, for screen readers ("Move up: “Bus 42”"); the visible label stays short. */
export function Context({ name }: { name: string }) {
  return <span className="sr-only">: “{name}”</span>;
}
