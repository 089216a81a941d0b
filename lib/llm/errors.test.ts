import {
  APIConnectionError as AnthropicConnectionError,
  APIConnectionTimeoutError as AnthropicConnectionTimeoutError,
} from "@anthropic-ai/sdk";
import {
  APIConnectionError as OpenAIConnectionError,
  APIConnectionTimeoutError as OpenAIConnectionTimeoutError,
} from "openai";
import { describe, expect, it } from "vitest";
import { OutboundRefusedError, ProviderRedirectError } from "@/lib/llm/outbound-policy";
import { readAnthropicSdkError } from "@/lib/llm/providers/anthropic/sdk-errors";
import { readOpenAISdkError } from "@/lib/llm/providers/openai-compatible/sdk-errors";
import {
  connectionLlmError,
  httpLlmError,
  redactSecrets,
  retryAfterSeconds,
  streamLlmError,
  toLlmError,
  type ErrorContext,
} from "@/lib/llm/errors";

const openai: ErrorContext = {
  provider: "openai",
  baseUrl: "https://api.openai.com/v1",
  model: "gpt-4o",
  apiKey: "sk-secret-key-123456",
};
const local: ErrorContext = { provider: "local", baseUrl: "http://localhost:1234/v1", model: "qwen", apiKey: null };

function codedError(code: string): Error {
  return Object.assign(new Error("inner"), { code });
}

describe("retryAfterSeconds", () => {
  it("reads seconds, milliseconds and HTTP dates, and ignores nonsense", () => {
    expect(retryAfterSeconds(new Headers({ "retry-after": "20" }))).toBe(20);
    expect(retryAfterSeconds(new Headers({ "retry-after-ms": "1500", "retry-after": "9" }))).toBe(2);
    const inOneMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterSeconds(new Headers({ "retry-after": inOneMinute }))).toBeGreaterThanOrEqual(58);
    expect(retryAfterSeconds(new Headers({ "retry-after": "soon" }))).toBeUndefined();
    expect(retryAfterSeconds(new Headers({ "retry-after": "-4" }))).toBeUndefined();
    expect(retryAfterSeconds(undefined)).toBeUndefined();
  });
});

describe("httpLlmError", () => {
  it("asks for a key when a keyless server answers 401", () => {
    expect(httpLlmError(local, 401, undefined, "Unauthorized").message).toBe(
      "The server at localhost:1234 requires an API key (401). Add one to the configuration.",
    );
  });

  it("says access was refused for a 403, with the provider's reason", () => {
    expect(
      httpLlmError(openai, 403, undefined, { error: { message: "Project does not have access to model gpt-4o." } })
        .message,
    ).toBe(
      "OpenAI refused access (403): Project does not have access to model gpt-4o. Check the API key's permissions.",
    );
  });

  it("never repeats the key, even when the provider echoes it", () => {
    const error = httpLlmError(openai, 400, undefined, {
      error: { message: "Bad key sk-secret-key-123456 in Authorization: Bearer abcdefghijklmnop" },
    });
    expect(error.message).not.toContain("sk-secret-key-123456");
    expect(error.message).not.toContain("abcdefghijklmnop");
  });

  it("never repeats an extra-header value either, whatever the header is called (the echo-proxy case)", () => {
    const proxied: ErrorContext = {
      ...local,
      extraHeaders: {
        "Ocp-Apim-Subscription-Key": "apim-SECRET-5678",
        "X-Auth": "Token xauth-SECRET-9999",
        "X-Team": "red",
      },
    };
    const message = httpLlmError(proxied, 400, undefined, {
      error: {
        message:
          "Subscription key apim-SECRET-5678 and x-auth xauth-SECRET-9999 (apim-SECRET-5678%20) are not valid for team red",
      },
    }).message;
    expect(message).toBe(
      "The server at localhost:1234 rejected the request (400): Subscription key [redacted] and x-auth [redacted] ([redacted]%20) are not valid for team red.",
    );
    const inStream = streamLlmError(proxied, { message: "bad subscription apim-SECRET-5678" }).message;
    expect(inStream).not.toContain("apim-SECRET");
  });

  it("redacts before clipping, so a secret at the cut is not half shown", () => {
    const secret = "hdr-SECRET-abcdefghijklmnop";
    const proxied: ErrorContext = { ...local, extraHeaders: { "X-Key": secret } };
    const message = httpLlmError(proxied, 400, undefined, {
      error: { message: `${"x".repeat(290)} ${secret}` },
    }).message;
    expect(message).not.toContain("hdr-SECRET");
  });

  it("drops an HTML error page and clips long messages", () => {
    expect(httpLlmError(openai, 400, undefined, "<html><body>Bad Request</body></html>").message).toBe(
      "OpenAI rejected the request (400).",
    );
    expect(httpLlmError(openai, 400, undefined, { error: { message: "x".repeat(1000) } }).message.length).toBeLessThan(
      400,
    );
  });
});

describe("streamLlmError", () => {
  it("maps in-band codes given as strings or numbers", () => {
    expect(streamLlmError(openai, { code: "rate_limit_exceeded", message: "slow down" }).code).toBe("rate_limited");
    expect(streamLlmError(openai, { code: 502, message: "bad gateway" })).toMatchObject({
      code: "upstream_unavailable",
      status: 502,
    });
    expect(
      streamLlmError(openai, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }).code,
    ).toBe("upstream_unavailable");
    expect(streamLlmError(openai, "an error was encountered while running the model")).toMatchObject({
      code: "upstream_error",
      message: "OpenAI failed while generating the reply: an error was encountered while running the model.",
    });
  });
});

describe("connectionLlmError", () => {
  it("names DNS failures, certificate failures and lost connections", () => {
    expect(
      connectionLlmError(openai, new TypeError("fetch failed", { cause: codedError("ENOTFOUND") }), false).message,
    ).toContain("Could not find the host api.openai.com");
    expect(
      connectionLlmError(openai, new TypeError("fetch failed", { cause: codedError("CERT_HAS_EXPIRED") }), false)
        .message,
    ).toContain("TLS connection to api.openai.com failed (CERT_HAS_EXPIRED)");
    expect(
      connectionLlmError(local, new TypeError("terminated", { cause: codedError("UND_ERR_SOCKET") }), true),
    ).toEqual({
      code: "upstream_protocol",
      message: "The connection to localhost:1234 was lost before the reply finished.",
    });
  });

  it("says the same for refused, reset, closed-before-answer and connect timeouts, so an open port cannot be told from a closed one", () => {
    const expected = {
      code: "upstream_unavailable",
      message: "Could not reach the server at api.openai.com:443. Check the base URL and that the server is running.",
    };
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "EPIPE",
      "UND_ERR_SOCKET",
      "ETIMEDOUT",
      "UND_ERR_CONNECT_TIMEOUT",
      "ERR_SSL_WRONG_VERSION_NUMBER",
      "EHOSTUNREACH",
    ]) {
      expect(
        connectionLlmError(openai, new TypeError("fetch failed", { cause: codedError(code) }), false),
        code,
      ).toEqual(expected);
    }
    expect(
      toLlmError(new OpenAIConnectionTimeoutError(), openai, { midStream: false, readSdkError: readOpenAISdkError }),
    ).toEqual(expected);
    expect(
      toLlmError(new AnthropicConnectionTimeoutError(), openai, {
        midStream: false,
        readSdkError: readAnthropicSdkError,
      }),
    ).toEqual(expected);
  });
});

describe("policy errors", () => {
  it("reports a refused host in the policy's words, also when an SDK wrapped it", () => {
    const refused = new OutboundRefusedError(
      "Provider requests never go to 169.254.169.254: it is a link-local or cloud-metadata address. Check the base URL.",
    );
    expect(
      toLlmError(new OpenAIConnectionError({ cause: refused }), openai, {
        midStream: false,
        readSdkError: readOpenAISdkError,
      }),
    ).toEqual({
      code: "invalid_request",
      message: refused.message,
    });
    expect(toLlmError(new TypeError("fetch failed", { cause: refused }), local, { midStream: false })).toEqual({
      code: "invalid_request",
      message: refused.message,
    });
  });

  it("names the redirect's target origin and asks for the base URL to be updated", () => {
    const redirect = new ProviderRedirectError(307, "https://x.example");
    expect(
      toLlmError(new AnthropicConnectionError({ cause: redirect }), local, {
        midStream: false,
        readSdkError: readAnthropicSdkError,
      }),
    ).toEqual({
      code: "invalid_request",
      status: 307,
      message:
        "The server at localhost:1234 redirected to https://x.example (307) — update the base URL. Redirects are not followed, so nothing was sent there.",
    });
    expect(toLlmError(new ProviderRedirectError(302, null), local, { midStream: false })?.message).toBe(
      "The server at localhost:1234 answered with a redirect (302) — check the base URL. Redirects are not followed.",
    );
  });
});

describe("toLlmError", () => {
  it("returns null when our own signal aborted the request", () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      toLlmError(new DOMException("aborted", "AbortError"), openai, { signal: controller.signal, midStream: true }),
    ).toBeNull();
  });

  it("reports anything unknown without its details", () => {
    expect(toLlmError(new RangeError("secret internals"), openai, { midStream: false })).toEqual({
      code: "upstream_error",
      message: "The request to OpenAI failed unexpectedly.",
    });
  });
});

describe("redactSecrets", () => {
  it("replaces the key and bearer tokens", () => {
    expect(redactSecrets("key sk-secret-key-123456 and Bearer abcdefghijkl", ["sk-secret-key-123456"])).toBe(
      "key [redacted] and Bearer [redacted]",
    );
  });
});
