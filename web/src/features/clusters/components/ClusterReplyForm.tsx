import { Link } from "@tanstack/react-router";
import { useEffect, useRef, useState, type Ref } from "react";
import { Checkbox, FieldError, Label, Text, TextArea, TextField } from "react-aria-components";
import { useTranslation } from "react-i18next";
import type { ClusterReplyResult } from "../../../../../common/contract/operations.js";
import { ClusterReplyBodySchema } from "../../../../../common/contract/operations.js";
import { Badge } from "../../../ui/Badge.js";
import { Button } from "../../../ui/Button.js";
import { Icon } from "../../../ui/Icon.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import type { ClusterDetail } from "../api.js";
import { useReplyToCluster } from "../hooks/useClusters.js";

/** How many member families wrote in Spanish: the cluster's language counts, or its conversations. */
export function spanishFamilies(cluster: ClusterDetail): number {
  return cluster.languages.es ?? cluster.conversations.filter((c) => c.language === "es").length;
}

/**
 * "Reply to all": one answer sent to every member conversation, in English and (required when any family wrote in
 * Spanish) Spanish, each family getting its own language; optionally resolving them all. The result lists what was
 * sent and what was skipped, and why.
 */
export function ClusterReplyForm({ cluster }: { cluster: ClusterDetail }) {
  const { t } = useTranslation();
  const reply = useReplyToCluster(cluster.id);
  const [en, setEn] = useState("");
  const [es, setEs] = useState("");
  const [resolve, setResolve] = useState(false);
  const [errors, setErrors] = useState<{ en?: string; es?: string }>({});
  const [result, setResult] = useState<ClusterReplyResult | null>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const spanish = spanishFamilies(cluster);
  // The result replaces what was pressed (the whole form, when the reply resolved the incident): read it next.
  useEffect(() => {
    if (result) resultRef.current?.focus();
  }, [result]);

  const submit = () => {
    if (reply.isPending) return;
    const next: { en?: string; es?: string } = {};
    const parsed = ClusterReplyBodySchema.safeParse({ body: { en, ...(es.trim() ? { es } : {}) }, resolve });
    if (!parsed.success) next.en = t("clusters.reply.enRequired");
    if (spanish > 0 && !es.trim()) next.es = t("clusters.reply.esRequired");
    setErrors(next);
    if (!parsed.success || next.es) return;
    setResult(null);
    reply.mutate(parsed.data, {
      onSuccess: (r) => {
        setResult(r);
        setEn("");
        setEs("");
        setResolve(false);
      },
    });
  };

  // A resolved incident takes no more replies; the result of the reply that resolved it stays.
  if (cluster.status !== "open" && !result) return null;
  return (
    <section className="panel clusterreply" aria-labelledby="clusterreply-title">
      <h2 id="clusterreply-title" className="section-title">
        {t("clusters.reply.title")}
      </h2>
      {cluster.status === "open" ? (
        <>
          <p className="muted">{t("clusters.reply.intro", { count: cluster.open })}</p>
          <form
            className="clusterreply__form"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <TextField className="field" value={en} onChange={setEn} isRequired validationBehavior="aria" isInvalid={Boolean(errors.en)}>
              <Label className="field__label">{t("clusters.reply.en")}</Label>
              <TextArea className="input" rows={6} />
              <FieldError className="field__error">{errors.en}</FieldError>
            </TextField>
            <TextField className="field" value={es} onChange={setEs} isRequired={spanish > 0} validationBehavior="aria" isInvalid={Boolean(errors.es)}>
              <Label className="field__label">
                {t("clusters.reply.es")}
                {spanish > 0 ? (
                  <>
                    {" "}
                    <Badge tone="warning" icon="alert">
                      {t("clusters.reply.esNeeded")}
                    </Badge>
                  </>
                ) : null}
              </Label>
              <TextArea className="input" rows={6} lang="es" />
              <Text slot="description" className="field__description">
                {spanish > 0 ? t("clusters.reply.esHelpRequired", { count: spanish }) : t("clusters.reply.esHelpOptional")}
              </Text>
              <FieldError className="field__error">{errors.es}</FieldError>
            </TextField>
            <Checkbox className="checkbox" isSelected={resolve} onChange={setResolve}>
              <span className="checkbox__box" aria-hidden="true">
                <Icon name="check" />
              </span>
              {t("clusters.reply.resolve")}
            </Checkbox>
            {reply.isError ? <ProblemAlert error={reply.error} /> : null}
            <div className="clusterreply__actions">
              <Button type="submit" variant="primary">
                {reply.isPending ? t("clusters.reply.sending") : t("clusters.reply.send")}
              </Button>
            </div>
          </form>
        </>
      ) : null}
      {result ? <ReplyResult result={result} headingRef={resultRef} /> : null}
    </section>
  );
}

function ReplyResult({ result, headingRef }: { result: ClusterReplyResult; headingRef: Ref<HTMLHeadingElement> }) {
  const { t } = useTranslation();
  return (
    <div className="clusterresult">
      <h3 className="subsection-title" ref={headingRef} tabIndex={-1}>
        {t("clusters.result.title")}
      </h3>
      {result.sent.length > 0 ? (
        <>
          <p className="clusterresult__label">{t("clusters.result.sent", { count: result.sent.length })}</p>
          <ul className="clusterresult__list">
            {result.sent.map((s) => (
              <li key={s.conversationId}>
                <Icon name="check" />
                <Link to="/conversations/$conversationId" params={{ conversationId: s.conversationId }}>
                  {s.reference}
                </Link>{" "}
                <span className="muted">({t(`enums.language.${s.language}`)})</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.skipped.length > 0 ? (
        <>
          <p className="clusterresult__label">{t("clusters.result.skipped", { count: result.skipped.length })}</p>
          <ul className="clusterresult__list">
            {result.skipped.map((s) => (
              <li key={s.conversationId}>
                <Icon name="x" />
                <Link to="/conversations/$conversationId" params={{ conversationId: s.conversationId }}>
                  {s.reference}
                </Link>
                {": "}
                {t(`clusters.result.reasons.${s.reason}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.resolved > 0 ? <p>{t("clusters.result.resolved", { count: result.resolved })}</p> : null}
    </div>
  );
}
