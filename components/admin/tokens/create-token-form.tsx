"use client";

import { useState, type SubmitEvent } from "react";
import { FormCard } from "@/components/admin/form-card";
import { useCreateForm } from "@/components/admin/use-create-form";
import { controlClassName, Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { createdTokenAnswerSchema, type PublicApiToken } from "@/lib/contracts/tokens";
import { apiTokenCreateSchema } from "@/lib/validation/api-token";

const FIELDS = ["name", "scope", "expiresInDays"] as const;
// 90 days unless chosen otherwise; "never" has to be picked on purpose.
const EXPIRY_CHOICES = [
  { value: "7", label: "In 7 days" },
  { value: "30", label: "In 30 days" },
  { value: "90", label: "In 90 days" },
  { value: "365", label: "In a year" },
  { value: "never", label: "Never (not recommended)" },
];
const SCOPE_CHOICES = [
  { value: "full", label: "Full: reads, changes and runs" },
  { value: "read", label: "Read only" },
] as const;

/** Issues a named token that acts as the signed-in admin, limited by its scope. */
export function CreateTokenForm({ onCreated }: { onCreated: (token: string, record: PublicApiToken) => void }) {
  const hydrated = useHydrated();
  const toast = useToast();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"read" | "full">("full");
  const [expires, setExpires] = useState("90");
  const { errors, pending, submit, clearError } = useCreateForm({
    fields: FIELDS,
    idPrefix: "new-token-",
    url: "/api/tokens",
    answer: createdTokenAnswerSchema,
  });

  function handleSubmit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = { name, scope, expiresInDays: expires === "never" ? null : Number(expires) };
    return submit(apiTokenCreateSchema, input, (body) => {
      onCreated(body.token, body.apiToken);
      setName("");
      toast(`Created the token “${body.apiToken.name}”. Copy it now: it is shown only once.`);
    });
  }

  return (
    <FormCard
      title="Create a token"
      description={
        <>
          Scripts send it as{" "}
          <code className="rounded bg-slate-100 px-1 font-mono text-xs dark:bg-slate-800">Authorization: Bearer …</code>{" "}
          and act as you, with your role; a read-only token cannot change anything or start runs.
        </>
      }
      testId="create-token-form"
      onSubmit={handleSubmit}
      submit={
        <Button type="submit" pending={pending} disabled={!hydrated} data-testid="create-token-submit">
          {pending ? "Creating…" : "Create token"}
        </Button>
      }
    >
      <div className="mt-4 grid gap-4 sm:grid-cols-3">
        <TextField
          id="new-token-name"
          data-testid="new-token-name"
          label="Name"
          placeholder="e.g. CI nightly check"
          autoComplete="off"
          value={name}
          onChange={(event) => {
            setName(event.target.value);
            clearError("name");
          }}
          error={errors.name}
          required
        />
        <Field id="new-token-scope" label="Access" error={errors.scope}>
          <select
            id="new-token-scope"
            data-testid="new-token-scope"
            value={scope}
            onChange={(event) => setScope(event.target.value === "read" ? "read" : "full")}
            className={controlClassName(errors.scope)}
          >
            {SCOPE_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="new-token-expires" label="Expires" error={errors.expiresInDays}>
          <select
            id="new-token-expires"
            data-testid="new-token-expires"
            value={expires}
            onChange={(event) => setExpires(event.target.value)}
            className={controlClassName(errors.expiresInDays)}
          >
            {EXPIRY_CHOICES.map((choice) => (
              <option key={choice.value} value={choice.value}>
                {choice.label}
              </option>
            ))}
          </select>
        </Field>
      </div>
    </FormCard>
  );
}
