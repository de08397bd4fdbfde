// The sign-in page: email, password and (for accounts with one) the authenticator code, errors inline, then onwards.
import { useState, type FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useLocation, useNavigate } from "react-router";
import { z } from "zod";
import { SignInInput } from "@intake/domain";
import { errorSentence, firstMessages, isUnauthorized, serverFieldErrors, type FieldErrors } from "../../api/errors.ts";
import { useTRPC } from "../../api/trpc.ts";
import { ErrorNotice } from "../../ui/ErrorNotice.tsx";
import { TextField } from "../../ui/Field.tsx";
import { focusField, showErrorsAndFocus } from "../../ui/focusField.ts";
import { useSessionQueryOptions } from "./session.tsx";
import { SignInState } from "./signInState.ts";

const FIELDS = ["email", "password", "code"] as const;
type Field = (typeof FIELDS)[number];

export function SignInPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const state = SignInState.parse(useLocation().state);
  const sessionQuery = useSessionQueryOptions();

  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string | null>(null);
  // A wrong password answers UNAUTHORIZED too; it is shown here, not treated as an ended session.
  const signIn = useMutation(trpc.auth.signIn.mutationOptions({ meta: { handlesUnauthorized: true } }));

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (signIn.isPending) return;
    const form = event.currentTarget;
    setFormError(null);
    const parsed = SignInInput.safeParse({ email, password, code });
    if (!parsed.success) {
      showErrorsAndFocus(form, FIELDS, firstMessages(z.flattenError(parsed.error).fieldErrors), setErrors);
      return;
    }
    setErrors({});
    signIn.mutate(parsed.data, {
      onSuccess(user) {
        queryClient.setQueryData(sessionQuery.queryKey, user);
        void navigate(state.from ?? "/", { replace: true });
      },
      onError(error) {
        const fields: FieldErrors<Field> = serverFieldErrors(error);
        if (Object.keys(fields).length > 0) {
          showErrorsAndFocus(form, FIELDS, fields, setErrors);
        } else if (isUnauthorized(error) && /code/i.test(error.message)) {
          // The server asks for the second factor only after the right password: its answer is about
          // the code, so it goes beside the code field, which takes focus (and reads it out).
          showErrorsAndFocus(form, FIELDS, { code: error.message }, setErrors);
        } else {
          setFormError(isUnauthorized(error) ? error.message : errorSentence(error));
          focusField(form, "password");
        }
      },
    });
  }

  return (
    <main className="sign-in">
      <title>Sign in · Iris Intake</title>
      <div className="sign-in-card">
        <p className="brand brand-large" aria-hidden="true">
          <span className="brand-mark" /> Iris Intake
        </p>
        <h1 id="sign-in-heading">Sign in to Iris Intake</h1>
        {state.notice ? (
          <p className="notice notice-info" role="status">
            {state.notice}
          </p>
        ) : null}
        <form onSubmit={onSubmit} noValidate aria-labelledby="sign-in-heading" className="stack">
          <TextField
            label="Email"
            type="email"
            name="email"
            autoComplete="username"
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={errors.email}
          />
          <TextField
            label="Password"
            type="password"
            name="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errors.password}
          />
          <TextField
            label="Authentication code"
            hint="The 6 digits your authenticator app shows, if your account uses one (every administrator's does)."
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ""))}
            error={errors.code}
          />
          <ErrorNotice>{formError}</ErrorNotice>
          <button type="submit" className="button button-block" aria-disabled={signIn.isPending || undefined}>
            {signIn.isPending ? "Signing in…" : "Sign in"}
          </button>
        </form>
      </div>
    </main>
  );
}
