import { expect, test, type Page } from "@playwright/test";
import { signInThroughForm } from "./support/browser-session";
import { expectCleanConsole, SCREENSHOTS } from "./support/console-errors";
import { ADMIN_EMAIL, ADMIN_PASSWORD } from "./support/credentials";

// The theme toggle (system / light / dark, remembered, applied before the first paint) and the
// header's compact menu on a phone.

expectCleanConsole();

test.beforeEach(async ({ page }) => {
  // Records <html>'s class the moment <body> starts: what the first paint uses, before React runs.
  await page.addInitScript(() => {
    const record = (): void => {
      (window as unknown as { themeAtFirstPaint?: string }).themeAtFirstPaint = document.documentElement.className;
    };
    new MutationObserver((_changes, observer) => {
      if (document.body) {
        record();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.emulateMedia({ colorScheme: "light" });
  await signInThroughForm(page, ADMIN_EMAIL, ADMIN_PASSWORD);
});

/** The body's computed background lightness, 0 (black) to 1 (white), from lab(), oklch() or rgb(). */
async function backgroundLightness(page: Page): Promise<number> {
  const colour = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const perceptual = /^(ok)?(?:lab|lch)\(([\d.]+)(%?)/.exec(colour);
  if (perceptual?.[2]) return Number(perceptual[2]) / (perceptual[3] === "%" || !perceptual[1] ? 100 : 1);
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour);
  if (!rgb) throw new Error(`unexpected background colour ${colour}`);
  return (Number(rgb[1]) + Number(rgb[2]) + Number(rgb[3])) / (3 * 255);
}

async function expectTheme(page: Page, { preference, dark }: { preference: string; dark: boolean }): Promise<void> {
  const html = page.locator("html");
  await expect(html).toHaveAttribute("data-theme", preference);
  if (dark) await expect(html).toHaveClass(/(^|\s)dark(\s|$)/);
  else await expect(html).not.toHaveClass(/(^|\s)dark(\s|$)/);
  await expect(
    page.getByRole("radio", { name: `${preference[0]?.toUpperCase()}${preference.slice(1)} theme` }),
  ).toBeChecked();
  const lightness = await backgroundLightness(page);
  expect(dark ? lightness < 0.3 : lightness > 0.9, `background lightness ${lightness}`).toBe(true);
}

test("the toggle switches light and dark, remembers the choice, and applies it before the first paint", async ({
  page,
}) => {
  await expectTheme(page, { preference: "system", dark: false });
  await page.getByTestId("theme-dark").click();
  await expectTheme(page, { preference: "dark", dark: true });
  await page.screenshot({ path: `${SCREENSHOTS}/home-dark.png` });

  await page.reload();
  await expectTheme(page, { preference: "dark", dark: true });
  expect(await page.evaluate(() => (window as unknown as { themeAtFirstPaint?: string }).themeAtFirstPaint)).toContain(
    "dark",
  );

  // An explicit light choice wins over a dark system setting, also after a reload.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByTestId("theme-light").click();
  await expectTheme(page, { preference: "light", dark: false });
  await page.reload();
  await expectTheme(page, { preference: "light", dark: false });
  expect(
    await page.evaluate(() => (window as unknown as { themeAtFirstPaint?: string }).themeAtFirstPaint),
  ).not.toContain("dark");

  // System follows the operating system, live.
  await page.getByTestId("theme-system").click();
  await expectTheme(page, { preference: "system", dark: true });
  await page.emulateMedia({ colorScheme: "light" });
  await expectTheme(page, { preference: "system", dark: false });
});

test("the theme radios work from the keyboard and the choice holds on the sign-in page", async ({ page }) => {
  await page.getByRole("radio", { name: "System theme" }).focus();
  await page.keyboard.press("ArrowRight");
  await expectTheme(page, { preference: "light", dark: false });
  await page.keyboard.press("ArrowRight");
  await expectTheme(page, { preference: "dark", dark: true });
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expectTheme(page, { preference: "dark", dark: true });
  await page.screenshot({ path: `${SCREENSHOTS}/login-dark.png` });
  // The sign-in page has the toggle too.
  await page.getByTestId("theme-light").click();
  await expectTheme(page, { preference: "light", dark: false });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the navigation folds into a menu that opens, closes with Escape and follows links", async ({ page }) => {
    const menu = page.getByTestId("nav-menu-button");
    const users = page.getByRole("link", { name: "Users" });
    await expect(menu).toBeVisible();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(users).toBeHidden();

    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(users).toBeVisible();
    await expect(page.getByRole("link", { name: "Audit log" })).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/phone-menu.png` });
    await page.keyboard.press("Escape");
    await expect(users).toBeHidden();
    await expect(menu).toBeFocused();

    await menu.click();
    await page.getByRole("link", { name: "Audit log" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/audit");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByTestId("audit-filters")).toBeVisible();
    // Nothing sticks out sideways: the page is no wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByTestId("theme-dark").click();
    await page.screenshot({ path: `${SCREENSHOTS}/phone-audit-dark.png`, fullPage: true });
  });
});
