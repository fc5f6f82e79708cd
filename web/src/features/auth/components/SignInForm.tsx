import { useRef, useState, type FormEvent } from "react";
import { Form } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../lib/http.js";
import { problemMessage } from "../../../lib/problemMessage.js";
import { Button } from "../../../ui/Button.js";
import { InlineAlert } from "../../../ui/InlineAlert.js";
import { TextField } from "../../../ui/TextField.js";
import { lastDistrict } from "../api.js";
import { useSignIn } from "../hooks/useSignIn.js";

type Field = "district" | "email" | "password";

/** District, email and password; on success calls onSignedIn (the page decides where to go). */
export function SignInForm({ initialDistrict, onSignedIn }: { initialDistrict?: string; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Record<Field, string>>(() => ({ district: initialDistrict || lastDistrict(), email: "", password: "" }));
  // Errors show after a submit and clear as soon as the field is typed in: they never vanish on blur,
  // which would move the button away from under a click.
  const [missing, setMissing] = useState<Set<Field>>(new Set());
  const formRef = useRef<HTMLFormElement>(null);
  const signIn = useSignIn();

  const set = (field: Field) => (v: string) => {
    setValues((prev) => ({ ...prev, [field]: v }));
    if (missing.has(field)) setMissing((prev) => new Set([...prev].filter((f) => f !== field)));
  };

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (signIn.isPending) return;
    const empty = (["district", "email", "password"] as const).filter((f) => values[f].trim() === "");
    setMissing(new Set(empty));
    if (empty.length > 0) {
      formRef.current?.querySelector<HTMLInputElement>(`input[name="${empty[0]}"]`)?.focus();
      return;
    }
    signIn.mutate({ district: values.district.trim().toLowerCase(), email: values.email.trim(), password: values.password }, { onSuccess: onSignedIn });
  };

  let error: string | null = null;
  if (signIn.error) {
    const code = isApiError(signIn.error) ? signIn.error.code : "";
    error = code === "unauthenticated" ? t("signIn.invalid") : code === "not_found" ? t("signIn.noDistrict") : problemMessage(signIn.error, t).message;
  }
  const field = (name: Field) => ({
    name,
    value: values[name],
    onChange: set(name),
    isRequired: true,
    isInvalid: missing.has(name),
    errorMessage: t("signIn.required"),
  });

  return (
    <Form ref={formRef} className="signin__form" onSubmit={submit} validationBehavior="aria">
      {error ? <InlineAlert tone="error">{error}</InlineAlert> : null}
      <TextField {...field("district")} label={t("signIn.district")} description={t("signIn.districtHelp")} autoComplete="organization" autoFocus={!values.district} />
      <TextField {...field("email")} label={t("signIn.email")} type="email" autoComplete="username" autoFocus={Boolean(values.district)} />
      <TextField {...field("password")} label={t("signIn.password")} type="password" autoComplete="current-password" />
      {/* Not react-aria's isPending: it announces the button by id, and the button is gone once the inbox opens. */}
      <Button type="submit" variant="primary">
        {signIn.isPending ? t("signIn.submitting") : t("signIn.submit")}
      </Button>
      <p className="sr-only" role="status">
        {signIn.isPending ? t("signIn.submitting") : ""}
      </p>
    </Form>
  );
}
