import { useState, type FormEvent } from "react";
import { Form } from "react-aria-components";
import { useTranslation } from "react-i18next";
import { isApiError } from "../../../lib/http.js";
import { problemMessage } from "../../../lib/problemMessage.js";
import { Button } from "../../../ui/Button.js";
import { InlineAlert } from "../../../ui/InlineAlert.js";
import { TextField } from "../../../ui/TextField.js";
import { lastDistrict } from "../api.js";
import { useSignIn } from "../hooks/useSignIn.js";

/** District, email and password; on success calls onSignedIn (the page decides where to go). */
export function SignInForm({ initialDistrict, onSignedIn }: { initialDistrict?: string; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [district, setDistrict] = useState(() => initialDistrict || lastDistrict());
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const signIn = useSignIn();
  const required = (v: string) => (v.trim() === "" ? t("signIn.required") : null);

  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (signIn.isPending) return;
    signIn.mutate({ district: district.trim().toLowerCase(), email: email.trim(), password }, { onSuccess: onSignedIn });
  };

  let error: string | null = null;
  if (signIn.error) {
    const code = isApiError(signIn.error) ? signIn.error.code : "";
    error = code === "unauthenticated" ? t("signIn.invalid") : code === "not_found" ? t("signIn.noDistrict") : problemMessage(signIn.error, t).message;
  }

  return (
    <Form className="signin__form" onSubmit={submit}>
      {error ? <InlineAlert tone="error">{error}</InlineAlert> : null}
      <TextField
        label={t("signIn.district")}
        description={t("signIn.districtHelp")}
        name="district"
        autoComplete="organization"
        value={district}
        onChange={setDistrict}
        isRequired
        validate={required}
        autoFocus={!district}
      />
      <TextField
        label={t("signIn.email")}
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={setEmail}
        isRequired
        validate={required}
        autoFocus={Boolean(district)}
      />
      <TextField
        label={t("signIn.password")}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        isRequired
        validate={required}
      />
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
