import type { APIRequestContext } from "@playwright/test";
import type { z } from "zod";
import { pollUntil } from "../../lib/testing/until";
import { readAnswer } from "./api";

/**
 * GETs `path` until `settled` holds for its JSON body, read with `schema`. A run's `done` event reaches the browser
 * just before its final record is written, so a read right after it may still see "streaming".
 */
export async function pollJson<Schema extends z.ZodType>(
  request: APIRequestContext,
  path: string,
  schema: Schema,
  settled: (body: z.output<Schema>) => boolean,
  timeoutMs = 5000,
): Promise<z.output<Schema>> {
  const read = async () => {
    const response = await request.get(path);
    return { status: response.status(), body: response.ok() ? await readAnswer(response, schema) : null };
  };
  const last = await pollUntil(read, ({ body }) => body !== null && settled(body), {
    timeoutMs,
    intervalMs: 100,
    failure: ({ status, body }) => `${path} did not settle (${status}): ${JSON.stringify(body).slice(0, 500)}`,
  });
  // pollUntil returns only a settled read, which has a body.
  if (last.body === null) throw new Error(`${path} answered ${last.status}`);
  return last.body;
}
