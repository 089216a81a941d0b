import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RequestActor } from "@/lib/auth/request-actor";
import { SYSTEM_ACTOR } from "@/lib/db/actor";
import { createConfiguration } from "@/lib/db/configurations";
import { streamPrompt } from "@/lib/runs/stream-run";
import { migratedDatabasePerFile } from "@/lib/testing/migrated-database";
import { streamRequestSchema } from "@/lib/validation/stream";

// H1, the echo-proxy case: a gateway repeats the credentials it got in its error body. No stored
// secret may reach the stream's error event (a viewer sees it) or messages.error_message.
const migrated = migratedDatabasePerFile();
let echo: Server;
let origin: string;

const SECRETS = {
  "Ocp-Apim-Subscription-Key": "apim-ECHOED-SECRET",
  "X-Auth": "xauth-ECHOED-SECRET",
  "Authorization-Proxy": "proxy-ECHOED-0000",
};
const API_KEY = "sk-live-ECHOED-KEY-1234";

beforeAll(async () => {
  echo = createServer((request, response) => {
    request.resume();
    const value = (name: string) => String(request.headers[name.toLowerCase()] ?? "");
    response.writeHead(400, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        error: {
          message: `Subscription key ${value("Ocp-Apim-Subscription-Key")} and x-auth ${value("X-Auth")} (proxy ${value("Authorization-Proxy")}, ${value("authorization")}) are not valid`,
        },
      }),
    );
  });
  await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => echo.close(resolve));
});

const viewer: RequestActor = { ...SYSTEM_ACTOR, userId: null, tokenId: null, role: "viewer", via: "token" };

describe("provider error text", () => {
  it("is shown and saved without any stored secret, whatever the header is called", async () => {
    await createConfiguration({
      db: migrated.db(),
      actor: SYSTEM_ACTOR,
      input: {
        name: "Echo proxy",
        slug: "echo-proxy",
        provider: "custom",
        model: "m",
        baseUrl: `${origin}/v1`,
        apiKey: API_KEY,
        extraHeaders: SECRETS,
      },
    });
    const input = streamRequestSchema.parse({ configuration: "echo-proxy", prompt: "hi" });
    const text = await (
      await streamPrompt({ request: new Request("http://app.test/api/stream"), actor: viewer, input })
    ).text();
    const error = text
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .map((line) => JSON.parse(line.slice(6)) as { type: string; message?: string; runId?: string })
      .find((event) => event.type === "error");
    expect(error?.message).toMatch(
      /^The server at 127\.0\.0\.1:\d+ rejected the request \(400\): Subscription key \[redacted\] and x-auth \[redacted\] \(proxy \[redacted\], Bearer \[redacted\]\) are not valid\.$/,
    );
    for (const secret of [API_KEY, ...Object.values(SECRETS)]) expect(text).not.toContain(secret);

    const saved = await migrated
      .db()
      .message.findFirstOrThrow({ where: { role: "assistant", status: "error" }, orderBy: { id: "desc" } });
    expect(saved.errorMessage).toBe(error?.message);
    for (const secret of [API_KEY, ...Object.values(SECRETS)]) expect(saved.errorMessage).not.toContain(secret);
  });
});
