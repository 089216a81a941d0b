// A page on another port of the same host (same site, other origin): what a sibling app or a
// plain-HTTP service next to LLM Manager could serve to a signed-in visitor (review M1, L2).
import { createServer } from "node:http";
import { freePort } from "../../lib/testing/free-port";

export type AttackerPage = { url: string; close: () => Promise<void> };

/** Serves `html` at `/` on 127.0.0.1 (E2E_ATTACKER_PORT, else a free port); every other path is a 204. */
export async function startAttackerPage(html: string, host = "127.0.0.1"): Promise<AttackerPage> {
  const port = Number(process.env.E2E_ATTACKER_PORT ?? (await freePort()));
  const server = createServer((request, response) => {
    if (request.url === "/") {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      response.end(html);
      return;
    }
    response.writeHead(204);
    response.end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `http://${host}:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
