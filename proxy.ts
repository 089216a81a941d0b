import { withAuth } from "next-auth/middleware";

// Pages need a session; sign-in and set-up stay open. API routes answer 401 JSON themselves,
// so the matcher leaves /api out.
export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!api/|_next/|login|setup|favicon.ico|icon.svg|robots.txt).*)"],
};
