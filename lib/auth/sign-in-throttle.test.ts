import { describe, expect, it } from "vitest";
import { clearSignInFailures, recordSignInFailure, signInRetryAfterSeconds } from "@/lib/auth/sign-in-throttle";

describe("sign-in throttle", () => {
  it("refuses an email after 5 failures within 15 minutes, then lets it try again", () => {
    const start = 1_000_000;
    for (let attempt = 0; attempt < 4; attempt += 1) recordSignInFailure("victim@example.test", "10.0.0.1", start + attempt);
    expect(signInRetryAfterSeconds("victim@example.test", "10.0.0.1", start + 10)).toBe(0);
    recordSignInFailure("victim@example.test", "10.0.0.2", start + 5);
    // Another address does not help: the email itself is locked.
    expect(signInRetryAfterSeconds("VICTIM@example.test", "10.0.0.9", start + 10)).toBeGreaterThan(14 * 60);
    expect(signInRetryAfterSeconds("victim@example.test", "10.0.0.9", start + 15 * 60_000 + 10)).toBe(0);
  });

  it("refuses an address that fails across many emails", () => {
    const start = 5_000_000;
    for (let attempt = 0; attempt < 20; attempt += 1) recordSignInFailure(`user${attempt}@example.test`, "192.0.2.7", start);
    expect(signInRetryAfterSeconds("fresh@example.test", "192.0.2.7", start + 1)).toBeGreaterThan(0);
    expect(signInRetryAfterSeconds("fresh@example.test", "192.0.2.8", start + 1)).toBe(0);
  });

  it("forgets an email's failures after a successful sign-in", () => {
    const now = Date.now();
    for (let attempt = 0; attempt < 5; attempt += 1) recordSignInFailure("forgetful@example.test", null, now);
    expect(signInRetryAfterSeconds("forgetful@example.test", null, now)).toBeGreaterThan(0);
    clearSignInFailures("forgetful@example.test");
    expect(signInRetryAfterSeconds("forgetful@example.test", null, now)).toBe(0);
  });
});
