import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { hasPatientDispatcher, providerFetch } from "@/lib/llm/provider-fetch";

describe("providerFetch", () => {
  it("finds Node's bundled undici Agent, so provider requests avoid the 300 s idle limits", () => {
    expect(hasPatientDispatcher()).toBe(true);
  });

  it("makes ordinary requests", async () => {
    const server = createServer((_request, response) => response.end("pong"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await providerFetch(`http://127.0.0.1:${port}/`);
      expect(await response.text()).toBe("pong");
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
