"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type SubmitEvent } from "react";
import { controlClassName } from "@/components/ui/field";
import { Button, buttonClassName } from "@/components/ui/button";
import { PROVIDER_CATALOG, PROVIDERS } from "@/lib/llm/providers/catalog";
import { cardClassName } from "@/components/ui/card";

export type FilterValues = {
  search: string;
  configuration: string;
  provider: string;
  status: string;
  from: string;
  to: string;
};

const STATUSES = [
  ["complete", "Complete"],
  ["aborted", "Stopped"],
  ["error", "Error"],
  ["streaming", "Streaming"],
] as const;

const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

function localDate(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

// The URL holds instants (the reader's local midnights); the date inputs show local days.
// `to` is the exclusive end, so the day shown is the one before it.
function dayOf(value: string, bound: "from" | "to"): string {
  if (value === "" || PLAIN_DATE.test(value)) return value;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return "";
  return localDate(bound === "to" ? new Date(instant.getTime() - 1) : instant);
}

function instantOf(day: string, bound: "from" | "to"): string {
  const midnight = new Date(`${day}T00:00:00`);
  if (bound === "to") midnight.setDate(midnight.getDate() + 1);
  return midnight.toISOString();
}

const labelClass = "block text-xs font-medium text-slate-600 dark:text-slate-400";

function FilterSelect({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: ReadonlyArray<readonly [string, string]>;
}) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className={labelClass}>
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value}
        className={controlClassName(undefined, "mt-1")}
        data-testid={`filter-${name}`}
      >
        <option value="">Any</option>
        {options.map(([optionValue, optionLabel]) => (
          <option key={optionValue} value={optionValue}>
            {optionLabel}
          </option>
        ))}
      </select>
    </div>
  );
}

function DateFilter({
  bound,
  label,
  value,
  onChange,
  limit,
}: {
  bound: "from" | "to";
  label: string;
  value: string;
  onChange: (day: string) => void;
  limit: { min?: string | undefined; max?: string | undefined };
}) {
  return (
    <div>
      <label htmlFor={`filter-${bound}`} className={labelClass}>
        {label}
      </label>
      <input
        id={`filter-${bound}`}
        name={bound}
        type="date"
        value={value}
        {...limit}
        onChange={(event) => onChange(event.target.value)}
        className={controlClassName(undefined, "mt-1")}
        data-testid={`filter-${bound}`}
      />
    </div>
  );
}

/** Search and filters; applying them starts again at page 1. Without JavaScript it is a plain GET form. */
export function ConversationFilters({
  values,
  configurations,
}: {
  values: FilterValues;
  configurations: Array<{ id: number; name: string }>;
}) {
  const router = useRouter();
  const [from, setFrom] = useState(dayOf(values.from, "from"));
  const [to, setTo] = useState(dayOf(values.to, "to"));

  function apply(event: SubmitEvent<HTMLFormElement>): void {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const query = new URLSearchParams();
    for (const name of ["search", "configuration", "provider", "status"] as const) {
      const value = String(form.get(name) ?? "").trim();
      if (value !== "") query.set(name, value);
    }
    if (from !== "") query.set("from", instantOf(from, "from"));
    if (to !== "") query.set("to", instantOf(to, "to"));
    const text = query.toString();
    router.push(text ? `/conversations?${text}` : "/conversations");
  }

  return (
    <form
      method="get"
      action="/conversations"
      onSubmit={apply}
      role="search"
      aria-label="Search conversations"
      className={cardClassName(
        "mb-5 grid gap-3 p-4 shadow-xs sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))_repeat(2,minmax(9rem,1fr))_auto]",
      )}
      data-testid="conversation-filters"
    >
      <div className="sm:col-span-2 lg:col-span-1">
        <label htmlFor="filter-search" className={labelClass}>
          Search title and text
        </label>
        <input
          id="filter-search"
          name="search"
          type="search"
          defaultValue={values.search}
          maxLength={200}
          placeholder="Words from a title or a turn…"
          className={controlClassName(undefined, "mt-1")}
          data-testid="filter-search"
        />
      </div>
      <FilterSelect
        name="configuration"
        label="Configuration"
        value={values.configuration}
        options={configurations.map(({ id, name }) => [String(id), name] as const)}
      />
      <FilterSelect
        name="provider"
        label="Provider"
        value={values.provider}
        options={PROVIDERS.map((provider) => [provider, PROVIDER_CATALOG[provider].label] as const)}
      />
      <FilterSelect name="status" label="A reply that is" value={values.status} options={STATUSES} />
      <DateFilter bound="from" label="Created from" value={from} onChange={setFrom} limit={{ max: to || undefined }} />
      <DateFilter bound="to" label="Created until" value={to} onChange={setTo} limit={{ min: from || undefined }} />
      <div className="flex items-end gap-2 sm:col-span-2 lg:col-span-1">
        <Button type="submit" className="w-full lg:w-auto" data-testid="filter-apply">
          Apply
        </Button>
        <Link href="/conversations" className={buttonClassName("ghost", "py-2")} data-testid="filter-clear">
          Clear
        </Link>
      </div>
    </form>
  );
}
