import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ConversationDetail } from "../../../../../common/contract/conversations.js";
import { ConversationKindSchema, PrioritySchema, type ConversationStatus } from "../../../../../common/enums.js";
import { localized, type Meta } from "../../../lib/meta.js";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { SelectField } from "../../../ui/SelectField.js";
import { useAssign, useChangeStatus, useUpdateConversation } from "../hooks/useConversationMutations.js";

type StatusAction = { to: Exclude<ConversationStatus, "new">; label: "open" | "pending" | "resolve" | "reopen" };

/** The status buttons a conversation offers now (new → open → pending ⇄ open → resolved → reopen). */
export function statusActions(status: ConversationStatus): StatusAction[] {
  switch (status) {
    case "new":
      return [{ to: "open", label: "open" }, { to: "pending", label: "pending" }, { to: "resolved", label: "resolve" }];
    case "open":
      return [{ to: "pending", label: "pending" }, { to: "resolved", label: "resolve" }];
    case "pending":
      return [{ to: "open", label: "open" }, { to: "resolved", label: "resolve" }];
    case "resolved":
      return [{ to: "open", label: "reopen" }];
  }
}

/** Status, assignment and classification controls, each shown only when the abilities allow it. */
export function ActionsPanel({ conversation: c, meta, meId }: { conversation: ConversationDetail; meta: Meta; meId: string }) {
  const { t, i18n } = useTranslation();
  const status = useChangeStatus(c.id);
  const assign = useAssign(c.id);
  const update = useUpdateConversation(c.id);
  const [saved, setSaved] = useState("");
  const statusGroup = useRef<HTMLDivElement>(null);
  const { abilities } = c;
  if (!abilities.assign && !abilities.changeStatus && !abilities.update) return null;
  const onSaved = { onSuccess: () => setSaved(t("conversation.actions.saved")) };
  // One message area for all actions: a new action clears the last one's error or confirmation.
  const start = () => {
    status.reset();
    assign.reset();
    update.reset();
    setSaved("");
  };
  const run = <B,>(m: { mutate: (body: B, opts: typeof onSaved) => void }, body: B) => {
    start();
    m.mutate(body, onSaved);
  };
  const busy = status.isPending || assign.isPending || update.isPending;
  const error = status.error ?? assign.error ?? update.error;
  const assignable = meta.staff.filter((s) => s.role !== "viewer");

  return (
    <section className="panel actions" aria-labelledby="actions-title">
      <h2 id="actions-title" className="section-title">
        {t("conversation.actions.title")}
      </h2>
      {abilities.changeStatus ? (
        <div className="actions__status" role="group" aria-label={t("conversation.actions.status")} ref={statusGroup}>
          {statusActions(c.status).map((a) => (
            <Button
              key={a.to}
              size="sm"
              variant={a.to === "resolved" ? "primary" : "secondary"}
              isDisabled={busy}
              onPress={() => {
                start();
                status.mutate(
                  { status: a.to },
                  {
                    onSuccess: () => {
                      onSaved.onSuccess();
                      // The pressed button is replaced (Resolve → Reopen); keep focus in the group.
                      requestAnimationFrame(() => statusGroup.current?.querySelector("button")?.focus());
                    },
                  },
                );
              }}
            >
              {t(`conversation.actions.${a.label}`)}
            </Button>
          ))}
        </div>
      ) : null}
      {abilities.assign ? (
        <div className="actions__group">
          <SelectField
            label={t("conversation.actions.assignee")}
            value={c.assignee?.id ?? ""}
            emptyLabel={t("conversation.actions.unassigned")}
            options={assignable.map((s) => ({ value: s.id, label: s.name }))}
            isDisabled={busy}
            onChange={(v) => run(assign, { staffId: v || null })}
          />
          {c.assignee?.id !== meId && assignable.some((s) => s.id === meId) ? (
            <Button size="sm" variant="quiet" isDisabled={busy} onPress={() => {
                start();
                assign.mutate({ staffId: meId }, onSaved);
              }}>
              {t("conversation.actions.assignToMe")}
            </Button>
          ) : null}
          <SelectField
            label={t("conversation.actions.department")}
            value={c.department?.id ?? ""}
            emptyLabel={t("conversation.actions.noDepartment")}
            options={meta.departments.map((d) => ({ value: d.id, label: d.name }))}
            isDisabled={busy}
            onChange={(v) => run(assign, { departmentId: v || null })}
          />
        </div>
      ) : null}
      {abilities.update ? (
        <div className="actions__group" role="group" aria-label={t("conversation.actions.classify")}>
          <SelectField
            label={t("conversation.priority")}
            value={c.priority}
            options={PrioritySchema.options.map((p) => ({ value: p, label: t(`enums.priority.${p}`) }))}
            isDisabled={busy}
            onChange={(v) => run(update, { priority: PrioritySchema.parse(v) })}
          />
          <SelectField
            label={t("conversation.kind")}
            value={c.kind}
            options={ConversationKindSchema.options.map((k) => ({ value: k, label: t(`enums.kind.${k}`) }))}
            isDisabled={busy}
            onChange={(v) => run(update, { kind: ConversationKindSchema.parse(v) })}
          />
          <SelectField
            label={t("conversation.topic")}
            value={c.topic?.id ?? ""}
            emptyLabel={t("conversation.actions.noTopic")}
            options={meta.topics.map((x) => ({ value: x.id, label: localized(x.name, i18n.language) }))}
            isDisabled={busy}
            onChange={(v) => run(update, { topicId: v || null })}
          />
          <SelectField
            label={t("conversation.school")}
            value={c.school?.id ?? ""}
            emptyLabel={t("conversation.actions.noSchool")}
            options={meta.schools.map((s) => ({ value: s.id, label: s.name }))}
            isDisabled={busy}
            onChange={(v) => run(update, { schoolId: v || null })}
          />
        </div>
      ) : null}
      {error ? <ProblemAlert error={error} /> : null}
      <p className="sr-only" role="status">
        {saved}
      </p>
    </section>
  );
}
