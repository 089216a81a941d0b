/** Launcher output: one prefix, so it stands apart from Next's own lines. */
export function say(message: string): void {
  console.log(`[llm-manager] ${message}`);
}

/** Prints a fatal start-up problem and what to do about it, then exits non-zero. */
export function fail(message: string, hint?: string): never {
  console.error(`\n[llm-manager] Cannot start: ${message}`);
  if (hint) console.error(`[llm-manager] ${hint}`);
  process.exit(1);
}
