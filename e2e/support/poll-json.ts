import type { APIRequestContext } from "@playwright/test";

/**
 * GETs `path` until `settled` holds for its JSON body. A run's `done` event reaches the browser
 * just before its final record is written, so a read right after it may still see "streaming".
 */
export async function pollJson<T>(request: APIRequestContext, path: string, settled: (body: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request.get(path);
    const body = (await response.json()) as T;
    if (response.ok() && settled(body)) return body;
    if (Date.now() > deadline) throw new Error(`${path} did not settle: ${JSON.stringify(body).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
