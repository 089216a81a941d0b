// What the simulator saw: one SimulatedRequest per provider request, kept in memory (bounded).
import type { IncomingHttpHeaders } from "node:http";
import type { ProviderRoute, SimulatedRequest } from "./types";

const MAX_RECORDS = 5000;
const SECRET_HEADERS = new Set(["authorization", "x-api-key", "api-key", "proxy-authorization"]);

function mask(value: string): string {
  const scheme = /^(Bearer|Basic)\s+/iu.exec(value)?.[0] ?? "";
  const secret = value.slice(scheme.length);
  return `${scheme}****${secret.slice(-4)}`;
}

/** Request headers with key-bearing values reduced to their last four characters. */
function maskedHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(", ") : raw;
    result[name] = SECRET_HEADERS.has(name) ? mask(value) : value;
  }
  return result;
}

export class Recorder {
  private records: SimulatedRequest[] = [];
  private nextId = 1;

  start(options: {
    provider: ProviderRoute;
    method: string;
    path: string;
    headers: IncomingHttpHeaders;
    tag: string | null;
  }): SimulatedRequest {
    const record: SimulatedRequest = {
      id: this.nextId++,
      provider: options.provider,
      method: options.method,
      path: options.path,
      model: null,
      scenario: "normal",
      tag: options.tag,
      status: null,
      headers: maskedHeaders(options.headers),
      startedAt: Date.now(),
      firstByteAt: null,
      endedAt: null,
      completed: false,
      clientDisconnected: false,
      disconnectedAt: null,
      tokensSent: 0,
      body: null,
    };
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.shift();
    return record;
  }

  /** Snapshots (copies), oldest first; optionally only those with the given tag. */
  list(tag?: string | null): SimulatedRequest[] {
    const selected = tag ? this.records.filter((record) => record.tag === tag) : this.records;
    return selected.map((record) => ({ ...record }));
  }

  get(id: number): SimulatedRequest | null {
    const record = this.records.find((candidate) => candidate.id === id);
    return record ? { ...record } : null;
  }

  clear(): number {
    const count = this.records.length;
    this.records = [];
    return count;
  }
}
