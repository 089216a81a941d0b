type MessageStatus = "streaming" | "complete" | "aborted" | "error";

const LABELS: Record<MessageStatus, string> = { streaming: "streaming", complete: "complete", aborted: "stopped", error: "error" };

const TONES: Record<MessageStatus, string> = {
  streaming: "bg-blue-50 text-blue-700 ring-blue-600/20 dark:bg-blue-500/10 dark:text-blue-300 dark:ring-blue-400/30",
  complete: "bg-emerald-50 text-emerald-700 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-300 dark:ring-emerald-400/30",
  aborted: "bg-amber-50 text-amber-800 ring-amber-600/20 dark:bg-amber-500/10 dark:text-amber-300 dark:ring-amber-400/30",
  error: "bg-red-50 text-red-700 ring-red-600/20 dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/30",
};

/** A reply's status as a small coloured label ("aborted" reads "stopped": that is what a person did). */
export function StatusBadge({ status, testId = "status-badge" }: { status: MessageStatus; testId?: string }) {
  return (
    <span className={`inline-flex shrink-0 items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`} data-testid={testId} data-status={status}>
      {LABELS[status]}
    </span>
  );
}
