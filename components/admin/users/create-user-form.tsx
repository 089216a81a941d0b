"use client";

import { useState, type SubmitEvent } from "react";
import { FormCard } from "@/components/admin/form-card";
import { useCreateForm } from "@/components/admin/use-create-form";
import { controlClassName, describedBy, Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { useToast } from "@/components/ui/toast";
import { useHydrated } from "@/components/ui/use-hydrated";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";
import { userAnswerSchema, type PublicUser } from "@/lib/contracts/users";
import { userCreateSchema } from "@/lib/validation/user";

const FIELDS = ["email", "name", "password", "role"] as const;
type FormField = (typeof FIELDS)[number];
type Values = Record<FormField, string>;
const EMPTY: Values = { email: "", name: "", password: "", role: "viewer" };

/** Adds a user: email, optional name, a first password they can be told, and a role. */
export function CreateUserForm({ onCreated }: { onCreated: (user: PublicUser) => void }) {
  const hydrated = useHydrated();
  const toast = useToast();
  const [values, setValues] = useState<Values>(EMPTY);
  const { errors, pending, submit, clearError } = useCreateForm({
    fields: FIELDS,
    idPrefix: "new-user-",
    url: "/api/users",
    answer: userAnswerSchema,
  });

  const set = (field: FormField) => (event: { target: { value: string } }) => {
    const { value } = event.target;
    setValues((current) => ({ ...current, [field]: value }));
    clearError(field);
  };

  function handleSubmit(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const input = {
      email: values.email,
      name: values.name.trim() || undefined,
      password: values.password,
      role: values.role,
    };
    return submit(userCreateSchema, input, ({ user }) => {
      onCreated(user);
      setValues(EMPTY);
      toast(
        `Created ${user.email} as ${user.role === "admin" ? "an administrator" : "a viewer"}. Tell them their password; they can sign in now.`,
      );
    });
  }

  return (
    <FormCard
      title="Add a user"
      testId="create-user-form"
      onSubmit={handleSubmit}
      submit={
        <Button type="submit" pending={pending} disabled={!hydrated} data-testid="create-user-submit">
          {pending ? "Adding…" : "Add user"}
        </Button>
      }
    >
      <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <TextField
          id="new-user-email"
          data-testid="new-user-email"
          label="Email"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={values.email}
          onChange={set("email")}
          error={errors.email}
          required
        />
        <TextField
          id="new-user-name"
          data-testid="new-user-name"
          label="Name"
          labelNote="Optional"
          autoComplete="off"
          value={values.name}
          onChange={set("name")}
          error={errors.name}
        />
        <TextField
          id="new-user-password"
          data-testid="new-user-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set("password")}
          error={errors.password}
          hint={errors.password ? undefined : `At least ${MIN_PASSWORD_LENGTH} characters.`}
          required
        />
        <Field
          id="new-user-role"
          label="Role"
          error={errors.role}
          hint={errors.role ? undefined : "Viewers use configurations; admins also change them."}
        >
          <select
            id="new-user-role"
            data-testid="new-user-role"
            value={values.role}
            onChange={set("role")}
            className={controlClassName(errors.role)}
            aria-describedby={describedBy("new-user-role", !errors.role, errors.role)}
          >
            <option value="viewer">Viewer</option>
            <option value="admin">Administrator</option>
          </select>
        </Field>
      </div>
    </FormCard>
  );
}
