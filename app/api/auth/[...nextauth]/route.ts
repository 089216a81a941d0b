import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";

// Options are built per request so a missing secret fails here, not at build time.
function handler(request: NextRequest, context: RouteContext<"/api/auth/[...nextauth]">): Promise<Response> {
  return NextAuth(request, context, authOptions()) as Promise<Response>;
}

export { handler as GET, handler as POST };
