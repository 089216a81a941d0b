import { expect, test } from "@playwright/test";
import { replyText } from "../lib/simulator/reply";
import { signedInContext } from "./support/api-session";
import { signInThroughForm } from "./support/browser-session";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./support/credentials";
import { simulatedConfiguration } from "./support/stream-fixtures";

type Arrival = { type: string; content?: string; at: number };

test("an EventSource in Chromium receives chunks as they are produced, not bunched at the end", async ({ page }) => {
  const admin = await signedInContext(ADMIN_EMAIL, ADMIN_PASSWORD);
  const configuration = await simulatedConfiguration(admin, { provider: "openai", scenario: "slow" });
  await admin.dispose();

  await signInThroughForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);

  const prompt = "Stream to the browser";
  const arrivals = await page.evaluate(
    ({ slug, text }) =>
      new Promise<Arrival[]>((resolve, reject) => {
        const seen: Arrival[] = [];
        const source = new EventSource(
          `/api/stream?configuration=${encodeURIComponent(slug)}&prompt=${encodeURIComponent(text)}&temperature=0.3`,
        );
        const timer = setTimeout(
          () => reject(new Error(`no end after 30 s: ${JSON.stringify(seen.slice(-3))}`)),
          30_000,
        );
        source.onmessage = (message: MessageEvent<string>) => {
          const data = JSON.parse(message.data) as { type: string; content?: string };
          seen.push({ type: data.type, content: data.content, at: performance.now() });
          if (data.type === "done" || data.type === "error") {
            source.close();
            clearTimeout(timer);
            resolve(seen);
          }
        };
      }),
    { slug: configuration.slug, text: prompt },
  );

  const chunks = arrivals.filter((arrival) => arrival.type === "chunk");
  expect(arrivals[arrivals.length - 1]?.type).toBe("done");
  expect(chunks.map((chunk) => chunk.content).join("")).toBe(replyText(prompt));
  expect(chunks.length).toBeGreaterThan(20);
  // One token per 50 ms upstream: the chunks must spread over most of that time.
  const span = (chunks[chunks.length - 1]?.at ?? 0) - (chunks[0]?.at ?? 0);
  expect(span).toBeGreaterThan(chunks.length * 50 * 0.6);
  const firstHalf = chunks.filter((chunk) => chunk.at - (chunks[0]?.at ?? 0) < span / 2).length;
  expect(firstHalf).toBeGreaterThan(chunks.length * 0.3);
});
