"use client";

import { useEffect, useState } from "react";

/** Copies text to the clipboard and says so for a moment (or that the browser refused). */
export function CopyButton({ text, label = "Copy", testId }: { text: string; label?: string; testId?: string }) {
  const [result, setResult] = useState<"copied" | "failed" | null>(null);

  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => setResult(null), 2000);
    return () => clearTimeout(timer);
  }, [result]);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      setResult("copied");
    } catch {
      setResult("failed");
    }
  }

  return (
    <button
      type="button"
      onClick={copy}
      disabled={text.length === 0}
      className="inline-flex min-w-16 items-center justify-center rounded-md px-2 py-1 text-xs font-medium text-slate-600 transition-colors hover:bg-slate-100 hover:text-slate-900 disabled:cursor-not-allowed disabled:opacity-50 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white"
      data-testid={testId}
    >
      <span aria-live="polite">{result === "copied" ? "Copied" : result === "failed" ? "Copy failed" : label}</span>
    </button>
  );
}
