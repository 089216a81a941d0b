import { Kbd } from "@/components/playground/prompt-composer";
import { Button } from "@/components/ui/button";

type Props = {
  ready: boolean;
  running: boolean;
  pending: boolean;
  stopping: boolean;
  startLabel: string;
  startTestId: string;
  onStart: () => void;
  onStop: () => void;
};

/** Start, and Stop all (Esc) for every column at once. */
export function RunControls({ ready, running, pending, stopping, startLabel, startTestId, onStart, onStop }: Props) {
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <p className="mr-auto text-xs text-slate-500 dark:text-slate-400">Esc stops every column.</p>
      <Button
        variant="secondary"
        onClick={onStop}
        disabled={!running}
        pending={stopping}
        className="text-red-700 hover:text-red-800 dark:text-red-300 dark:hover:text-red-200"
        data-testid="stop-all-button"
      >
        {stopping ? "Stopping…" : "Stop all"} {stopping ? null : <Kbd>Esc</Kbd>}
      </Button>
      <Button onClick={onStart} disabled={!ready || running} pending={pending} data-testid={startTestId}>
        {startLabel}
      </Button>
    </div>
  );
}
