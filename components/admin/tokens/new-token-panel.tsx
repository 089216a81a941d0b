"use client";

import { useEffect, useRef } from "react";
import { CopyButton } from "@/components/run/copy-button";
import { Button } from "@/components/ui/button";

/** The one and only sight of a new token's value; dismissing it forgets the value. */
export function NewTokenPanel({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Move focus here so keyboard and screen-reader users land on the value they must copy.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section
      className="rounded-xl border border-emerald-300 bg-emerald-50 p-5 dark:border-emerald-800 dark:bg-emerald-950/40"
      aria-labelledby="new-token-heading"
      data-testid="new-token-panel"
    >
      <h2
        id="new-token-heading"
        ref={headingRef}
        tabIndex={-1}
        className="text-base font-semibold text-emerald-900 dark:text-emerald-100"
      >
        Your new token “{name}”
      </h2>
      <p className="mt-1 text-sm text-emerald-900/80 dark:text-emerald-200/80">
        Copy it now and keep it somewhere safe. It is stored only as a hash, so it cannot be shown again; if it is lost,
        revoke it and create another.
      </p>
      <div className="mt-3 flex flex-wrap items-center gap-2 rounded-md border border-emerald-200 bg-white px-3 py-2 dark:border-emerald-900 dark:bg-slate-950">
        <code
          className="min-w-0 flex-1 font-mono text-sm break-all text-slate-900 select-all dark:text-slate-100"
          data-testid="new-token-value"
        >
          {token}
        </code>
        <CopyButton text={token} label="Copy token" testId="new-token-copy" />
      </div>
      <div className="mt-4 flex justify-end">
        <Button variant="secondary" onClick={onDone} data-testid="new-token-done">
          I have copied it
        </Button>
      </div>
    </section>
  );
}
