import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { appOrigin, assertNotFromElsewhere, assertSameOrigin, requestSource } from "./same-origin";

const APP = "http://127.0.0.1:3911";
const savedNextAuthUrl = process.env.NEXTAUTH_URL;

// next start builds request.url from the address it binds to, not from the Host header.
function request(headers: Record<string, string>, url = "http://0.0.0.0:3911/api/stream"): NextRequest {
  return new NextRequest(url, { headers: { host: "127.0.0.1:3911", ...headers } });
}

function refusal(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof AppError) return `${error.status} ${error.code}`;
    throw error;
  }
}

afterEach(() => {
  if (savedNextAuthUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = savedNextAuthUrl;
});

describe("requestSource with NEXTAUTH_URL set", () => {
  // The review's matrix (M1), plus the cases it found accepted: same-site and missing headers.
  const cases: Array<[string, Record<string, string>, ReturnType<typeof requestSource>]> = [
    ["the app's own Origin", { origin: APP }, "same-origin"],
    [
      "the app's Origin and same-origin Fetch Metadata",
      { origin: APP, "sec-fetch-site": "same-origin" },
      "same-origin",
    ],
    [
      "no Origin, Sec-Fetch-Site same-origin (the app's EventSource)",
      { "sec-fetch-site": "same-origin" },
      "same-origin",
    ],
    ["no Origin, Sec-Fetch-Site same-site (an <img> on another port)", { "sec-fetch-site": "same-site" }, "elsewhere"],
    ["no Origin, Sec-Fetch-Site cross-site", { "sec-fetch-site": "cross-site" }, "elsewhere"],
    ["no Origin, Sec-Fetch-Site none (typed in the address bar)", { "sec-fetch-site": "none" }, "elsewhere"],
    ["a foreign Origin", { origin: "http://evil.example" }, "elsewhere"],
    ["a null Origin", { origin: "null" }, "elsewhere"],
    ["a look-alike Origin", { origin: "http://127.0.0.1:3911.evil.example" }, "elsewhere"],
    ["another port of the same host", { origin: "http://127.0.0.1:4912" }, "elsewhere"],
    ["the other scheme", { origin: "https://127.0.0.1:3911" }, "elsewhere"],
    ["the bind address", { origin: "http://0.0.0.0:3911" }, "elsewhere"],
    [
      "the app's Origin but same-site Fetch Metadata (a redirect through another site)",
      { origin: APP, "sec-fetch-site": "same-site" },
      "elsewhere",
    ],
    [
      "no Origin, no Fetch Metadata, the app's Referer (plain-HTTP host)",
      { referer: `${APP}/playground` },
      "same-origin",
    ],
    [
      "no Origin, no Fetch Metadata, another port's Referer",
      { referer: "http://127.0.0.1:4912/attack.html" },
      "elsewhere",
    ],
    ["no Origin, no Fetch Metadata, an unparsable Referer", { referer: "not a url" }, "elsewhere"],
    ["no header at all (an old browser, or a script)", {}, "unstated"],
  ];
  for (const [label, headers, expected] of cases) {
    it(`${label} → ${expected}`, () => {
      process.env.NEXTAUTH_URL = `${APP}/`;
      expect(requestSource(request(headers))).toBe(expected);
    });
  }

  it("X-Forwarded-Host does not add an origin", () => {
    process.env.NEXTAUTH_URL = APP;
    expect(requestSource(request({ origin: "http://evil.example", "x-forwarded-host": "evil.example" }))).toBe(
      "elsewhere",
    );
  });
});

describe("appOrigin", () => {
  it("is NEXTAUTH_URL's origin when set, whatever the Host says", () => {
    process.env.NEXTAUTH_URL = "https://llm.corp.example/base/";
    expect(appOrigin(request({ host: "other.example" }))).toBe("https://llm.corp.example");
  });

  it("without NEXTAUTH_URL is the Host header with the request's scheme, never the bind address or X-Forwarded-Host", () => {
    delete process.env.NEXTAUTH_URL;
    expect(appOrigin(request({ "x-forwarded-host": "evil.example" }))).toBe(APP);
    expect(appOrigin(request({ host: "LLM.corp.example:80" }))).toBe("http://llm.corp.example");
    expect(appOrigin(request({ host: "llm.corp.example", "x-forwarded-proto": "https" }))).toBe(
      "https://llm.corp.example",
    );
    expect(requestSource(request({ origin: "https://127.0.0.1:3911" }))).toBe("elsewhere");
    expect(requestSource(request({ origin: APP }))).toBe("same-origin");
  });

  it("refuses a Host header that is not a host", () => {
    delete process.env.NEXTAUTH_URL;
    expect(appOrigin(request({ host: "evil.example/x" }))).toBeNull();
    expect(requestSource(request({ host: "evil.example/x", origin: "http://evil.example" }))).toBe("elsewhere");
  });
});

describe("the assertions", () => {
  it("assertSameOrigin refuses with 403 forbidden anything not shown to be same-origin, the silent request included", () => {
    process.env.NEXTAUTH_URL = APP;
    expect(refusal(() => assertSameOrigin(request({ origin: APP })))).toBeNull();
    expect(refusal(() => assertSameOrigin(request({ "sec-fetch-site": "same-site" })))).toBe("403 forbidden");
    expect(refusal(() => assertSameOrigin(request({})))).toBe("403 forbidden");
  });

  it("assertNotFromElsewhere (set-up, no cookie) lets a script that states nothing through, not a browser on another page", () => {
    process.env.NEXTAUTH_URL = APP;
    expect(refusal(() => assertNotFromElsewhere(request({})))).toBeNull();
    expect(refusal(() => assertNotFromElsewhere(request({ origin: APP })))).toBeNull();
    expect(refusal(() => assertNotFromElsewhere(request({ origin: "http://127.0.0.1:4912" })))).toBe("403 forbidden");
    expect(refusal(() => assertNotFromElsewhere(request({ "sec-fetch-site": "same-site" })))).toBe("403 forbidden");
  });
});
