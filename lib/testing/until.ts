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

/**
 * Reads until `reads` readings in a row are equal (by `key`) and returns that reading: for
 * counts that settle once background work ends. After `timeoutMs` it returns the last reading,
 * for the caller's assertion to judge.
 */
export async function untilSteady<T>(
  read: () => T | Promise<T>,
  {
    key = (value: T) => JSON.stringify(value),
    reads = 5,
    intervalMs = 20,
    timeoutMs = 5000,
  }: { key?: (value: T) => string; reads?: number; intervalMs?: number; timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await read();
  let same = 1;
  while (same < reads && Date.now() <= deadline) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const value = await read();
    same = key(value) === key(last) ? same + 1 : 1;
    last = value;
  }
  return last;
}
