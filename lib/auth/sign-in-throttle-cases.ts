// Test-only: the behaviour every sign-in throttle must have, run against the memory one (unit)
// and the Redis one (integration).
import { describe, expect, it } from "vitest";
import type { SignInThrottle } from "@/lib/auth/sign-in-limits";

export function describeSignInThrottle(name: string, make: () => SignInThrottle, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip === true)(name, () => {
    it("refuses an email after 5 failures within 15 minutes, then lets it try again", async () => {
      const throttle = make();
      const start = 1_000_000;
      for (let attempt = 0; attempt < 4; attempt += 1) await throttle.recordFailure("victim@example.test", "10.0.0.1", start + attempt);
      expect(await throttle.retryAfterSeconds("victim@example.test", "10.0.0.1", start + 10)).toBe(0);
      await throttle.recordFailure("victim@example.test", "10.0.0.2", start + 5);
      // Another address does not help: the email itself is locked.
      expect(await throttle.retryAfterSeconds("VICTIM@example.test", "10.0.0.9", start + 10)).toBeGreaterThan(14 * 60);
      expect(await throttle.retryAfterSeconds("victim@example.test", "10.0.0.9", start + 15 * 60_000 + 10)).toBe(0);
    });

    it("refuses an address that fails across many emails", async () => {
      const throttle = make();
      const start = 5_000_000;
      for (let attempt = 0; attempt < 20; attempt += 1) await throttle.recordFailure(`user${attempt}@example.test`, "192.0.2.7", start);
      expect(await throttle.retryAfterSeconds("fresh@example.test", "192.0.2.7", start + 1)).toBeGreaterThan(0);
      expect(await throttle.retryAfterSeconds("fresh@example.test", "192.0.2.8", start + 1)).toBe(0);
    });

    it("forgets an email's failures after a successful sign-in", async () => {
      const throttle = make();
      const now = Date.now();
      for (let attempt = 0; attempt < 5; attempt += 1) await throttle.recordFailure("forgetful@example.test", null, now);
      expect(await throttle.retryAfterSeconds("forgetful@example.test", null, now)).toBeGreaterThan(0);
      await throttle.clear("forgetful@example.test");
      expect(await throttle.retryAfterSeconds("forgetful@example.test", null, now)).toBe(0);
    });
  });
}
