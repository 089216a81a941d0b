"use client";

import { useSyncExternalStore } from "react";
import {
  isThemePreference,
  THEME_CHANGE_EVENT,
  THEME_STORAGE_KEY,
  type ThemePreference,
} from "@/components/theme/theme-preference";

function subscribe(onChange: () => void): () => void {
  // The start-up script updates <html> on these events; read the result afterwards.
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  return () => observer.disconnect();
}

function currentPreference(): ThemePreference {
  const value = document.documentElement.dataset.theme;
  return isThemePreference(value) ? value : "system";
}

function choose(preference: ThemePreference): void {
  try {
    if (preference === "system") window.localStorage.removeItem(THEME_STORAGE_KEY);
    else window.localStorage.setItem(THEME_STORAGE_KEY, preference);
  } catch {
    // Storage blocked: the choice still applies to this page, it just is not remembered.
    document.documentElement.dataset.theme = preference;
    document.documentElement.classList.toggle(
      "dark",
      preference === "dark" || (preference === "system" && window.matchMedia("(prefers-color-scheme: dark)").matches),
    );
    return;
  }
  window.dispatchEvent(new Event(THEME_CHANGE_EVENT));
}

const OPTIONS: Array<{ value: ThemePreference; label: string; icon: string }> = [
  {
    value: "system",
    label: "System theme",
    icon: "M3 5.25A2.25 2.25 0 0 1 5.25 3h9.5A2.25 2.25 0 0 1 17 5.25v6.5A2.25 2.25 0 0 1 14.75 14h-9.5A2.25 2.25 0 0 1 3 11.75v-6.5ZM7 17h6M10 14v3",
  },
  {
    value: "light",
    label: "Light theme",
    icon: "M10 2.5v1.75M10 15.75v1.75M4.7 4.7l1.24 1.24M14.06 14.06l1.24 1.24M2.5 10h1.75M15.75 10h1.75M4.7 15.3l1.24-1.24M14.06 5.94l1.24-1.24M13.25 10a3.25 3.25 0 1 1-6.5 0 3.25 3.25 0 0 1 6.5 0Z",
  },
  { value: "dark", label: "Dark theme", icon: "M16.5 12.1A7 7 0 0 1 7.9 3.5a7 7 0 1 0 8.6 8.6Z" },
];

/** System / light / dark as one radio group: arrow keys move between the three. */
export function ThemeToggle() {
  const preference = useSyncExternalStore<ThemePreference>(subscribe, currentPreference, () => "system");
  return (
    <fieldset
      className="flex shrink-0 items-center rounded-lg border border-slate-200 p-0.5 dark:border-slate-700"
      data-testid="theme-toggle"
    >
      <legend className="sr-only">Colour theme</legend>
      {OPTIONS.map((option) => (
        <label key={option.value} title={option.label} className="relative" data-testid={`theme-${option.value}`}>
          <input
            type="radio"
            name="theme"
            value={option.value}
            checked={preference === option.value}
            onChange={() => choose(option.value)}
            className="peer absolute inset-0 cursor-pointer opacity-0"
            aria-label={option.label}
          />
          <span
            aria-hidden="true"
            className="grid size-7 place-items-center rounded-md text-slate-500 transition-colors peer-checked:bg-slate-100 peer-checked:text-slate-900 peer-hover:text-slate-900 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-1 peer-focus-visible:outline-blue-600 dark:text-slate-400 dark:peer-checked:bg-slate-700 dark:peer-checked:text-white dark:peer-hover:text-white dark:peer-focus-visible:outline-blue-400"
          >
            <svg
              className="size-4"
              viewBox="0 0 20 20"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.5"
              strokeLinecap="round"
              strokeLinejoin="round"
            >
              <path d={option.icon} />
            </svg>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
