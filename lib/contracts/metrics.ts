// Numbers derived from a reply's counts and times, computed the same way wherever they are shown.

/**
 * Output tokens over generation time (first token to end), to 0.1 tok/s; null when there were no
 * tokens or no time to divide by. Times are ms since the run started.
 */
export function tokensPerSecond({
  tokens,
  ttftMs,
  durationMs,
}: {
  tokens: number | null;
  ttftMs: number | null;
  durationMs: number | null;
}): number | null {
  if (tokens === null || tokens <= 0 || ttftMs === null || durationMs === null) return null;
  const generationMs = durationMs - ttftMs;
  return generationMs > 0 ? Math.round((tokens / (generationMs / 1000)) * 10) / 10 : null;
}
