import type { NextRequest } from "next/server";
import { statedAppUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";

/** What the browser's headers say about where a request comes from, measured against the app's origin. */
export type RequestSource = "same-origin" | "elsewhere" | "unstated";

function originOf(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : null;
  } catch {
    return null;
  }
}

/** The scheme the client used: a TLS proxy's X-Forwarded-Proto (Next fills it in itself when absent), else Next's own. */
function requestScheme(request: NextRequest): "http" | "https" {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  if (forwarded === "http" || forwarded === "https") return forwarded;
  return request.nextUrl.protocol === "https:" ? "https" : "http";
}

/**
 * The app's one origin: NEXTAUTH_URL's when set (the deployment's stated address), else the
 * request's own as the server sees it (its Host header and scheme). Never X-Forwarded-Host nor the
 * address the server binds to (0.0.0.0); null when the Host header is not a host.
 */
export function appOrigin(request: NextRequest): string | null {
  const stated = statedAppUrl();
  const configured = stated ? originOf(stated) : null;
  if (configured) return configured;
  const host = request.headers.get("host");
  if (!host || /[/?#@\\\s]/.test(host)) return null;
  return originOf(`${requestScheme(request)}://${host}`);
}

/**
 * Origin and Sec-Fetch-Site when the browser sends them (every signal present must say
 * same-origin); else the Referer: browsers send no Fetch Metadata to plain-HTTP hosts other than
 * loopback, and no Origin on a same-origin GET such as the app's own EventSource, but a page cannot
 * forge the Referer of another origin.
 */
export function requestSource(request: NextRequest): RequestSource {
  const own = appOrigin(request);
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (origin !== null || fetchSite !== null) {
    const originMatches = origin === null || (own !== null && origin === own);
    const siteMatches = fetchSite === null || fetchSite === "same-origin";
    return originMatches && siteMatches ? "same-origin" : "elsewhere";
  }
  const referer = request.headers.get("referer");
  if (referer === null) return "unstated";
  return own !== null && originOf(referer) === own ? "same-origin" : "elsewhere";
}

const FROM_ELSEWHERE =
  "Request refused: it comes from a page outside this app (another site, port or scheme). Changes and runs must be made from this app's own pages, or with an API token (Authorization: Bearer <token>).";
const UNSTATED =
  "Request refused: it carries no Origin, Sec-Fetch-Site or Referer header, so it cannot be told apart from a forged one. Use this app's pages in a current browser, or send an API token (Authorization: Bearer <token>).";

/** Refuses a cookie-authenticated change or run unless the browser shows it comes from the app's own pages (CSRF). */
export function assertSameOrigin(request: NextRequest): void {
  const source = requestSource(request);
  if (source === "elsewhere") throw new AppError("forbidden", FROM_ELSEWHERE);
  if (source === "unstated") throw new AppError("forbidden", UNSTATED);
}

/** For requests no cookie authenticates (the first set-up): refuses what a browser marks as sent from elsewhere; scripts that state nothing pass. */
export function assertNotFromElsewhere(request: NextRequest): void {
  if (requestSource(request) === "elsewhere") throw new AppError("forbidden", FROM_ELSEWHERE);
}

/** Whether the app is reached over HTTPS: an https NEXTAUTH_URL, or this request's scheme. */
export function servedOverHttps(request: NextRequest): boolean {
  return statedAppUrl()?.startsWith("https://") === true || requestScheme(request) === "https";
}
