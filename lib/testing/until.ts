// Test-only polling, shared by the integration tests and the end-to-end specs.

/** Reads until `settled` holds for the value and returns it; throws `failure(last value)` after `timeoutMs`. */
export async function pollUntil<T>(
  read: () => T | Promise<T>,
  settled: (value: T) => boolean,
  {
    timeoutMs = 3000,
    intervalMs = 20,
    failure = () => "condition not met in time",
  }: { timeoutMs?: number; intervalMs?: number; failure?: (last: T) => string } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (settled(value)) return value;
    if (Date.now() > deadline) throw new Error(failure(value));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits until `check` holds, polling every 20 ms; throws after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 3000): Promise<void> {
  await pollUntil(check, (holds) => holds, { timeoutMs });
}
