import { describe, expect, it } from "vitest";
import { API_POLICY, commonSecurityHeaders, newNonce, pagePolicy } from "./security-headers";

function directives(policy: string): Map<string, string> {
  return new Map(
    policy
      .split(";")
      .map((part) => part.trim().split(/\s+/))
      .map(([name = "", ...sources]) => [name, sources.join(" ")]),
  );
}

describe("security headers", () => {
  it("nonces are fresh 128-bit base64 values, in the form Next reads back from the policy", () => {
    const nonces = new Set(Array.from({ length: 50 }, () => newNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("the page policy allows scripts only from the app or with the nonce, and no framing, plugins, base or foreign forms", () => {
    const page = directives(pagePolicy("abc123=="));
    expect(page.get("script-src")).toBe("'self' 'nonce-abc123=='");
    expect(page.get("style-src")).toBe("'self'");
    expect(page.get("frame-ancestors")).toBe("'none'");
    expect(page.get("object-src")).toBe("'none'");
    expect(page.get("base-uri")).toBe("'self'");
    expect(page.get("form-action")).toBe("'self'");
    expect(page.get("connect-src")).toBe("'self'");
    expect([...page.values()].join(" ")).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(directives(pagePolicy("n", { development: true })).get("script-src")).toBe("'self' 'nonce-n' 'unsafe-eval'");
  });

  it("API responses load nothing and cannot be framed", () => {
    const api = directives(API_POLICY);
    expect(api.get("default-src")).toBe("'none'");
    expect(api.get("frame-ancestors")).toBe("'none'");
    expect(api.has("script-src")).toBe(false);
  });

  it("HSTS only over HTTPS", () => {
    expect(commonSecurityHeaders({ https: false })).not.toHaveProperty("Strict-Transport-Security");
    expect(commonSecurityHeaders({ https: true })["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(commonSecurityHeaders({ https: false })).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
    });
  });
});
