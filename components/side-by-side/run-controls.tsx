import { StopButton } from "@/components/composer/prompt-composer";
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
      <StopButton running={running} stopping={stopping} onStop={onStop} label="Stop all" testId="stop-all-button" />
      <Button onClick={onStart} disabled={!ready || running} pending={pending} data-testid={startTestId}>
        {startLabel}
      </Button>
    </div>
  );
}
