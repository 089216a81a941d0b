"use client";

import { PLAYBACK_SPEEDS, type PlaybackSpeed, type Recording } from "@/components/conversations/playback";
import { usePlayback } from "@/components/conversations/use-playback";
import { finishReasonText } from "@/components/run/format";
import { OutputPanel } from "@/components/run/output-panel";
import { StatusBar } from "@/components/run/status-bar";
import { useEscapeKey } from "@/components/ui/use-escape-key";
import { ThinkingPanel } from "@/components/run/thinking-panel";
import { Button } from "@/components/ui/button";

const speedLabel = (speed: PlaybackSpeed): string => (speed === "instant" ? "Instant" : `${speed}×`);

/** Replays a saved reply with its recorded rhythm; the status bar's numbers replay with it. Esc stops. */
export function PlaybackPanel({ recording, onClose }: { recording: Recording; onClose: () => void }) {
  const { speed, playing, frame, state, restart, stop, changeSpeed } = usePlayback(recording);

  useEscapeKey(playing, stop);

  const label = playing
    ? `Playing back at ${speedLabel(speed)}…`
    : frame.done
      ? `Replayed — ${finishReasonText(recording.finishReason)}.`
      : state.phase === "stopped"
        ? "Playback stopped."
        : "Ready to play back.";

  return (
    <section
      aria-label="Playback"
      className="space-y-3 rounded-xl border border-blue-200 bg-blue-50/40 p-3 dark:border-blue-900/60 dark:bg-blue-950/20"
      data-testid="playback-panel"
      data-done={frame.done}
    >
      <div className="flex flex-wrap items-center gap-3">
        <fieldset className="flex items-center gap-1" data-testid="playback-speeds">
          <legend className="sr-only">Playback speed</legend>
          {PLAYBACK_SPEEDS.map((option) => (
            <label
              key={String(option)}
              className={`cursor-pointer rounded-md px-2.5 py-1 text-sm font-medium has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-blue-500 ${
                option === speed
                  ? "bg-blue-600 text-white dark:bg-blue-500 dark:text-slate-950"
                  : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
              }`}
            >
              <input
                type="radio"
                name="playback-speed"
                className="sr-only"
                checked={option === speed}
                onChange={() => changeSpeed(option)}
                data-testid={`playback-speed-${String(option)}`}
              />
              {speedLabel(option)}
            </label>
          ))}
        </fieldset>
        <div className="ml-auto flex items-center gap-2">
          <Button
            variant="secondary"
            onClick={stop}
            disabled={!playing}
            className="text-red-700 dark:text-red-300"
            data-testid="playback-stop"
          >
            Stop
          </Button>
          <Button variant="secondary" onClick={restart} data-testid="playback-restart">
            {frame.done || state.phase === "stopped" ? "Play again" : "Restart"}
          </Button>
          <Button variant="ghost" onClick={onClose} data-testid="playback-close">
            Close
          </Button>
        </div>
      </div>
      <StatusBar state={state} now={frame.recordedMs} phaseLabel={label} />
      {recording.reasoning ? (
        <ThinkingPanel
          text={state.thinking}
          streaming={playing && state.text === ""}
          reasoningTokens={frame.done ? recording.usage.reasoningTokens : null}
        />
      ) : null}
      <OutputPanel state={state} />
    </section>
  );
}
