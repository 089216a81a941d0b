// Runs once when the server starts: with REDIS_URL, this instance announces itself and listens
// for stop/attach messages and identity revocations before the first request, not on the first one.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { runStore } = await import("@/lib/runs/run-store");
  runStore();
  const { identityCache } = await import("@/lib/auth/identity-cache");
  identityCache();
}
