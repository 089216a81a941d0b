import Link from "next/link";
import type { ReactNode } from "react";
import { finishReasonText, formatCount, formatMs, formatRate, formatSeconds } from "@/components/run/format";
import { isActive, rateSeries, runNumbers, type RunState } from "@/components/run/run-state";
import { TokensSparkline } from "@/components/run/tokens-sparkline";
import { Spinner } from "@/components/ui/spinner";
import { cardClassName } from "@/components/ui/card";

function Metric({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="min-w-0">
      <dt className="truncate text-xs font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-0.5 flex h-7 items-center gap-2 text-lg font-semibold text-slate-900 tabular-nums dark:text-white">
        <span className="truncate" data-testid={testId}>
          {children}
        </span>
      </dd>
    </div>
  );
}

function SourceBadge({ source }: { source: "estimate" | "provider" }) {
  const tone =
    source === "provider"
      ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30"
      : "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30";
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-1.5 py-0.5 text-[0.6875rem] font-medium ring-1 ring-inset ${tone}`}
      data-testid="status-token-source"
    >
      {source === "provider" ? "provider" : "≈ estimate"}
    </span>
  );
}

function phaseText(state: RunState): string {
  if (state.stopping) return "Stopping — cancelling the provider request…";
  switch (state.phase) {
    case "idle":
      return "Ready.";
    case "connecting":
      return "Connecting…";
    case "streaming":
      if (state.firstTokenAt === null) return "Waiting for the first token…";
      return state.text === "" && state.thinking !== "" ? "Thinking…" : "Streaming…";
    case "done":
      return `Done — ${finishReasonText(state.finishReason)}.`;
    case "stopped":
      return "Stopped — provider request cancelled";
    case "failed":
      return "Failed — see the message below.";
  }
}

const phaseTone: Record<RunState["phase"], string> = {
  idle: "text-slate-500 dark:text-slate-400",
  connecting: "text-blue-700 dark:text-blue-300",
  streaming: "text-blue-700 dark:text-blue-300",
  done: "text-emerald-700 dark:text-emerald-400",
  stopped: "text-amber-700 dark:text-amber-300",
  failed: "text-red-700 dark:text-red-400",
};

/**
 * Live numbers of the current run; every cell has a fixed height, so nothing below it moves.
 * `compact` keeps two numbers a row at any screen width, for narrow side-by-side columns;
 * `phaseLabel` replaces the phase line (playback); `showSaved` links the saved conversation.
 */
export function StatusBar({
  state,
  now,
  compact = false,
  phaseLabel,
  showSaved = true,
}: {
  state: RunState;
  now: number;
  compact?: boolean;
  phaseLabel?: string | undefined;
  showSaved?: boolean;
}) {
  const numbers = runNumbers(state, now);
  const active = isActive(state.phase);
  const waitingForFirstToken = active && state.firstTokenAt === null;

  return (
    <section
      aria-label="Run status"
      className={cardClassName("px-4 py-3 shadow-xs")}
      data-testid="status-bar"
      data-phase={state.phase}
    >
      <dl
        className={`grid grid-cols-2 gap-x-4 gap-y-3 ${compact ? "" : "sm:grid-cols-[repeat(4,minmax(0,1fr))_auto]"}`}
      >
        <div className="min-w-0">
          <dt className="truncate text-xs font-medium text-slate-500 dark:text-slate-400">Output tokens</dt>
          <dd
            className="mt-0.5 flex h-7 items-center gap-2 text-lg font-semibold text-slate-900 tabular-nums dark:text-white"
            data-testid="status-token-counter"
          >
            <span className="truncate" data-testid="status-tokens">
              {formatCount(numbers.tokens)}
            </span>
            {numbers.tokenSource && numbers.tokens !== null ? <SourceBadge source={numbers.tokenSource} /> : null}
          </dd>
        </div>
        <Metric label="Time to first token" testId="status-ttft">
          {waitingForFirstToken ? (
            <span className="text-base font-normal text-slate-500 dark:text-slate-400">waiting…</span>
          ) : (
            formatMs(numbers.ttftMs)
          )}
        </Metric>
        <Metric label="Tokens / second" testId="status-tps">
          {formatRate(numbers.tokensPerSecond)}
        </Metric>
        <Metric label="Elapsed" testId="status-elapsed">
          {formatSeconds(numbers.elapsedMs)}
        </Metric>
        <div className={`col-span-2 flex min-w-0 flex-col ${compact ? "" : "sm:col-span-1"}`}>
          <span className="text-xs font-medium text-slate-500 dark:text-slate-400" aria-hidden="true">
            Tokens / s, live
          </span>
          <div className="mt-0.5 flex h-7 items-center">
            <TokensSparkline rates={rateSeries(state.points)} live={active} />
          </div>
        </div>
      </dl>
      <div
        className={`mt-3 flex items-center justify-between border-t border-slate-100 pt-3 text-sm dark:border-slate-800 ${compact ? "min-h-5 flex-wrap gap-x-3 gap-y-1" : "h-5 gap-3"}`}
      >
        <p
          role="status"
          className={`flex min-w-0 items-center gap-2 ${phaseTone[state.phase]}`}
          data-testid="run-status"
        >
          {active ? <Spinner className="size-3.5 shrink-0" /> : null}
          <span className="truncate">{phaseLabel ?? phaseText(state)}</span>
        </p>
        {showSaved && state.conversationId !== null && !active ? (
          <Link
            href={`/conversations/${state.conversationId}`}
            className="shrink-0 rounded text-slate-600 tabular-nums underline-offset-2 hover:text-slate-900 hover:underline dark:text-slate-300 dark:hover:text-white"
            data-testid="run-saved"
          >
            Saved as conversation #{state.conversationId}
          </Link>
        ) : null}
      </div>
    </section>
  );
}
