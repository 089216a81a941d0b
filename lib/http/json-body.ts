import { AppError } from "@/lib/errors";
import { IMPORT_MAX_BYTES } from "@/lib/validation/conversation-file";
import { assertStorableText } from "@/lib/validation/issues";

/**
 * How many bytes of body each kind of route reads. `form` covers every form-sized body (a
 * configuration with 20 extra headers of 4 KiB each is about 90 KiB); `prompt` two prompts of
 * 200,000 characters in UTF-8; `import` the conversation file (the number the UI and README give).
 */
export const BODY_LIMITS = { form: 256 * 1024, prompt: 2 * 1024 * 1024, import: IMPORT_MAX_BYTES } as const;

/** "256 KiB", "2 MiB", "20 MB": the limit as the person chose to write it. */
function formatByteLimit(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1_000_000 === 0) return `${bytes / 1_000_000} MB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function sentenceStart(what: string): string {
  return what.charAt(0).toUpperCase() + what.slice(1);
}

function tooLarge(what: string, maxBytes: number): AppError {
  return new AppError(
    "payload_too_large",
    `${sentenceStart(what)} is larger than ${formatByteLimit(maxBytes)}, the most this endpoint accepts. Send less data.`,
  );
}

// A text/plain or form body is what a cross-site form or no-cors fetch can send without a
// preflight: only JSON that says it is JSON is parsed.
function assertJsonContentType(contentType: string): void {
  const mediaType = contentType.split(";", 1)[0]?.trim().toLowerCase();
  if (mediaType !== "application/json")
    throw new AppError(
      "unsupported_media_type",
      `The body must be JSON sent with Content-Type: application/json (got ${JSON.stringify(contentType.slice(0, 80))}).`,
    );
}

function declaredLength(request: Request): number | null {
  const header = request.headers.get("content-length");
  if (header === null || !/^\d+$/.test(header.trim())) return null;
  return Number(header.trim());
}

/** The body as text, read chunk by chunk and abandoned as soon as it passes `maxBytes` (chunked bodies too). */
async function readLimitedText(
  request: Request,
  maxBytes: number,
  what: string,
): Promise<{ text: string; bytes: number }> {
  if (!request.body) return { text: "", bytes: 0 };
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  const parts: string[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    received += value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(what, maxBytes);
    }
    parts.push(decoder.decode(value, { stream: true }));
  }
  parts.push(decoder.decode());
  return { text: parts.join(""), bytes: received };
}

type BodyOptions = { maxBytes?: number; what?: string };

/**
 * Reads a JSON body of at most `maxBytes`, and how many bytes it had: a declared Content-Length
 * over the limit is a 413 before a byte is read, a longer chunked body a 413 at the byte that
 * passes it; anything but `application/json` is a 415. Malformed JSON, or text PostgreSQL cannot store, is a 400.
 * An empty body without a Content-Type reads as `{}`.
 */
export async function readSizedJsonBody(
  request: Request,
  { maxBytes = BODY_LIMITS.form, what = "request body" }: BodyOptions = {},
): Promise<{ body: unknown; bytes: number }> {
  const contentType = request.headers.get("content-type");
  if (contentType !== null) assertJsonContentType(contentType);
  const length = declaredLength(request);
  if (length !== null && length > maxBytes) throw tooLarge(what, maxBytes);
  const { text, bytes } = await readLimitedText(request, maxBytes, what);
  if (text.trim() === "") return { body: {}, bytes };
  if (contentType === null)
    throw new AppError(
      "unsupported_media_type",
      `${sentenceStart(what)} has no Content-Type. Send it as JSON with Content-Type: application/json.`,
    );
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new AppError("invalid_params", `${sentenceStart(what)} is not valid JSON.`);
  }
  assertStorableText(body, what);
  return { body, bytes };
}

/** readSizedJsonBody's parsed body alone. */
export async function readJsonBody(request: Request, options: BodyOptions = {}): Promise<unknown> {
  return (await readSizedJsonBody(request, options)).body;
}
