// Test-only loopback servers for the outbound rules: a recorder that logs every connection and
// request it gets (with headers), and a redirector that answers everything with a redirect to it.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

type RecordedRequest = { method: string; url: string; headers: IncomingHttpHeaders };

export type LoopbackServer = {
  origin: string;
  port: number;
  connections: () => number;
  requests: RecordedRequest[];
  close: () => Promise<void>;
};

async function listen(server: Server, host: string): Promise<{ port: number; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A JSON service on loopback that records what reaches it; `body` is its answer to every request. */
export async function startRecorder({
  host = "127.0.0.1",
  body = { data: [{ id: "INTERNAL-ONLY" }], models: [{ name: "INTERNAL-ONLY" }] },
}: { host?: string; body?: unknown } = {}): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers });
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  server.on("connection", () => (connections += 1));
  const { port, close } = await listen(server, host);
  return { origin: `http://${host}:${port}`, port, connections: () => connections, requests, close };
}

/** Answers every request with `status` and a Location on `target` (the same path, under /redirected). */
export async function startRedirector(target: string, status = 302): Promise<LoopbackServer> {
  const requests: RecordedRequest[] = [];
  let connections = 0;
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers });
    response.writeHead(status, { location: `${target}/redirected${request.url ?? "/"}` }).end("moved");
  });
  server.on("connection", () => (connections += 1));
  const { port, close } = await listen(server, "127.0.0.1");
  return { origin: `http://127.0.0.1:${port}`, port, connections: () => connections, requests, close };
}
