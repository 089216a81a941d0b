"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type ChangeEvent, type SubmitEvent } from "react";
import { readApiError, toSentence } from "@/components/api/api-error";
import { signInErrorMessage } from "@/components/auth/sign-in-error";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/ui/form-alert";
import { TextField } from "@/components/ui/text-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { firstAdminSchema } from "@/lib/validation/user";

const FIELDS = ["setupCode", "email", "name", "password", "confirm"] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;
type FieldErrors = Partial<Record<Field, string>>;
type FormError = { message: string; offerSignIn: boolean };

function isField(value: unknown): value is Field {
  return FIELDS.some((field) => field === value);
}

/** The same rules the server applies, plus the confirmation the server never sees. */
function validate(values: Values, codeRequired: boolean): FieldErrors {
  const errors: FieldErrors = {};
  if (codeRequired && !values.setupCode.trim()) errors.setupCode = "Enter the set-up code from the server's console.";
  const parsed = firstAdminSchema.safeParse({
    email: values.email,
    name: values.name.trim() ? values.name : undefined,
    password: values.password,
  });
  for (const issue of parsed.success ? [] : parsed.error.issues) {
    const field = issue.path[0];
    if (isField(field) && !errors[field]) errors[field] = toSentence(issue.message);
  }
  if (!values.email.trim()) errors.email = "Enter an email address.";
  if (!values.confirm) errors.confirm = "Repeat the password.";
  else if (values.confirm !== values.password) errors.confirm = "The passwords do not match.";
  return errors;
}

function focusField(field: Field): void {
  document.getElementById(`setup-${field}`)?.focus();
}

function PasswordRule({ met }: { met: boolean }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 ${met ? "text-emerald-700 dark:text-emerald-400" : ""}`}
      data-testid="setup-password-rule"
      data-met={met}
    >
      <svg className="size-3.5" viewBox="0 0 20 20" fill="currentColor" aria-hidden="true">
        {met ? (
          <path
            fillRule="evenodd"
            d="M16.7 5.3a1 1 0 0 1 0 1.4l-8 8a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.4L8 12.58l7.3-7.3a1 1 0 0 1 1.4 0Z"
            clipRule="evenodd"
          />
        ) : (
          <circle cx="10" cy="10" r="6" fill="none" stroke="currentColor" strokeWidth="2" />
        )}
      </svg>
      At least {MIN_PASSWORD_LENGTH} characters
    </span>
  );
}

/** `codeRequired`: the server listens beyond loopback, so set-up needs the code printed on its console. */
export function SetupForm({ codeRequired }: { codeRequired: boolean }) {
  const hydrated = useHydrated();
  const [values, setValues] = useState<Values>({ setupCode: "", email: "", name: "", password: "", confirm: "" });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<FormError | null>(null);
  const [pending, setPending] = useState(false);
  const router = useRouter();

  const clientErrors = validate(values, codeRequired);
  // A field speaks up once it was left with something in it (or on submit), then live as you type.
  const errorFor = (field: Field): string | undefined =>
    serverErrors[field] ?? (touched[field] || submitted ? clientErrors[field] : undefined);

  const fieldProps = (field: Field) => ({
    id: `setup-${field}`,
    "data-testid": `setup-${field}`,
    name: field,
    value: values[field],
    error: errorFor(field),
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const { value } = event.target;
      setValues((current) => ({ ...current, [field]: value }));
      setServerErrors((current) => ({ ...current, [field]: undefined }));
    },
    onBlur: () => {
      if (values[field]) setTouched((current) => ({ ...current, [field]: true }));
    },
  });

  async function handleSubmit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (pending) return;
    setSubmitted(true);
    const firstInvalid = FIELDS.find((field) => clientErrors[field]);
    if (firstInvalid) {
      focusField(firstInvalid);
      return;
    }
    setPending(true);
    setFormError(null);
    const email = values.email.trim();
    let created = false;
    try {
      const response = await fetch("/api/setup", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          email,
          name: values.name.trim() || undefined,
          password: values.password,
          ...(codeRequired ? { setupCode: values.setupCode.trim() } : {}),
        }),
      });
      if (response.status !== 201) {
        const apiError = await readApiError(response);
        const fieldIssues: FieldErrors = {};
        for (const issue of apiError.issues) {
          if (isField(issue.path) && !fieldIssues[issue.path]) fieldIssues[issue.path] = toSentence(issue.message);
        }
        const firstIssue = FIELDS.find((field) => fieldIssues[field]);
        setServerErrors(fieldIssues);
        // A wrong code is the form's to fix; any other refusal means set-up is done already.
        setFormError({
          message: firstIssue ? "Check the highlighted fields and try again." : apiError.message,
          offerSignIn: apiError.code === "forbidden" && !fieldIssues.setupCode,
        });
        setPending(false);
        if (firstIssue) focusField(firstIssue);
        return;
      }
      created = true;
      const result = await signIn("credentials", { email, password: values.password, redirect: false });
      if (result?.ok && !result.error) {
        router.replace("/");
        return;
      }
      setFormError({
        message: `The administrator was created, but signing in failed: ${signInErrorMessage(result?.error)}`,
        offerSignIn: true,
      });
    } catch {
      setFormError(
        created
          ? {
              message: "The administrator was created, but the server could not be reached to sign in.",
              offerSignIn: true,
            }
          : { message: "Could not reach the server. Check your connection and try again.", offerSignIn: false },
      );
    }
    setPending(false);
  }

  return (
    <form method="post" noValidate onSubmit={handleSubmit} className="space-y-5" data-testid="setup-form">
      <FormAlert testId="setup-error">
        {formError ? (
          <>
            {formError.message}{" "}
            {formError.offerSignIn ? (
              <Link href="/login" className="font-medium underline underline-offset-2">
                Go to sign in
              </Link>
            ) : null}
          </>
        ) : null}
      </FormAlert>
      {codeRequired ? (
        <TextField
          {...fieldProps("setupCode")}
          label="Set-up code"
          type="text"
          autoComplete="one-time-code"
          autoCapitalize="characters"
          spellCheck={false}
          autoFocus
          required
          hint="Printed on the server's console at start (the line “set-up code: …”). It keeps strangers who reach this page first from taking the server."
        />
      ) : null}
      <TextField
        {...fieldProps("email")}
        label="Email"
        type="email"
        inputMode="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        autoFocus={!codeRequired}
        required
      />
      <TextField {...fieldProps("name")} label="Name" labelNote="Optional" type="text" autoComplete="name" />
      {/* The rule is shown live while typing; once the field reports an error, the error replaces it. */}
      <TextField
        {...fieldProps("password")}
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        hint={errorFor("password") ? undefined : <PasswordRule met={values.password.length >= MIN_PASSWORD_LENGTH} />}
      />
      <TextField
        {...fieldProps("confirm")}
        label="Confirm password"
        type="password"
        autoComplete="new-password"
        required
      />
      <Button type="submit" className="w-full" pending={pending} disabled={!hydrated} data-testid="setup-submit">
        {pending ? "Creating administrator…" : "Create administrator and sign in"}
      </Button>
    </form>
  );
}
