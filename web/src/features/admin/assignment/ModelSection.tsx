import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "../../../ui/Badge.js";
import { Button } from "../../../ui/Button.js";
import { ProblemAlert } from "../../../ui/ProblemAlert.js";
import { DateTime } from "../../../ui/RelativeTime.js";
import { Spinner } from "../../../ui/Spinner.js";
import * as adminApi from "../api.js";
import { errorsFromProblem } from "../formErrors.js";
import { adminKeys, useAdminMutation, useDistrictSettings, useRoutingModel, useSettingsAbilities } from "../hooks.js";
import { formatPercent } from "../RoutingSteps.js";
import { CheckboxField, NumberInputField } from "../ui/fields.js";

/** The learned-routing model's state, "Retrain now", and the district's confidence threshold. */
export function ModelSection() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { manage } = useSettingsAbilities();
  const model = useRoutingModel();
  const district = useDistrictSettings();
  const train = useAdminMutation(() => adminApi.trainModel(), [adminKeys.model]);
  const [status, setStatus] = useState("");
  const m = model.data;

  return (
    <section className="settings__section" aria-labelledby="model-title">
      <h2 id="model-title" className="section-title">
        {t("admin.assignment.model.title")}
      </h2>
      <p className="muted settings__intro">{t("admin.assignment.model.intro")}</p>
      <p className="sr-only" role="status">
        {status}
      </p>
      <div className="panel settings__card">
        {model.isPending ? <Spinner label={t("app.loading")} /> : null}
        {model.isError ? <ProblemAlert error={model.error} onRetry={() => void model.refetch()} /> : null}
        {m ? (
          <>
            <dl className="deflist deflist--inline">
              <div>
                <dt>{t("admin.assignment.model.status")}</dt>
                <dd>
                  {m.trained ? (
                    <Badge tone="success" icon="check">
                      {t("admin.assignment.model.trained")}
                    </Badge>
                  ) : (
                    <Badge tone="muted">{t("admin.assignment.model.notTrained")}</Badge>
                  )}
                </dd>
              </div>
              <div>
                <dt>{t("admin.assignment.model.examples")}</dt>
                <dd>{m.examples}</dd>
              </div>
              <div>
                <dt>{t("admin.assignment.model.labels")}</dt>
                <dd>{m.labels}</dd>
              </div>
              <div>
                <dt>{t("admin.assignment.model.modelThreshold")}</dt>
                <dd>{m.threshold === null ? t("admin.common.none") : formatPercent(m.threshold, lang)}</dd>
              </div>
              <div>
                <dt>{t("admin.assignment.model.trainedAt")}</dt>
                <dd>{m.trainedAt ? <DateTime iso={m.trainedAt} /> : t("admin.assignment.model.never")}</dd>
              </div>
              <div>
                <dt>{t("admin.assignment.model.history")}</dt>
                <dd>{m.historyAvailable}</dd>
              </div>
            </dl>
            {m.historyAvailable < m.minExamples ? <p className="field__description">{t("admin.assignment.model.needs", { count: m.minExamples })}</p> : null}
            {manage ? (
              <div className="settings__buttons">
                <Button
                  isDisabled={train.isPending}
                  onPress={() =>
                    // Too little history answers 200 with the model unchanged: say so rather than "retrained".
                    train.mutate(undefined, {
                      onSuccess: (res) =>
                        setStatus(
                          res.historyAvailable < res.minExamples
                            ? t("admin.assignment.model.needs", { count: res.minExamples })
                            : t("admin.assignment.model.retrained", { count: res.examples }),
                        ),
                    })
                  }
                >
                  {train.isPending ? t("admin.assignment.model.retraining") : t("admin.assignment.model.retrain")}
                </Button>
              </div>
            ) : null}
            {train.isError ? <ProblemAlert error={train.error} /> : null}
          </>
        ) : null}
      </div>
      {district.data ? <ThresholdForm current={district.data.routingThreshold} manage={manage} onSaved={() => setStatus(t("admin.assignment.threshold.saved"))} /> : null}
      {district.isError ? <ProblemAlert error={district.error} onRetry={() => void district.refetch()} /> : null}
    </section>
  );
}

function ThresholdForm({ current, manage, onSaved }: { current: number | null; manage: boolean; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const [useModel, setUseModel] = useState(current === null);
  const [percent, setPercent] = useState<number | null>(current === null ? null : Math.round(current * 100));
  const [error, setError] = useState<string | undefined>();
  const save = useAdminMutation((routingThreshold: number | null) => adminApi.updateDistrictSettings({ routingThreshold }), [adminKeys.district]);
  useEffect(() => {
    setUseModel(current === null);
    setPercent(current === null ? null : Math.round(current * 100));
  }, [current]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (useModel) {
      setError(undefined);
      save.mutate(null, { onSuccess: onSaved });
      return;
    }
    if (percent === null || percent < 5 || percent > 99) {
      setError(t("admin.assignment.threshold.help"));
      return;
    }
    setError(undefined);
    save.mutate(percent / 100, {
      onSuccess: onSaved,
      onError: (err) => setError(errorsFromProblem(err).routingThreshold),
    });
  };

  if (!manage) {
    return (
      <div className="panel settings__card">
        <dl className="deflist">
          <div>
            <dt>{t("admin.assignment.threshold.title")}</dt>
            <dd>{current === null ? t("admin.assignment.threshold.useModel") : formatPercent(current, i18n.language)}</dd>
          </div>
        </dl>
      </div>
    );
  }
  return (
    <form className="panel settings__card settings__form" onSubmit={submit} noValidate aria-labelledby="threshold-title">
      <h3 id="threshold-title" className="settings__card-title">
        {t("admin.assignment.threshold.title")}
      </h3>
      <CheckboxField isSelected={useModel} onChange={setUseModel}>
        {t("admin.assignment.threshold.useModel")}
      </CheckboxField>
      {!useModel ? (
        <NumberInputField
          className="settings__narrow"
          label={t("admin.assignment.threshold.percent")}
          description={t("admin.assignment.threshold.help")}
          value={percent}
          onChange={setPercent}
          minValue={5}
          maxValue={99}
          step={1}
          errorMessage={error}
        />
      ) : null}
      {save.isError && !errorsFromProblem(save.error).routingThreshold ? <ProblemAlert error={save.error} /> : null}
      <div className="settings__buttons">
        <Button type="submit" variant="primary" isDisabled={save.isPending}>
          {save.isPending ? t("admin.common.saving") : t("admin.assignment.threshold.save")}
        </Button>
      </div>
    </form>
  );
}
