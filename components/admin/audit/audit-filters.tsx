"use client";

import { useState, type SubmitEvent } from "react";
import { hasFilters, NO_FILTERS, type AuditFilters } from "@/components/admin/audit/audit-query";
import { AUDIT_ENTITY_TYPES } from "@/lib/validation/audit";
import { controlClassName, Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/text-field";
import { cardClassName } from "@/components/ui/card";

export const ENTITY_LABELS: Record<(typeof AUDIT_ENTITY_TYPES)[number], string> = {
  configuration: "Configuration",
  user: "User",
  api_token: "API token",
  conversation: "Conversation",
};

/** The filter form; nothing applies until it is sent, so typing does not fire a request per key. */
export function AuditFilterForm({
  applied,
  actions,
  onApply,
}: {
  applied: AuditFilters;
  actions: string[];
  onApply: (filters: AuditFilters) => void;
}) {
  const [draft, setDraft] = useState(applied);
  const [appliedBefore, setAppliedBefore] = useState(applied);
  // Applied from outside (an entity link, Clear): the form shows it.
  if (appliedBefore !== applied) {
    setAppliedBefore(applied);
    setDraft(applied);
  }
  const set = (key: keyof Omit<AuditFilters, "page">) => (event: { target: { value: string } }) => {
    const { value } = event.target;
    setDraft((current) => ({ ...current, [key]: value }));
  };

  function submit(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    onApply({ ...draft, page: 1 });
  }

  return (
    <form
      onSubmit={submit}
      className={cardClassName("p-4 shadow-xs")}
      data-testid="audit-filters"
      aria-label="Filter the audit log"
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
        <Field id="audit-entity-type" label="Entity type">
          <select
            id="audit-entity-type"
            data-testid="audit-entity-type"
            value={draft.entityType}
            onChange={set("entityType")}
            className={controlClassName(undefined)}
          >
            <option value="">Any</option>
            {AUDIT_ENTITY_TYPES.map((type) => (
              <option key={type} value={type}>
                {ENTITY_LABELS[type]}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          id="audit-entity-id"
          data-testid="audit-entity-id"
          label="Entity id"
          inputMode="numeric"
          value={draft.entityId}
          onChange={set("entityId")}
          autoComplete="off"
        />
        <TextField
          id="audit-actor"
          data-testid="audit-actor"
          label="Actor"
          placeholder="email or part of it"
          value={draft.actor}
          onChange={set("actor")}
          autoComplete="off"
        />
        <Field id="audit-action" label="Action">
          <select
            id="audit-action"
            data-testid="audit-action"
            value={draft.action}
            onChange={set("action")}
            className={controlClassName(undefined)}
          >
            <option value="">Any</option>
            {actions.map((action) => (
              <option key={action} value={action}>
                {action}
              </option>
            ))}
          </select>
        </Field>
        <TextField
          id="audit-from"
          data-testid="audit-from"
          label="From"
          type="date"
          value={draft.from}
          onChange={set("from")}
          max={draft.to || undefined}
        />
        <TextField
          id="audit-to"
          data-testid="audit-to"
          label="To"
          type="date"
          value={draft.to}
          onChange={set("to")}
          min={draft.from || undefined}
        />
      </div>
      <div className="mt-4 flex justify-end gap-2">
        {hasFilters(applied) ? (
          <Button variant="ghost" onClick={() => onApply(NO_FILTERS)} data-testid="audit-clear">
            Clear filters
          </Button>
        ) : null}
        <Button type="submit" data-testid="audit-apply">
          Apply filters
        </Button>
      </div>
    </form>
  );
}
