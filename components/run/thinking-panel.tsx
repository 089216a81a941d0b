"use client";

import { useId, useState } from "react";
import { useStickToBottom } from "@/components/run/use-stick-to-bottom";
import { Spinner } from "@/components/ui/spinner";

/** The model's reasoning, apart from the answer; open by default, collapsible at any time. */
export function ThinkingPanel({
  text,
  streaming,
  reasoningTokens,
}: {
  text: string;
  streaming: boolean;
  reasoningTokens: number | null;
}) {
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  const { ref, onScroll } = useStickToBottom<HTMLDivElement>(text);
  const hidden = text === "";

  return (
    <section
      className="rounded-xl border border-violet-200 bg-violet-50/60 dark:border-violet-900/60 dark:bg-violet-950/30"
      data-testid="thinking-panel"
      aria-label="Thinking"
    >
      <h2>
        <button
          type="button"
          onClick={() => setOpen((current) => !current)}
          aria-expanded={open}
          aria-controls={bodyId}
          className="flex w-full items-center gap-2 rounded-xl px-4 py-2.5 text-left text-sm font-medium text-violet-900 hover:bg-violet-100/70 dark:text-violet-200 dark:hover:bg-violet-900/30"
          data-testid="thinking-toggle"
        >
          <svg
            className={`size-4 shrink-0 transition-transform motion-reduce:transition-none ${open ? "rotate-90" : ""}`}
            viewBox="0 0 20 20"
            fill="currentColor"
            aria-hidden="true"
          >
            <path
              fillRule="evenodd"
              d="M7.2 4.2a.75.75 0 0 1 1.06 0l5.25 5.25a.75.75 0 0 1 0 1.06L8.26 15.8a.75.75 0 1 1-1.06-1.06L11.94 10 7.2 5.26a.75.75 0 0 1 0-1.06Z"
              clipRule="evenodd"
            />
          </svg>
          <span>Thinking</span>
          {streaming ? <Spinner className="size-3.5" /> : null}
          <span className="ml-auto text-xs font-normal text-violet-700 tabular-nums dark:text-violet-300">
            {reasoningTokens !== null
              ? `${reasoningTokens.toLocaleString()} reasoning tokens`
              : hidden
                ? ""
                : `${text.length.toLocaleString()} characters`}
          </span>
        </button>
      </h2>
      <div id={bodyId} hidden={!open}>
        {hidden ? (
          <p className="px-4 pb-3 text-sm text-violet-800 dark:text-violet-300" data-testid="thinking-hidden">
            The provider reported reasoning tokens but does not stream the reasoning itself.
          </p>
        ) : (
          <div
            ref={ref}
            onScroll={onScroll}
            tabIndex={0}
            aria-label="Thinking text"
            className="max-h-48 overflow-y-auto px-4 pb-3 text-sm leading-relaxed whitespace-pre-wrap text-violet-950/90 dark:text-violet-100/90"
            data-testid="thinking-text"
          >
            {text}
          </div>
        )}
      </div>
    </section>
  );
}
