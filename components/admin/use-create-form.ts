"use client";

import { useState } from "react";
import type { z } from "zod";
import { fieldErrors } from "@/components/admin/field-errors";
import { requestJson } from "@/components/api/request-json";
import { useToast } from "@/components/ui/toast";

/**
 * The admin create forms' submit: check the input with the route's own schema (first bad field
 * focused), POST it, and put the API's field issues back on the fields.
 */
export function useCreateForm<Field extends string, Answer extends z.ZodType>({
  fields,
  idPrefix,
  url,
  answer,
}: {
  fields: readonly Field[];
  idPrefix: string;
  url: string;
  /** The route's answer, from lib/contracts. */
  answer: Answer;
}) {
  const toast = useToast();
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [pending, setPending] = useState(false);

  async function submit(schema: z.ZodType, input: unknown, onCreated: (body: z.output<Answer>) => void): Promise<void> {
    if (pending) return;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const found = fieldErrors(fields, parsed.error.issues);
      setErrors(found);
      document.getElementById(`${idPrefix}${fields.find((field) => found[field]) ?? fields[0]}`)?.focus();
      return;
    }
    setPending(true);
    const result = await requestJson(url, answer, { method: "POST", body: parsed.data });
    setPending(false);
    if (!result.ok) {
      setErrors(fieldErrors(fields, result.error.issues));
      toast(result.error.message, "error");
      return;
    }
    setErrors({});
    onCreated(result.data);
  }

  const clearError = (field: Field) => setErrors((current) => ({ ...current, [field]: undefined }));
  return { errors, pending, submit, clearError };
}
