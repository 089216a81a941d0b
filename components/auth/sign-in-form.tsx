"use client";

import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useRef, useState, type SubmitEvent } from "react";
import { signInErrorMessage } from "@/components/auth/sign-in-error";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { useHydrated } from "@/components/ui/use-hydrated";

type FieldErrors = { email?: string; password?: string };

export function SignInForm({ callbackPath, initialError }: { callbackPath: string; initialError: string | null }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    const missing: FieldErrors = {
      email: email.trim() ? undefined : "Enter your email address.",
      password: password ? undefined : "Enter your password.",
    };
    setFieldErrors(missing);
    if (missing.email || missing.password) {
      (missing.email ? emailInput : passwordInput).current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (result?.ok && !result.error) {
        // Stays pending while the signed-in page loads; replace keeps the form out of history.
        router.replace(callbackPath);
        return;
      }
      setError(signInErrorMessage(result?.error));
    } catch {
      setError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
    passwordInput.current?.focus();
    passwordInput.current?.select();
  }

  return (
    <form method="post" noValidate onSubmit={handleSubmit} className="space-y-5" data-testid="sign-in-form">
      <FormAlert testId="sign-in-error">{error}</FormAlert>
      <TextField
        ref={emailInput}
        id="sign-in-email"
        data-testid="sign-in-email"
        label="Email"
        name="email"
        type="email"
        inputMode="email"
        autoComplete="username"
        autoCapitalize="none"
        spellCheck={false}
        // The page has one purpose; starting in the first field saves a click or a Tab.
        autoFocus
        required
        value={email}
        error={fieldErrors.email}
        onChange={(event) => {
          setEmail(event.target.value);
          setFieldErrors((current) => ({ ...current, email: undefined }));
        }}
      />
      <TextField
        ref={passwordInput}
        id="sign-in-password"
        data-testid="sign-in-password"
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        error={fieldErrors.password}
        onChange={(event) => {
          setPassword(event.target.value);
          setFieldErrors((current) => ({ ...current, password: undefined }));
        }}
      />
      {/* Disabled until hydrated: Enter before then would submit the form natively. */}
      <Button type="submit" className="w-full" pending={pending} disabled={!hydrated} data-testid="sign-in-submit">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
