// An EventSource opened by the page itself (as a same-origin browser client would), read to its end.
import type { Page } from "@playwright/test";

/** The event types the page's EventSource received from `url` until done or error; "connection error" if it failed. */
export function eventSourceTypes(page: Page, url: string): Promise<string[]> {
  return page.evaluate(
    (target) =>
      new Promise<string[]>((resolve) => {
        const seen: string[] = [];
        const source = new EventSource(target);
        source.onmessage = (event: MessageEvent<string>) => {
          const { type } = JSON.parse(event.data) as { type: string };
          seen.push(type);
          if (type === "done" || type === "error") {
            source.close();
            resolve(seen);
          }
        };
        source.onerror = () => {
          source.close();
          resolve([...seen, "connection error"]);
        };
      }),
    url,
  );
}
