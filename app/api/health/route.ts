import { isDatabaseReachable } from "@/lib/db/health";
import { json } from "@/lib/http/respond";

export const dynamic = "force-dynamic";

// Public on purpose: load balancers and the test runner poll it before signing in.
export async function GET(): Promise<Response> {
  if (await isDatabaseReachable()) return json({ status: "ok", database: "ok" });
  return json({ status: "error", database: "unreachable" }, { status: 503 });
}
