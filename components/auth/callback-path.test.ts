import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/components/auth/callback-path";

const APP = "https://llm.example.test";

describe("the path followed after sign-in", () => {
  it.each([
    // The review's bypasses: dot segments that normalise to a protocol-relative "//host".
    "/.//evil.example",
    "/.//evil.example:4912/phish",
    "/..//x",
    "/%2e//x",
    "/%2E%2E//x",
    "/a/..//evil.example",
    "/././/evil.example",
    // Refused before as well, and still.
    "//",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil",
    "/\n/evil",
    "/\r\n//evil",
    "https://evil",
    "http:evil.example",
    "javascript:alert(1)",
    "",
    "evil.example",
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });

  it("keeps ordinary paths with their query and fragment, normalised", () => {
    expect(safeCallbackPath("/?from=e2e")).toBe("/?from=e2e");
    expect(safeCallbackPath("/conversations/12?tab=usage#turn-3")).toBe("/conversations/12?tab=usage#turn-3");
    expect(safeCallbackPath("/configurations/./new")).toBe("/configurations/new");
    // An encoded slash stays encoded: a path on this site, not another host.
    expect(safeCallbackPath("/%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("does not send a fresh session back to the auth pages or the API", () => {
    expect(safeCallbackPath("/login?callbackUrl=/x")).toBe("/");
    expect(safeCallbackPath("/setup")).toBe("/");
    expect(safeCallbackPath("/api/auth/signout")).toBe("/");
  });

  it("never returns anything that leaves the app's origin, whatever the input", () => {
    const pieces = fc.constantFrom(
      "/",
      "//",
      ".",
      "..",
      "%2e",
      "%2E",
      "\\",
      "\t",
      "evil.example",
      ":4912",
      "@",
      "?",
      "#",
      "%2f",
      "a",
      "https:",
      "javascript:",
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
        const result = safeCallbackPath(`/${parts.join("")}`);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        expect(new URL(result, `${APP}/login`).origin).toBe(APP);
      }),
      { numRuns: 2000 },
    );
  });
});
