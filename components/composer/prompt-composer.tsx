"use client";

import type { KeyboardEvent, Ref } from "react";
import { controlClassName, describedBy, Field } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { PROMPT_MAX_CHARS } from "@/lib/validation/stream";
import { cardClassName } from "@/components/ui/card";

/** What is wrong with a prompt before it is sent, in words; undefined when it can go. */
export function promptProblem(prompt: string): string | undefined {
  if (prompt.trim() === "") return "Enter a prompt.";
  if (prompt.length > PROMPT_MAX_CHARS) return `The prompt is at most ${PROMPT_MAX_CHARS.toLocaleString()} characters.`;
  return undefined;
}

type Props = {
  value: string;
  error: string | undefined;
  running: boolean;
  stopping: boolean;
  ready: boolean;
  stopProblem: string | null;
  inputRef: Ref<HTMLTextAreaElement>;
  onChange: (value: string) => void;
  onSend: () => void;
  onStop: () => void;
  /** "Stop all" where one prompt runs in several columns. */
  stopLabel?: string;
  /** The box's label and placeholder; the playground's by default. */
  label?: string;
  placeholder?: string;
};

const HINT = "Enter sends · Shift+Enter adds a line · Esc stops";

function Kbd({ children }: { children: string }) {
  return (
    <kbd
      aria-hidden="true"
      className="rounded border border-current/30 px-1 font-sans text-[0.6875rem] leading-4 opacity-80"
    >
      {children}
    </kbd>
  );
}

/** Stop (Esc): enabled while a run goes, busy while the stop is on its way. */
export function StopButton({
  running,
  stopping,
  onStop,
  label,
  testId,
}: {
  running: boolean;
  stopping: boolean;
  onStop: () => void;
  label: string;
  testId: string;
}) {
  return (
    <Button
      variant="secondary"
      onClick={onStop}
      disabled={!running}
      pending={stopping}
      className="text-red-700 hover:text-red-800 dark:text-red-300 dark:hover:text-red-200"
      data-testid={testId}
    >
      {stopping ? "Stopping…" : label} {stopping ? null : <Kbd>Esc</Kbd>}
    </Button>
  );
}

/** The prompt box: Enter sends, Shift+Enter makes a new line; Send and Stop beside it. */
export function PromptComposer({
  value,
  error,
  running,
  stopping,
  ready,
  stopProblem,
  inputRef,
  onChange,
  onSend,
  onStop,
  stopLabel = "Stop",
  label = "Prompt",
  placeholder = "Ask the model something…",
}: Props) {
  function handleKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    // An IME confirms its composition with Enter; that Enter is not "send".
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (!running) onSend();
  }

  return (
    <section aria-label={label} className={cardClassName("p-4 shadow-xs")}>
      <Field id="playground-prompt" label={label} error={error}>
        <textarea
          id="playground-prompt"
          ref={inputRef}
          rows={4}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onKeyDown={handleKeyDown}
          placeholder={placeholder}
          aria-invalid={error ? true : undefined}
          aria-describedby={[describedBy("playground-prompt", null, error), "playground-prompt-keys"]
            .filter(Boolean)
            .join(" ")}
          className={controlClassName(error, "min-h-24 resize-y")}
          data-testid="prompt-input"
        />
      </Field>
      <div className="mt-3 flex flex-wrap items-center justify-between gap-3">
        <p id="playground-prompt-keys" className="text-xs text-slate-500 dark:text-slate-400">
          {HINT}
        </p>
        <div className="ml-auto flex items-center gap-2">
          <StopButton running={running} stopping={stopping} onStop={onStop} label={stopLabel} testId="stop-button" />
          <Button onClick={onSend} disabled={!ready || running} data-testid="send-button">
            Send <Kbd>↵</Kbd>
          </Button>
        </div>
      </div>
      {stopProblem ? (
        <p role="alert" className="mt-2 text-xs font-medium text-red-600 dark:text-red-400" data-testid="stop-problem">
          {stopProblem}
        </p>
      ) : null}
    </section>
  );
}
