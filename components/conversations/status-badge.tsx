import { StatusBadge as Badge, type BadgeTone } from "@/components/ui/status-badge";

type MessageStatus = "streaming" | "complete" | "aborted" | "error";

const LABELS: Record<MessageStatus, string> = {
  streaming: "streaming",
  complete: "complete",
  aborted: "stopped",
  error: "error",
};
const TONES: Record<MessageStatus, BadgeTone> = {
  streaming: "blue",
  complete: "green",
  aborted: "amber",
  error: "red",
};

/** A reply's status as a small coloured label ("aborted" reads "stopped": that is what a person did). */
export function StatusBadge({ status, testId = "status-badge" }: { status: MessageStatus; testId?: string }) {
  return (
    <Badge tone={TONES[status]} testId={testId} status={status}>
      {LABELS[status]}
    </Badge>
  );
}
