const ORIGIN = "http://callback.invalid";

/**
 * The path to open after signing in: only a same-site relative path is followed, so a crafted
 * link cannot send a fresh session to another site. Anything else, and the auth pages
 * themselves, fall back to "/".
 */
export function safeCallbackPath(value: string | undefined): string {
  if (!value || !value.startsWith("/") || value.startsWith("//")) return "/";
  // Browsers ignore tabs and newlines in URLs and read "\" as "/": "/\t/evil" would become "//evil".
  if (value.includes("\\") || [...value].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)) return "/";
  try {
    const url = new URL(value, ORIGIN);
    if (url.origin !== ORIGIN) return "/";
    if (/^\/(login|setup)(\/|$)/.test(url.pathname) || url.pathname.startsWith("/api/")) return "/";
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return "/";
  }
}

/** The first value of a search parameter that may repeat. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
