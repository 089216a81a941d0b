"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { controlClassName } from "@/components/ui/field";
import { PromptComposer } from "@/components/composer/prompt-composer";
import { RichText } from "@/components/run/rich-text";
import { RunError } from "@/components/run/run-error";
import { isActive } from "@/components/run/run-state";
import { StatusBar } from "@/components/run/status-bar";
import { ThinkingPanel } from "@/components/run/thinking-panel";
import { useRun } from "@/components/run/use-run";
import { useRunKeys } from "@/components/run/use-run-keys";
import { useHydrated } from "@/components/ui/use-hydrated";
import { PROMPT_MAX_CHARS, runParamsSchema, type RunParams } from "@/lib/validation/stream";
import { cardClassName } from "@/components/ui/card";

type Props = {
  conversationId: number;
  /** The parameters the conversation was created with; every turn reuses them. */
  params: unknown;
  /** The saved messages: once the reply is among them, finished, the live copy gives way. */
  savedMessages: Array<{ runId: string | null; status: string }>;
  /** The conversation's configuration when it is still active; otherwise the user picks one. */
  configurationId: number | null;
  configurations: Array<{ id: number; name: string }>;
  isAdmin: boolean;
};

function paramsOf(value: unknown): RunParams {
  const parsed = runParamsSchema.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

/** The next turn: sent with the whole conversation as context, streamed live below the saved turns. */
export function ContinueConversation({
  conversationId,
  params,
  savedMessages,
  configurationId,
  configurations,
  isAdmin,
}: Props) {
  const router = useRouter();
  const hydrated = useHydrated();
  const { state, now, start, stop } = useRun();
  const active = isActive(state.phase);
  const [message, setMessage] = useState("");
  const [error, setError] = useState<string | undefined>(undefined);
  const [sent, setSent] = useState<string | null>(null);
  const [otherConfiguration, setOtherConfiguration] = useState(String(configurations[0]?.id ?? ""));
  const inputRef = useRef<HTMLTextAreaElement>(null);
  useRunKeys({ active, stop, inputRef });

  const savedReply = state.runId === null ? undefined : savedMessages.find((saved) => saved.runId === state.runId);
  const showLive = sent !== null && (savedReply === undefined || savedReply.status === "streaming");

  function send(): void {
    if (active) return;
    if (message.trim() === "") {
      setError("Enter a message.");
      inputRef.current?.focus();
      return;
    }
    if (message.length > PROMPT_MAX_CHARS) {
      setError(`A message is at most ${PROMPT_MAX_CHARS.toLocaleString()} characters.`);
      return;
    }
    setError(undefined);
    setSent(message);
    setMessage("");
    const configuration = configurationId === null ? otherConfiguration : undefined;
    const text = message;
    void start(
      { ...paramsOf(params), message: text, configuration },
      `/api/conversations/${conversationId}/stream`,
    ).then((final) => {
      // Refused before it began (or another run was going): nothing was saved, so the text goes back in the box.
      if (!final || final.runId === null) {
        setMessage((current) => (current === "" ? text : current));
        setSent(null);
      }
      // The server saves the turn before its final event, so one read finds it finished.
      router.refresh();
    });
  }

  const noConfiguration = configurationId === null && configurations.length === 0;
  return (
    <div className="space-y-4" data-testid="continue-conversation">
      {showLive ? (
        <ol className="space-y-3" aria-label="Turn in progress" data-testid="live-turn">
          <li className="rounded-xl border border-blue-100 bg-blue-50/60 px-4 py-3 text-[0.9375rem] whitespace-pre-wrap text-slate-800 dark:border-blue-900/50 dark:bg-blue-950/30 dark:text-slate-200">
            <span className="mb-1 block text-sm font-semibold text-slate-900 dark:text-white">You</span>
            {sent}
          </li>
          <li className={cardClassName("space-y-2 px-4 py-3")} aria-busy={active}>
            <span className="block text-sm font-semibold text-slate-900 dark:text-white">Assistant</span>
            {state.thinking ? (
              <ThinkingPanel
                text={state.thinking}
                streaming={active && state.text === ""}
                reasoningTokens={state.usage?.reasoningTokens ?? null}
              />
            ) : null}
            <div
              className="text-[0.9375rem] leading-relaxed text-slate-800 dark:text-slate-200"
              data-testid="live-output"
            >
              {state.text === "" ? (
                <p className="text-sm text-slate-500 dark:text-slate-400">
                  {active ? "Waiting for the reply…" : "No reply text."}
                </p>
              ) : (
                <RichText text={state.text} streaming={active} />
              )}
            </div>
          </li>
        </ol>
      ) : null}
      {state.phase !== "idle" ? <StatusBar state={state} now={now} showSaved={false} /> : null}
      {state.failure ? (
        <RunError
          failure={state.failure}
          configurationId={configurationId ?? (otherConfiguration === "" ? null : Number(otherConfiguration))}
          isAdmin={isAdmin}
        />
      ) : null}
      {configurationId === null ? (
        <div
          className="rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-200"
          data-testid="configuration-missing"
        >
          {noConfiguration ? (
            <p>
              This conversation&apos;s configuration is gone or inactive, and no other configuration is active. Ask an
              administrator to activate one to continue it.
            </p>
          ) : (
            <label className="flex flex-wrap items-center gap-2">
              <span>This conversation&apos;s configuration is gone or inactive. Continue with</span>
              <select
                value={otherConfiguration}
                onChange={(event) => setOtherConfiguration(event.target.value)}
                disabled={active}
                className={controlClassName(undefined, "w-auto")}
                data-testid="continue-configuration"
              >
                {configurations.map((configuration) => (
                  <option key={configuration.id} value={configuration.id}>
                    {configuration.name}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      ) : null}
      {noConfiguration ? null : (
        <PromptComposer
          label="Your next message"
          placeholder="Continue the conversation — the earlier turns are sent as context…"
          value={message}
          error={error}
          running={active}
          stopping={state.stopping}
          ready={hydrated}
          stopProblem={state.stopProblem}
          inputRef={inputRef}
          onChange={(value) => {
            setMessage(value);
            if (error) setError(undefined);
          }}
          onSend={send}
          onStop={stop}
        />
      )}
    </div>
  );
}
