import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";

// Pages need a session; sign-in and set-up stay open.
const requireSession = withAuth({ pages: { signIn: "/login" } });

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    // API routes answer 401 JSON themselves; here only a path Next cannot decode is refused
    // (Next 16 itself answers such a path with a plain-text 500).
    try {
      decodeURIComponent(request.nextUrl.pathname);
    } catch {
      return NextResponse.json({ error: { code: "invalid_params", message: "The URL path is not valid percent-encoding." } }, { status: 400 });
    }
    return NextResponse.next();
  }
  return requireSession(request as NextRequestWithAuth, event);
}

export const config = {
  matcher: [
    // An API request with a body skips the proxy: Next would read that body to its end (up to
    // proxyClientMaxBodySize, then cut) before the route could refuse it by its own limit.
    { source: "/api/:path*", missing: [{ type: "header", key: "content-length", value: "0*[1-9][0-9]*" }, { type: "header", key: "transfer-encoding" }] },
    "/((?!api/|_next/|login|setup|favicon.ico|icon.svg|robots.txt).*)",
  ],
};
