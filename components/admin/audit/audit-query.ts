// The audit page's filters: what its URL holds (local calendar dates) and the API query they make.

import { AUDIT_ENTITY_TYPES } from "@/lib/validation/audit";

const AUDIT_PAGE_SIZE = 25;

export type AuditFilters = {
  entityType: string;
  entityId: string;
  actor: string;
  action: string;
  /** YYYY-MM-DD in the reader's time zone, inclusive. */
  from: string;
  /** YYYY-MM-DD in the reader's time zone, inclusive (the whole day). */
  to: string;
  page: number;
};

export const NO_FILTERS: AuditFilters = {
  entityType: "",
  entityId: "",
  actor: "",
  action: "",
  from: "",
  to: "",
  page: 1,
};

const TEXT_KEYS = ["entityType", "entityId", "actor", "action", "from", "to"] as const;

/** Filters from the page's search parameters; unknown or malformed values are dropped. */
export function filtersFromSearch(search: Record<string, string | string[] | undefined>): AuditFilters {
  const filters: AuditFilters = { ...NO_FILTERS };
  for (const key of TEXT_KEYS) {
    const value = search[key];
    if (typeof value === "string") filters[key] = value.slice(0, 320);
  }
  if (!AUDIT_ENTITY_TYPES.some((type) => type === filters.entityType)) filters.entityType = "";
  if (!parseLocalDate(filters.from)) filters.from = "";
  if (!parseLocalDate(filters.to)) filters.to = "";
  const page = Number(search.page);
  filters.page = Number.isSafeInteger(page) && page > 0 ? page : 1;
  return filters;
}

/** The page URL's query string for these filters (empty values left out). */
export function searchFromFilters(filters: AuditFilters): string {
  const params = new URLSearchParams();
  for (const key of TEXT_KEYS) if (filters[key]) params.set(key, filters[key]);
  if (filters.page > 1) params.set("page", String(filters.page));
  return params.toString();
}

function parseLocalDate(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The `/api/audit` query: local days become instants, the `to` day counted whole. */
export function apiQueryFromFilters(filters: AuditFilters, pageSize = AUDIT_PAGE_SIZE): string {
  const params = new URLSearchParams({ limit: String(pageSize), page: String(filters.page) });
  for (const key of ["entityType", "entityId", "actor", "action"] as const) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  const from = parseLocalDate(filters.from);
  const to = parseLocalDate(filters.to);
  if (from) params.set("from", from.toISOString());
  if (to) params.set("to", new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1).toISOString());
  return params.toString();
}

export function hasFilters(filters: AuditFilters): boolean {
  return TEXT_KEYS.some((key) => filters[key] !== "");
}
