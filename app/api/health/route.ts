import { isDatabaseReachable } from "@/lib/db/health";
import { json } from "@/lib/http/respond";
import { redisLink } from "@/lib/redis/connection";

export const dynamic = "force-dynamic";

// Public on purpose: load balancers and the test runner poll it before signing in. Redis down is
// "degraded", not an error: runs still stream from the instance serving them.
export async function GET(): Promise<Response> {
  const [databaseUp, redis] = await Promise.all([isDatabaseReachable(), redisLink()?.health() ?? null]);
  const redisPart = redis ? { redis } : {};
  if (!databaseUp) return json({ status: "error", database: "unreachable", ...redisPart }, { status: 503 });
  return json({ status: redis === "down" ? "degraded" : "ok", database: "ok", ...redisPart });
}
