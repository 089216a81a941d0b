/** Whether `headers` has `name` (lowercase), spelled in any case: HTTP header names are case-insensitive. */
export function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}
