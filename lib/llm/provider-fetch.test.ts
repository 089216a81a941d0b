import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { OutboundRefusedError, ProviderRedirectError } from "@/lib/llm/outbound-policy";
import { guardedLookup, hasPatientDispatcher, providerFetch, type Resolver } from "@/lib/llm/provider-fetch";
import { startRecorder, startRedirector, type LoopbackServer } from "@/lib/llm/testing/recording-servers";
import { loopbackOnlyPerTest } from "@/lib/testing/loopback-only";

const network = loopbackOnlyPerTest();

async function recorder(): Promise<LoopbackServer> {
  return network.track(await startRecorder());
}

async function refusal(url: string, init?: RequestInit): Promise<unknown> {
  return providerFetch(url, init).then(
    () => new Error(`${url} was fetched`),
    (error: unknown) => error,
  );
}

describe("providerFetch", () => {
  it("finds Node's bundled undici Agent, so provider requests are guarded and avoid the 300 s idle limits", () => {
    expect(hasPatientDispatcher()).toBe(true);
  });

  it("makes ordinary requests to loopback, where Ollama and local servers live", async () => {
    const server = await recorder();
    const response = await providerFetch(`${server.origin}/v1/models`);
    expect(await response.json()).toMatchObject({ data: [{ id: "INTERNAL-ONLY" }] });
    expect((await providerFetch(`http://localhost:${server.port}/v1/models`)).status).toBe(200);
  });

  it("refuses cloud-metadata addresses, however they are spelled, before any socket opens", async () => {
    for (const url of [
      "http://169.254.169.254/latest/meta-data",
      "http://2852039166/",
      "http://0xa9fea9fe/",
      "http://169.254.43518/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fd00:ec2::254]/latest",
      "http://100.100.100.200/",
      "http://0.0.0.0:5432/",
      "http://[fe80::1]/",
    ]) {
      const error = await refusal(url);
      expect(error, url).toBeInstanceOf(OutboundRefusedError);
      expect(String(error), url).toMatch(/Provider requests never go to \S+: it is/);
    }
    expect(network.attempts()).toEqual([]);
  });

  it("refuses credentials in the URL", async () => {
    const server = await recorder();
    const error = await refusal(`http://user:secret@127.0.0.1:${server.port}/v1/models`);
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(server.connections()).toBe(0);
  });

  it("with PROVIDER_HOSTS_ALLOW, refuses a host that resolves to an unlisted address at connect time, before the connection", async () => {
    const server = await recorder();
    process.env.PROVIDER_HOSTS_ALLOW = "api.example.test, 10.0.0.0/8";
    const byName = await refusal(`http://localhost:${server.port}/v1/models`);
    expect(byName).toBeInstanceOf(TypeError);
    expect((byName as TypeError).cause).toBeInstanceOf(OutboundRefusedError);
    expect(String((byName as TypeError).cause)).toContain("localhost is not in PROVIDER_HOSTS_ALLOW");
    expect(await refusal(`${server.origin}/v1/models`)).toBeInstanceOf(OutboundRefusedError);
    expect(server.connections()).toBe(0);
    // The socket was made and refused in its lookup, which the Agent runs at connect time.
    expect(network.attempts()).toEqual(["localhost"]);

    process.env.PROVIDER_HOSTS_ALLOW = "localhost";
    expect((await providerFetch(`http://localhost:${server.port}/v1/models`)).status).toBe(200);
    process.env.PROVIDER_HOSTS_ALLOW = "127.0.0.0/8";
    expect((await providerFetch(`${server.origin}/v1/models`)).status).toBe(200);
  });

  it("refuses every provider request while PROVIDER_HOSTS_ALLOW is invalid", async () => {
    const server = await recorder();
    process.env.PROVIDER_HOSTS_ALLOW = "https://api.openai.com";
    const error = await refusal(`${server.origin}/v1/models`);
    expect(error).toBeInstanceOf(OutboundRefusedError);
    expect(String(error)).toContain('"https://api.openai.com" is not a host name');
    expect(server.connections()).toBe(0);
  });

  it("never follows a redirect: the target gets nothing and the error names its origin", async () => {
    const target = await recorder();
    for (const status of [301, 302, 303, 307, 308]) {
      const redirector = network.track(await startRedirector(target.origin, status));
      const error = await refusal(`${redirector.origin}/v1/models`, {
        headers: { "x-api-key": "sk-ant-REDIRECT", "Ocp-Apim-Subscription-Key": "apim-REDIRECT" },
      });
      expect(error, String(status)).toBeInstanceOf(ProviderRedirectError);
      expect(error).toMatchObject({ status, targetOrigin: target.origin });
      expect(redirector.requests).toHaveLength(1);
    }
    expect(target.connections()).toBe(0);
  });
});

describe("guardedLookup", () => {
  function resolverOf(answers: string[][]): Resolver {
    let call = 0;
    return (_hostname, _options, callback) => {
      const addresses = answers[Math.min(call, answers.length - 1)] ?? [];
      call += 1;
      callback(
        null,
        addresses.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 })),
      );
    };
  }

  function lookUp(
    lookup: ReturnType<typeof guardedLookup>,
    hostname: string,
    all: boolean,
  ): Promise<{ error: Error | null; address: unknown }> {
    return new Promise((resolve) => lookup(hostname, { all }, (error, address) => resolve({ error, address })));
  }

  const noAllowList = () => ({ allowList: null });

  it("checks every answer of every lookup, so a rebinding name is refused when it turns to metadata", async () => {
    const lookup = guardedLookup(
      resolverOf([["127.0.0.1"], ["169.254.169.254"], ["127.0.0.1", "fd00:ec2::254"], ["::ffff:a9fe:a9fe"]]),
      noAllowList,
    );
    expect(await lookUp(lookup, "rebind.test", false)).toEqual({ error: null, address: "127.0.0.1" });
    for (let attempt = 0; attempt < 3; attempt++) {
      const { error } = await lookUp(lookup, "rebind.test", true);
      expect(error).toBeInstanceOf(OutboundRefusedError);
      expect(error?.message).toMatch(/^Provider requests never go to rebind\.test: it resolves to/);
    }
  });

  it("answers in the shape asked for (one address, or all for Happy Eyeballs)", async () => {
    const lookup = guardedLookup(resolverOf([["127.0.0.1", "::1"]]), noAllowList);
    expect(await lookUp(lookup, "localhost", true)).toEqual({
      error: null,
      address: [
        { address: "127.0.0.1", family: 4 },
        { address: "::1", family: 6 },
      ],
    });
  });

  it("passes DNS failures on, so they are reported as such", async () => {
    const failing: Resolver = (hostname, _options, callback) =>
      callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
    const { error } = await lookUp(guardedLookup(failing, noAllowList), "nowhere.test", true);
    expect(error).toMatchObject({ code: "ENOTFOUND" });
  });
});
