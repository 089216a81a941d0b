// Runs once when the server starts: with REDIS_URL, this instance announces itself and listens
// for stop/attach messages and identity revocations before the first request, not on the first one.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // A bad PROVIDER_HOSTS_ALLOW stops the start with its message, not the first provider request.
  (await import("@/lib/env")).providerHostsAllowList();
  const { runStore } = await import("@/lib/runs/run-store");
  runStore();
  const { identityCache } = await import("@/lib/auth/identity-cache");
  identityCache();
}
