import { Prisma } from "@/lib/db/generated/prisma/client";

/** True for a unique-constraint violation (Prisma P2002). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "57P01",
  "57P03",
]);

/**
 * True when an error means PostgreSQL cannot be reached (down, restarting, refusing) or cannot
 * take the request now (no connection for a transaction in time: P2028, P2024).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientInitializationError) return true;
  if (
    error instanceof Prisma.PrismaClientKnownRequestError &&
    ["P1001", "P1002", "P1017", "P2024", "P2028"].includes(error.code)
  )
    return true;
  for (let current: unknown = error, depth = 0; current && depth < 5; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return true;
    const kind = (current as { kind?: unknown }).kind;
    if (kind === "DatabaseNotReachable" || kind === "ConnectionClosed") return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
