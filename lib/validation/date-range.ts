import { z } from "zod";

const DAY_MS = 86_400_000;
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * One end of a date filter (`from` inclusive, `to` exclusive): a date-time with its offset (the
 * UI sends the reader's local midnight) or a plain date, a whole UTC day — so `to=2026-11-27`
 * includes that day.
 */
export function dateBound(name: "from" | "to") {
  const message = `${name} must be a date (YYYY-MM-DD) or an ISO 8601 date-time with an offset`;
  return z.union([z.iso.date({ message }), z.iso.datetime({ offset: true, message })], message).transform((value) => {
    if (!PLAIN_DATE.test(value)) return new Date(value);
    const midnight = new Date(`${value}T00:00:00Z`);
    return name === "to" ? new Date(midnight.getTime() + DAY_MS) : midnight;
  });
}

/** Refuses a range that ends before it starts. */
export function rangeInOrder(query: { from?: Date | undefined; to?: Date | undefined }): boolean {
  return !query.from || !query.to || query.from < query.to;
}

export const RANGE_ORDER_ISSUE = { message: "from must be before to", path: ["to"] };
