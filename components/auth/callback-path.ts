const ORIGIN = "http://callback.invalid";

function sameOrigin(path: string): boolean {
  try {
    return new URL(path, ORIGIN).origin === ORIGIN;
  } catch {
    return false;
  }
}

/**
 * The path to open after signing in: only a path on this origin is followed, so a crafted link
 * cannot send a fresh session to another site. The *normalised* path is what is checked and
 * returned: "/.//evil", "/..//evil" and "/%2e//evil" all normalise to "//evil", which a browser
 * reads as another host. Anything else, and the auth pages themselves, fall back to "/".
 */
export function safeCallbackPath(value: string | undefined): string {
  if (!value || value.length > 2048 || !value.startsWith("/") || value.startsWith("//")) return "/";
  // Browsers ignore tabs and newlines in URLs and read "\" as "/": "/\t/evil" would become "//evil".
  if (
    value.includes("\\") ||
    [...value].some((character) => character.charCodeAt(0) < 0x20 || character.charCodeAt(0) === 0x7f)
  )
    return "/";
  let url: URL;
  try {
    url = new URL(value, ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== ORIGIN) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.pathname.startsWith("//") || !sameOrigin(path)) return "/";
  if (/^\/(login|setup)(\/|$)/.test(url.pathname) || url.pathname.startsWith("/api/")) return "/";
  return path;
}

/** The first value of a search parameter that may repeat. */
export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
