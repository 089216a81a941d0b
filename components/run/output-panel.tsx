"use client";

import { CopyButton } from "@/components/run/copy-button";
import { formatCount } from "@/components/run/format";
import { RichText } from "@/components/run/rich-text";
import { isActive, type RunState } from "@/components/run/run-state";
import type { UsageReport } from "@/lib/contracts/run-events";
import { useStickToBottom } from "@/components/run/use-stick-to-bottom";
import { cardClassName } from "@/components/ui/card";

function UsageLine({ usage, stopped }: { usage: UsageReport; stopped: boolean }) {
  const parts = [
    usage.promptTokens !== null ? `${formatCount(usage.promptTokens)} prompt` : null,
    usage.completionTokens !== null ? `${formatCount(usage.completionTokens)} completion` : null,
    usage.reasoningTokens !== null && usage.reasoningTokens > 0
      ? `${formatCount(usage.reasoningTokens)} reasoning`
      : null,
    usage.cachedTokens !== null && usage.cachedTokens > 0 ? `${formatCount(usage.cachedTokens)} cached` : null,
    usage.totalTokens !== null ? `${formatCount(usage.totalTokens)} total` : null,
  ].filter((part): part is string => part !== null);
  return (
    <p className="text-xs text-slate-600 tabular-nums dark:text-slate-400" data-testid="run-usage">
      <span className="font-medium text-slate-700 dark:text-slate-300">
        Usage{usage.source === "provider" ? " reported by the provider" : " (estimated; the provider reported none)"}:
      </span>{" "}
      {parts.length > 0 ? parts.join(" · ") : "not reported"}
      {stopped ? ". The partial reply and this usage were saved." : null}
    </p>
  );
}

function placeholder(state: RunState): string {
  switch (state.phase) {
    case "idle":
      return "The reply appears here as it streams.";
    case "connecting":
    case "streaming":
      return state.thinking ? "The answer follows the thinking above…" : "Waiting for the reply…";
    default:
      return "No reply text.";
  }
}

/** The answer as it streams, then its usage; the box keeps its height so the page stays put. */
export function OutputPanel({ state }: { state: RunState }) {
  const { ref, onScroll } = useStickToBottom<HTMLDivElement>(state.text);
  const active = isActive(state.phase);
  return (
    <section aria-labelledby="output-heading" className={cardClassName("flex flex-col shadow-xs")}>
      <div className="flex h-11 items-center justify-between gap-3 border-b border-slate-100 pr-2 pl-4 dark:border-slate-800">
        <h2 id="output-heading" className="text-sm font-semibold text-slate-900 dark:text-white">
          Reply
        </h2>
        <CopyButton text={state.text} label="Copy reply" testId="copy-output" />
      </div>
      <div
        ref={ref}
        onScroll={onScroll}
        tabIndex={0}
        aria-label="Reply text"
        aria-busy={active}
        className="min-h-64 max-h-[65vh] overflow-y-auto px-4 py-4 text-[0.9375rem] leading-relaxed text-slate-800 dark:text-slate-200"
      >
        {state.text === "" ? <p className="text-sm text-slate-500 dark:text-slate-400">{placeholder(state)}</p> : null}
        <div data-testid="run-output">
          {state.text === "" ? null : <RichText text={state.text} streaming={active} />}
        </div>
      </div>
      {state.usage ? (
        <div className="border-t border-slate-100 px-4 py-2.5 dark:border-slate-800">
          <UsageLine usage={state.usage} stopped={state.phase === "stopped"} />
        </div>
      ) : null}
    </section>
  );
}
