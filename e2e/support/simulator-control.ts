// The provider simulator the end-to-end server runs (see test-server.ts), and its request log.
import { pollUntil } from "../../lib/testing/until";
import type { SimulatedRequest } from "../../lib/simulator/types";

export const SIMULATOR_PORT = Number(process.env.E2E_SIMULATOR_PORT ?? "4110");
export const SIMULATOR_URL = `http://127.0.0.1:${SIMULATOR_PORT}`;
export const E2E_GRACE_MS = 1500;

/** The requests the simulator (this spec run's, or another at `simulatorUrl`) saw with this X-Simulator-Tag. */
export async function simulatorRequests(tag: string, simulatorUrl = SIMULATOR_URL): Promise<SimulatedRequest[]> {
  const response = await fetch(`${simulatorUrl}/__simulator/requests?tag=${encodeURIComponent(tag)}`);
  const body = (await response.json()) as { requests?: SimulatedRequest[] } | SimulatedRequest[];
  return Array.isArray(body) ? body : (body.requests ?? []);
}

/** Polls until `check` holds for the tagged requests, or fails after `timeoutMs`. */
export function waitForSimulator(
  tag: string,
  check: (requests: SimulatedRequest[]) => boolean,
  timeoutMs = 3000,
  simulatorUrl = SIMULATOR_URL,
): Promise<SimulatedRequest[]> {
  return pollUntil(() => simulatorRequests(tag, simulatorUrl), check, {
    timeoutMs,
    intervalMs: 50,
    failure: (requests) =>
      `simulator requests tagged ${tag} never matched: ${JSON.stringify(requests.map((request) => ({ completed: request.completed, clientDisconnected: request.clientDisconnected })))}`,
  });
}
