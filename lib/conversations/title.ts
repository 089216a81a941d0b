/** A title made from the first line of `text`: at most `max` characters, "…" marking a cut. */
export function titleFromText(
  text: string,
  { max = 80, fallback = "Untitled" }: { max?: number; fallback?: string } = {},
): string {
  const line = text.trim().split("\n")[0] ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line || fallback;
}
