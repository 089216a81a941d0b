import { describe, expect, it } from "vitest";
import {
  alwaysRefusedReason,
  outboundRefusal,
  parseHostAllowList,
  type HostAllowList,
} from "@/lib/llm/outbound-policy";

function allowList(value: string): HostAllowList {
  const parsed = parseHostAllowList(value);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed.allowList;
}

describe("alwaysRefusedReason", () => {
  it("refuses cloud metadata and link-local addresses, in every IPv6 disguise", () => {
    for (const address of [
      "169.254.169.254",
      "169.254.0.1",
      "fe80::1",
      "fe80::1%eth0",
      "fd00:ec2::254",
      "100.100.100.200",
      "::ffff:169.254.169.254",
      "::ffff:a9fe:a9fe",
      "64:ff9b::a9fe:a9fe",
      "::ffff:0:a9fe:a9fe",
    ]) {
      expect(alwaysRefusedReason(address), address).not.toBeNull();
    }
    expect(alwaysRefusedReason("169.254.169.254")).toBe("a link-local or cloud-metadata address");
    expect(alwaysRefusedReason("fd00:ec2::254")).toBe("a cloud-metadata address");
  });

  it("refuses this-network, multicast, broadcast, reserved and tunnelling forms", () => {
    for (const address of [
      "0.0.0.0",
      "0.1.2.3",
      "224.0.0.1",
      "239.255.255.250",
      "255.255.255.255",
      "240.0.0.1",
      "192.0.2.10",
      "198.18.0.1",
      "::",
      "ff02::1",
      "2001:db8::1",
      "2002:a9fe:a9fe::1",
      "2001:0:4136:e378::1",
      "::a9fe:a9fe",
      "64:ff9b:1::1",
    ]) {
      expect(alwaysRefusedReason(address), address).not.toBeNull();
    }
    expect(alwaysRefusedReason("0.0.0.0")).toBe("the “this network” range");
    expect(alwaysRefusedReason("::ffff:0.0.0.0")).toBe("the “this network” range");
  });

  it("allows loopback, private and shared ranges (Ollama and local servers live there) and public addresses", () => {
    for (const address of [
      "127.0.0.1",
      "127.8.9.10",
      "::1",
      "10.1.2.3",
      "172.16.0.5",
      "192.168.1.20",
      "100.64.0.7",
      "100.100.100.100",
      "fd12:3456::1",
      "fc00::1",
      "::ffff:127.0.0.1",
      "::ffff:192.168.1.20",
      "64:ff9b::808:808",
      "8.8.8.8",
      "2606:4700::1111",
    ]) {
      expect(alwaysRefusedReason(address), address).toBeNull();
    }
  });

  it("treats something that is not an address as refused", () => {
    expect(alwaysRefusedReason("metadata.google.internal")).toBe("not an IP address");
  });
});

describe("parseHostAllowList", () => {
  it("reads names, wildcards, addresses and CIDRs", () => {
    const parsed = allowList(" API.OpenAI.com., *.example.test ,10.0.0.0/8, fd00::/8 ,192.168.1.20, ::1, [::2]");
    expect([...parsed.names]).toEqual(["api.openai.com"]);
    expect(parsed.suffixes).toEqual([".example.test"]);
    expect(parsed.ranges.map(([address, bits]) => `${address.toString()}/${bits}`)).toEqual([
      "10.0.0.0/8",
      "fd00::/8",
      "192.168.1.20/32",
      "::1/128",
      "::2/128",
    ]);
  });

  it("names the entry it cannot read", () => {
    for (const [value, words] of [
      ["https://api.openai.com", '"https://api.openai.com" is not a host name'],
      ["api.openai.com:443", '"api.openai.com:443" is not a host name'],
      ["10.0.0.0/33", '"10.0.0.0/33" is not a valid CIDR'],
      ["*.", '"*." is not a host name'],
      ["ex*mple.com", '"ex*mple.com" is not a host name'],
      ["127.1", 'write "127.1" as four decimal numbers'],
      ["0x7f000001", 'write "0x7f000001" as four decimal numbers'],
      [" , ", "lists no host"],
    ] as const) {
      const parsed = parseHostAllowList(value);
      expect("problem" in parsed && parsed.problem, value).toContain(words);
    }
  });
});

describe("outboundRefusal", () => {
  it("allows anything outside the refused ranges when no allow-list is set", () => {
    expect(outboundRefusal({ hostname: "localhost", addresses: ["127.0.0.1", "::1"], allowList: null })).toBeNull();
    expect(outboundRefusal({ hostname: "ollama.lan", addresses: ["192.168.1.20"], allowList: null })).toBeNull();
  });

  it("refuses a name when any address it resolved to is refused (a rebinding answer mixes them)", () => {
    expect(
      outboundRefusal({ hostname: "rebind.test", addresses: ["127.0.0.1", "169.254.169.254"], allowList: null }),
    ).toBe(
      "Provider requests never go to rebind.test: it resolves to a link-local or cloud-metadata address. Check the base URL.",
    );
    expect(outboundRefusal({ hostname: "169.254.169.254", addresses: ["169.254.169.254"], allowList: null })).toBe(
      "Provider requests never go to 169.254.169.254: it is a link-local or cloud-metadata address. Check the base URL.",
    );
  });

  it("keeps metadata refused even for an allow-listed name", () => {
    expect(
      outboundRefusal({
        hostname: "metadata.example.test",
        addresses: ["169.254.169.254"],
        allowList: allowList("*.example.test"),
      }),
    ).not.toBeNull();
    expect(
      outboundRefusal({
        hostname: "169.254.169.254",
        addresses: ["169.254.169.254"],
        allowList: allowList("169.254.0.0/16"),
      }),
    ).not.toBeNull();
  });

  it("with an allow-list, lets through only listed names, wildcard subdomains and addresses inside listed CIDRs", () => {
    const list = allowList("api.openai.com,*.example.test,10.0.0.0/8,::1");
    expect(outboundRefusal({ hostname: "api.openai.com", addresses: ["162.159.140.245"], allowList: list })).toBeNull();
    expect(
      outboundRefusal({ hostname: "API.OPENAI.COM.", addresses: ["162.159.140.245"], allowList: list }),
    ).toBeNull();
    expect(outboundRefusal({ hostname: "llm.example.test", addresses: ["127.0.0.1"], allowList: list })).toBeNull();
    expect(outboundRefusal({ hostname: "a.b.example.test", addresses: ["127.0.0.1"], allowList: list })).toBeNull();
    expect(outboundRefusal({ hostname: "gpu.internal", addresses: ["10.4.5.6"], allowList: list })).toBeNull();
    expect(outboundRefusal({ hostname: "::1", addresses: ["::1"], allowList: list })).toBeNull();
    // IPv4-mapped answers are the IPv4 host.
    expect(outboundRefusal({ hostname: "gpu.internal", addresses: ["::ffff:10.4.5.6"], allowList: list })).toBeNull();

    // A wildcard does not cover the bare domain nor look-alikes.
    expect(outboundRefusal({ hostname: "example.test", addresses: ["127.0.0.1"], allowList: list })).toContain(
      "example.test is not in PROVIDER_HOSTS_ALLOW",
    );
    expect(outboundRefusal({ hostname: "evilexample.test", addresses: ["127.0.0.1"], allowList: list })).not.toBeNull();
    expect(
      outboundRefusal({ hostname: "api.openai.com.evil.test", addresses: ["127.0.0.1"], allowList: list }),
    ).not.toBeNull();
    // Loopback is not implied by the list; one unlisted address refuses the name.
    expect(outboundRefusal({ hostname: "localhost", addresses: ["127.0.0.1"], allowList: list })).not.toBeNull();
    expect(
      outboundRefusal({ hostname: "gpu.internal", addresses: ["10.4.5.6", "192.168.0.1"], allowList: list }),
    ).not.toBeNull();
    // An IP literal is judged by its address, never by a name entry.
    expect(
      outboundRefusal({ hostname: "127.0.0.1", addresses: ["127.0.0.1"], allowList: allowList("127.0.0.1.nip.io") }),
    ).not.toBeNull();
  });
});
