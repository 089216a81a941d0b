import { describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/auth/client-address";
import { canonicalAddress, parseTrustPolicy, resolveClientAddress } from "@/lib/auth/trusted-proxies";
// Not imported: loading the preload is what this file tests last.
const SOCKET_ADDRESS_HEADER = "x-llmm-socket-address";

const noProxy = parseTrustPolicy({});

describe("client address behind trusted proxies", () => {
  it("ignores X-Forwarded-For entirely when no proxy is trusted (the review's spoofed header)", () => {
    expect(resolveClientAddress(noProxy, "127.0.0.1", "203.0.113.77")).toBe("127.0.0.1");
    expect(resolveClientAddress(noProxy, "::ffff:192.0.2.9", "203.0.113.77, 10.0.0.1")).toBe("192.0.2.9");
  });

  it("with TRUSTED_PROXY_HOPS=1 takes the hop the proxy appended, not the client's own entries", () => {
    const policy = parseTrustPolicy({ TRUSTED_PROXY_HOPS: "1" });
    // nginx $proxy_add_x_forwarded_for: whatever the client sent, then the address nginx saw.
    expect(resolveClientAddress(policy, "10.0.0.2", "203.0.113.77, 198.51.100.4")).toBe("198.51.100.4");
    expect(resolveClientAddress(policy, "10.0.0.2", "198.51.100.4")).toBe("198.51.100.4");
    expect(resolveClientAddress(policy, "10.0.0.2", null)).toBe("10.0.0.2");
  });

  it("walks past as many trusted hops as configured, by count or by range", () => {
    expect(
      resolveClientAddress(
        parseTrustPolicy({ TRUSTED_PROXY_HOPS: "2" }),
        "10.0.0.2",
        "203.0.113.77, 198.51.100.4, 10.0.0.9",
      ),
    ).toBe("198.51.100.4");
    const ranges = parseTrustPolicy({ TRUSTED_PROXIES: "10.0.0.0/8, ::1" });
    expect(resolveClientAddress(ranges, "::1", "203.0.113.77, 198.51.100.4, 10.1.2.3")).toBe("198.51.100.4");
    // A socket outside the ranges is the client itself, whatever it claims.
    expect(resolveClientAddress(ranges, "192.0.2.50", "198.51.100.4")).toBe("192.0.2.50");
    expect(
      resolveClientAddress(parseTrustPolicy({ TRUSTED_PROXIES: "::ffff:10.0.0.0/104" }), "10.9.9.9", "198.51.100.4"),
    ).toBe("198.51.100.4");
  });

  it("stops at a hop that is not an IP address instead of believing what lies beyond it", () => {
    const policy = parseTrustPolicy({ TRUSTED_PROXY_HOPS: "2" });
    expect(resolveClientAddress(policy, "10.0.0.2", "198.51.100.4, unknown")).toBe("10.0.0.2");
    expect(resolveClientAddress(policy, "10.0.0.2", "evil, 10.0.0.3")).toBe("10.0.0.3");
  });

  it("reads addresses strictly and settings with a clear message", () => {
    expect(canonicalAddress("1.2.3")).toBeNull();
    expect(canonicalAddress("[2001:db8::1]")).toBe("2001:db8::1");
    expect(() => parseTrustPolicy({ TRUSTED_PROXIES: "10.0.0.0/33" })).toThrow(/TRUSTED_PROXIES holds "10.0.0.0\/33"/);
    expect(() => parseTrustPolicy({ TRUSTED_PROXY_HOPS: "two" })).toThrow(/TRUSTED_PROXY_HOPS/);
    expect(() => parseTrustPolicy({ TRUST_PROXY: "1" })).toThrow(/TRUST_PROXY is no longer read/);
    expect(parseTrustPolicy({ TRUST_PROXY: "0", TRUSTED_PROXY_HOPS: "" })).toEqual({ hops: 0, ranges: [] });
  });

  it("knows the socket only through the launcher's header, and a client's copy of it is replaced", async () => {
    // Without the preload nothing is believed, not even the header's name.
    expect(
      clientAddress({ [SOCKET_ADDRESS_HEADER]: "192.0.2.1", "x-forwarded-for": "203.0.113.77" }, noProxy),
    ).toBeNull();
    const http = await import("node:http");
    await import("@/lib/boot/socket-address.mjs");
    const seen: string[] = [];
    const server = http.createServer((request, response) => {
      seen.push(clientAddress(request.headers, noProxy) ?? "none");
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    await fetch(`http://127.0.0.1:${port}/`, {
      headers: { [SOCKET_ADDRESS_HEADER]: "203.0.113.66", "X-Forwarded-For": "203.0.113.77" },
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(seen).toEqual(["127.0.0.1"]);
  });
});
