// Samples of a page taken by the page itself. A loop in the spec (read, sleep, read) gets as many
// samples as the machine allows: on a loaded one, a three-second stream ended after one read.
// A MutationObserver sees every rendered state however slow the test runner is.
import type { Page } from "@playwright/test";

export type PageSample = Record<string, string>;

/**
 * Records each distinct state of `fields` (name → CSS selector, its text content) after every DOM
 * change while `activeSelector` matches an element; the returned function hands the samples over
 * and stops recording.
 */
export async function recordWhile(
  page: Page,
  activeSelector: string,
  fields: Record<string, string>,
): Promise<() => Promise<PageSample[]>> {
  const key = `e2eSamples${Math.random().toString(36).slice(2)}`;
  await page.evaluate(
    ({ key, activeSelector, fields }) => {
      const samples: Array<Record<string, string>> = [];
      let last = "";
      const observer = new MutationObserver(() => {
        if (!document.querySelector(activeSelector)) return;
        const sample = Object.fromEntries(
          Object.entries(fields).map(([name, selector]) => [name, document.querySelector(selector)?.textContent ?? ""]),
        );
        const serialized = JSON.stringify(sample);
        if (serialized === last) return;
        last = serialized;
        samples.push(sample);
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      (window as unknown as Record<string, unknown>)[key] = { samples, observer };
    },
    { key, activeSelector, fields },
  );
  return () =>
    page.evaluate((key) => {
      const recording = (
        window as unknown as Record<
          string,
          { samples: Array<Record<string, string>>; observer: MutationObserver } | undefined
        >
      )[key];
      recording?.observer.disconnect();
      return recording?.samples ?? [];
    }, key);
}
