import type { APIRequestContext } from "@playwright/test";
import { pollUntil } from "../../lib/testing/until";

/**
 * GETs `path` until `settled` holds for its JSON body. A run's `done` event reaches the browser
 * just before its final record is written, so a read right after it may still see "streaming".
 */
export async function pollJson<T>(
  request: APIRequestContext,
  path: string,
  settled: (body: T) => boolean,
  timeoutMs = 5000,
): Promise<T> {
  const read = async () => {
    const response = await request.get(path);
    return { ok: response.ok(), body: (await response.json()) as T };
  };
  const last = await pollUntil(read, ({ ok, body }) => ok && settled(body), {
    timeoutMs,
    intervalMs: 100,
    failure: ({ body }) => `${path} did not settle: ${JSON.stringify(body).slice(0, 500)}`,
  });
  return last.body;
}
