// Shared by the inline start-up script (no flash of the wrong theme) and the toggle.

export const THEME_STORAGE_KEY = "llmm-theme";
const THEME_PREFERENCES = ["system", "light", "dark"] as const;
export type ThemePreference = (typeof THEME_PREFERENCES)[number];

/**
 * Reads the stored preference and sets `class="dark"` and `data-theme` on <html>. Serialised
 * into the page's <head>, so it must reference nothing outside itself.
 */
function applyStoredTheme(storageKey: string, changeEvent: string): void {
  const root = document.documentElement;
  const media = window.matchMedia("(prefers-color-scheme: dark)");
  const apply = (): void => {
    let stored: string | null = null;
    try {
      stored = window.localStorage.getItem(storageKey);
    } catch {
      // Storage can be blocked (privacy settings); the system theme still applies.
    }
    const preference = stored === "light" || stored === "dark" ? stored : "system";
    const dark = preference === "dark" || (preference === "system" && media.matches);
    root.classList.toggle("dark", dark);
    root.dataset.theme = preference;
  };
  apply();
  media.addEventListener("change", apply);
  window.addEventListener("storage", (event) => {
    if (event.key === storageKey || event.key === null) apply();
  });
  window.addEventListener(changeEvent, apply);
}

/** Dispatched on window by the toggle after it stores a new preference. */
export const THEME_CHANGE_EVENT = "llmm-theme-change";

/** The inline script for <head>: runs before the first paint. */
export const THEME_SCRIPT = `(${applyStoredTheme.toString()})(${JSON.stringify(THEME_STORAGE_KEY)}, ${JSON.stringify(THEME_CHANGE_EVENT)})`;

export function isThemePreference(value: unknown): value is ThemePreference {
  return THEME_PREFERENCES.some((preference) => preference === value);
}
