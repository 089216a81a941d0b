// Test-only: the behaviour every sign-in throttle must have, run against memory limiters (unit) and
// Redis limiters (integration, where two instances share one Redis).
import { describe, expect, it } from "vitest";
import type { SignInThrottle } from "@/lib/auth/sign-in-throttle";

/** `make(n)` gives n throttles that share one store (one, for memory). */
export function describeSignInThrottle(
  name: string,
  make: (instances: number) => Promise<SignInThrottle[]>,
  options: { skip?: boolean; instances?: number } = {},
): void {
  const count = options.instances ?? 1;
  const pick = (throttles: SignInThrottle[], index: number): SignInThrottle => {
    const throttle = throttles[index % throttles.length];
    if (!throttle) throw new Error("no throttle made");
    return throttle;
  };

  describe.skipIf(options.skip === true)(name, () => {
    it("admits exactly 5 of 60 parallel attempts on one account from one address", async () => {
      const throttles = await make(count);
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, index) => pick(throttles, index).admit("victim@example.test", "198.51.100.7")),
      );
      expect(results.filter((result) => result.admitted)).toHaveLength(5);
      const refused = results.flatMap((result) => (result.admitted ? [] : [result]));
      expect(new Set(refused.map((result) => result.scope))).toEqual(new Set(["account"]));
      // One refusal is marked first, for the audit log.
      expect(refused.filter((result) => result.first)).toHaveLength(1);
      expect(Math.min(...refused.map((result) => result.retryAfterSeconds))).toBeGreaterThan(14 * 60);
    });

    it("does not lock the account for anyone else: another address still gets its attempts", async () => {
      const throttles = await make(count);
      for (let attempt = 0; attempt < 8; attempt += 1)
        await pick(throttles, attempt).admit("owner@example.test", "203.0.113.9");
      expect((await pick(throttles, 1).admit("OWNER@example.test", "198.51.100.20")).admitted).toBe(true);
    });

    it("admits exactly 30 of 200 parallel attempts from one address across many emails, and none more", async () => {
      const throttles = await make(count);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, index) =>
          pick(throttles, index).admit(`sprayed${index}@example.test`, "192.0.2.44"),
        ),
      );
      expect(results.filter((result) => result.admitted)).toHaveLength(30);
      expect(results.find((result) => !result.admitted)).toMatchObject({ scope: "address" });
      expect((await pick(throttles, 0).admit("fresh@example.test", "192.0.2.45")).admitted).toBe(true);
    });

    it("counts an IPv6 client's whole /64 as one address", async () => {
      const throttles = await make(count);
      for (let host = 0; host < 30; host += 1)
        await pick(throttles, host).admit(`v6-${host}@example.test`, `2001:db8:1:2::${(host + 1).toString(16)}`);
      expect((await pick(throttles, 0).admit("v6-last@example.test", "2001:db8:1:2:ffff::1")).admitted).toBe(false);
      expect((await pick(throttles, 0).admit("v6-last@example.test", "2001:db8:1:3::1")).admitted).toBe(true);
    });

    it("forgets an account's failures after a right password, and gives back refunded attempts", async () => {
      const throttles = await make(count);
      const admissions = [];
      for (let attempt = 0; attempt < 5; attempt += 1)
        admissions.push(await pick(throttles, attempt).admit("forgetful@example.test", "192.0.2.60"));
      expect((await pick(throttles, 0).admit("forgetful@example.test", "192.0.2.60")).admitted).toBe(false);
      const last = admissions[4];
      if (!last?.admitted) throw new Error("the fifth attempt should have been admitted");
      await pick(throttles, 1).succeeded(last);
      const again = await pick(throttles, 0).admit("forgetful@example.test", "192.0.2.60");
      expect(again.admitted).toBe(true);
      if (!again.admitted) return;
      await pick(throttles, 1).refund(again);
      for (let attempt = 0; attempt < 5; attempt += 1)
        expect((await pick(throttles, attempt).admit("forgetful@example.test", "192.0.2.60")).admitted).toBe(true);
    });

    it("says yes once per window for an audit key", async () => {
      const throttles = await make(count);
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, index) => pick(throttles, index).firstInWindow("unknown-email|192.0.2.70")),
      );
      expect(answers.filter(Boolean)).toHaveLength(1);
    });
  });
}
