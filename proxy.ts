import { withAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { servedOverHttps } from "@/lib/auth/same-origin";
import { API_POLICY, commonSecurityHeaders, newNonce, pagePolicy } from "@/lib/http/security-headers";

// Open without a session: exact paths, so /loginx or /setup-anything still needs one.
const OPEN_PATHS = new Set(["/login", "/setup", "/favicon.ico", "/icon.svg", "/robots.txt"]);

/** Continues to the page with its CSP on the request, where Next reads the nonce for its own scripts (and the layout for the theme script). */
function continueWithNonce(request: NextRequest, policy: string, nonce: string): NextResponse {
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  headers.set("x-nonce", nonce);
  return NextResponse.next({ request: { headers } });
}

async function route(request: NextRequest, event: NextFetchEvent, policy: string, nonce: string): Promise<Response> {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/api/")) {
    // API routes answer 401 JSON themselves; here only a path Next cannot decode is refused
    // (Next 16 itself answers such a path with a plain-text 500).
    try {
      decodeURIComponent(pathname);
    } catch {
      return NextResponse.json(
        { error: { code: "invalid_params", message: "The URL path is not valid percent-encoding." } },
        { status: 400 },
      );
    }
    return NextResponse.next();
  }
  if (OPEN_PATHS.has(pathname) || pathname.startsWith("/_next/")) return continueWithNonce(request, policy, nonce);
  // Pages need a session; next-auth redirects to sign-in otherwise.
  const requireSession = withAuth(() => continueWithNonce(request, policy, nonce), { pages: { signIn: "/login" } });
  const answer = await requireSession(Object.assign(request, { nextauth: { token: null } }), event);
  return answer ?? continueWithNonce(request, policy, nonce);
}

/** Sessions for pages, and the security headers (CSP with a fresh nonce, framing, sniffing, referrer, HSTS) on every response. */
export default async function proxy(request: NextRequest, event: NextFetchEvent): Promise<Response> {
  const nonce = newNonce();
  const policy = request.nextUrl.pathname.startsWith("/api/")
    ? API_POLICY
    : pagePolicy(nonce, { development: process.env.NODE_ENV === "development" });
  const response = await route(request, event, policy, nonce);
  response.headers.set("Content-Security-Policy", policy);
  for (const [name, value] of Object.entries(commonSecurityHeaders({ https: servedOverHttps(request) })))
    response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    // An API request with a body skips the proxy: Next would read that body to its end (up to
    // proxyClientMaxBodySize, then cut) before the route could refuse it by its own limit. Such
    // responses get the API security headers from next.config.mjs instead.
    {
      source: "/api/:path*",
      missing: [
        { type: "header", key: "content-length", value: "0*[1-9][0-9]*" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    // Everything else but Next's static build files and image optimiser: pages, the icons.
    "/((?!api/|_next/static/|_next/image).*)",
  ],
};
