// A configuration's secrets at rest: the API key and every extra-header value, each sealed on its
// own (lib/crypto/secret-box.ts) and bound to its row and field, so a ciphertext moved to another
// configuration or header does not open. Only names, "has a value" and last four characters leave.
import { z } from "zod";
import { isSealedUnder, open, seal, type KeyRing } from "@/lib/crypto/secret-box";
import type { Configuration } from "@/lib/db/generated/prisma/client";
import { serverEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { ExtraHeadersInput } from "@/lib/validation/configuration";
import type { HeaderView } from "@/lib/contracts/configurations";

/** One extra header as stored in `extra_headers`: its name and its sealed value. */
export type StoredHeader = { name: string; sealed: string; lastFour: string | null };

const storedHeadersSchema = z.array(
  z.object({ name: z.string(), sealed: z.string(), lastFour: z.string().nullable() }),
);

/** Headers as clients see them: admins learn whether a value is set and its end; viewers names only. */

export function apiKeyContext(configurationId: number): string {
  return `configuration:${configurationId}:apiKey`;
}

// Header names are case-insensitive on the wire, so the context is too.
export function headerContext(configurationId: number, name: string): string {
  return `configuration:${configurationId}:header:${name.toLowerCase()}`;
}

// Short values would be shown whole: their end is left out.
function lastFourOf(value: string): string | null {
  return value.length >= 8 ? value.slice(-4) : null;
}

/** The stored header entries of a row; a damaged column reads as none. */
export function storedHeaders(row: Pick<Configuration, "extraHeaders">): StoredHeader[] {
  const parsed = storedHeadersSchema.safeParse(row.extraHeaders);
  return parsed.success ? parsed.data : [];
}

export function headerViews(
  row: Pick<Configuration, "extraHeaders">,
  { forAdmin }: { forAdmin: boolean },
): HeaderView[] {
  return storedHeaders(row).map((header) =>
    forAdmin ? { name: header.name, hasValue: true, lastFour: header.lastFour } : { name: header.name },
  );
}

/** The API key in clear, for the provider request only; throws when no key of the ring opens it. */
export function openApiKey(
  row: Pick<Configuration, "id" | "apiKeyEncrypted">,
  ring: KeyRing = serverEnv().encryptionKeys,
): string | null {
  return row.apiKeyEncrypted === null ? null : open(row.apiKeyEncrypted, ring, apiKeyContext(row.id));
}

/** The header values in clear, for the provider request only; throws when one cannot be opened. */
export function openExtraHeaders(
  row: Pick<Configuration, "id" | "extraHeaders">,
  ring: KeyRing = serverEnv().encryptionKeys,
): Record<string, string> {
  return Object.fromEntries(
    storedHeaders(row).map((header) => [header.name, open(header.sealed, ring, headerContext(row.id, header.name))]),
  );
}

export function sealApiKey(
  configurationId: number,
  apiKey: string | null,
  ring: KeyRing,
): { apiKeyEncrypted: string | null; apiKeyLastFour: string | null } {
  if (apiKey === null) return { apiKeyEncrypted: null, apiKeyLastFour: null };
  return {
    apiKeyEncrypted: seal(apiKey, ring.current, apiKeyContext(configurationId)),
    apiKeyLastFour: apiKey.slice(-4),
  };
}

export function sealHeader(configurationId: number, name: string, value: string, ring: KeyRing): StoredHeader {
  return { name, sealed: seal(value, ring.current, headerContext(configurationId, name)), lastFour: lastFourOf(value) };
}

/** Where `{"keep": true}` finds the value to keep: the row being edited, or a clone's source. */
export type HeaderSource = { configurationId: number; headers: StoredHeader[] };

/**
 * The stored form of the headers a client sent: new values sealed, kept ones carried over
 * (re-sealed when they belong to another row, or are under an older key or format).
 */
export function sealHeaders({
  configurationId,
  input,
  source,
  ring,
}: {
  configurationId: number;
  input: ExtraHeadersInput;
  source: HeaderSource | null;
  ring: KeyRing;
}): StoredHeader[] {
  return Object.entries(input).map(([name, value]) => {
    if (typeof value === "string") return sealHeader(configurationId, name, value, ring);
    const kept = source?.headers.find((header) => header.name.toLowerCase() === name.toLowerCase());
    if (!kept || !source) {
      const message = `there is no saved value of ${name} to keep; enter its value`;
      throw new AppError("invalid_params", `Invalid configuration: extraHeaders.${name}: ${message}`, [
        { path: `extraHeaders.${name}`, message },
      ]);
    }
    if (source.configurationId === configurationId && isSealedUnder(kept.sealed, ring.current))
      return { ...kept, name };
    let plaintext: string;
    try {
      plaintext = open(kept.sealed, ring, headerContext(source.configurationId, kept.name));
    } catch {
      const message = `the saved value of ${name} cannot be decrypted with the current keys; enter its value again`;
      throw new AppError("invalid_params", `Invalid configuration: extraHeaders.${name}: ${message}`, [
        { path: `extraHeaders.${name}`, message },
      ]);
    }
    return sealHeader(configurationId, name, plaintext, ring);
  });
}

/** The audit log's view of the headers: names with a marker, never a value. */
export function headerMarkers(headers: StoredHeader[]): Record<string, string> {
  return Object.fromEntries(headers.map((header) => [header.name, "(set)"]));
}

/** What changed in the headers, as markers: added, replaced, removed; null when nothing did. */
export function headerChange(
  before: StoredHeader[],
  after: StoredHeader[],
  input: ExtraHeadersInput | undefined,
): { from: Record<string, string>; to: Record<string, string> } | null {
  if (input === undefined) return null;
  const to: Record<string, string> = {};
  for (const header of after) {
    const previous = before.find((old) => old.name.toLowerCase() === header.name.toLowerCase());
    const sent = Object.entries(input).find(([name]) => name.toLowerCase() === header.name.toLowerCase())?.[1];
    to[header.name] = !previous ? "(added)" : typeof sent === "string" ? "(replaced)" : "(kept)";
  }
  const unchanged =
    before.length === after.length &&
    Object.values(to).every((marker) => marker === "(kept)") &&
    before.every((old, index) => old.name === after[index]?.name);
  return unchanged ? null : { from: headerMarkers(before), to };
}
