import { expect, test } from "@playwright/test";

test("the set-up page is closed once a user exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL((url) => url.pathname === "/login");
  await expect(page.getByTestId("setup-form")).toHaveCount(0);
  await expect(page.getByTestId("sign-in-form")).toBeVisible();
});
