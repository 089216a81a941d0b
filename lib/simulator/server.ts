// The provider simulator: one HTTP server on 127.0.0.1 speaking OpenAI, OpenRouter, Anthropic,
// Ollama and Gemini wire formats with scripted scenarios, recording every request (and client disconnects).
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { header, isObject, parseJson, stringField } from "./body";
import type { ChatFormat, ResponseContext } from "./formats/format";
import { buildPlan, type Pacing } from "./plan";
import { Recorder } from "./recorder";
import { matchRoute, ROUTES, type Route } from "./routes";
import { resolveScenario, SCENARIO_DESCRIPTIONS } from "./scenarios";
import { execute, plainScript, streamScript } from "./script";
import type { Json, PlainReply, ResponseHead, SimulatedRequest, Step } from "./types";

export type SimulatorOptions = {
  /** 0 (the default here) picks a free port; the CLI defaults to 4010. */
  port?: number;
  host?: string;
  /** Per-token delay of the normal pace (default SIM_NORMAL_DELAY_MS or 20). */
  normalDelayMs?: number;
  /** Per-token delay of the slow scenario (default SIM_TOKEN_DELAY_MS or 50). */
  slowDelayMs?: number;
};

export type RunningSimulator = {
  url: string;
  port: number;
  close(): Promise<void>;
  requests(): SimulatedRequest[];
  reset(): void;
};

const MAX_BODY_BYTES = 20 * 1024 * 1024;

type Script = { head: ResponseHead; steps: Iterator<Step> };

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function plain(reply: PlainReply, stallMs: number | null = null, tokens = 0): Script {
  return {
    head: { status: reply.status, headers: { ...reply.headers, "content-length": Buffer.byteLength(reply.body) } },
    steps: plainScript(reply.body, { stallMs, tokens }),
  };
}

function sendJson(response: ServerResponse, status: number, body: Json): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on("end", () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString("utf8")));
    request.on("error", () => resolve(null));
  });
}

/** Decides the whole response for a chat request: an error, a JSON body or a stream. */
function chatScript(
  route: { format: ChatFormat; model?: string },
  request: IncomingMessage,
  body: Json | null,
  record: SimulatedRequest,
  context: ResponseContext,
  pacing: Pacing,
): Script {
  const { format } = route;
  const model = route.model ?? (isObject(body) ? stringField(body, "model") : null);
  record.model = model;
  const resolved = resolveScenario(model, header(request.headers, "x-simulator-scenario"));
  if ("error" in resolved) return plain(format.errorReply(400, { message: resolved.error }));
  const { scenario } = resolved;
  record.scenario = scenario.label;
  const stall = scenario.stallFirstByteMs;
  const refused = format.authenticate(request.headers);
  if (refused) return plain(refused, stall);
  if (scenario.httpStatus !== null)
    return plain(format.errorReply(scenario.httpStatus, { model: resolved.baseModel }), stall);
  const parsed = format.parse(body);
  if ("error" in parsed) return plain(format.errorReply(400, { message: parsed.error }), stall);
  const baseModel = resolved.baseModel ?? parsed.model;
  const refusal = format.check(parsed, baseModel, scenario, request.headers);
  if (refusal) return plain(refusal, stall);
  const reasoning = format.reasoning(parsed, baseModel, scenario);
  const plan = buildPlan({
    request: parsed,
    baseModel,
    scenario,
    pacing,
    reasoning: reasoning.enabled,
    thinkingVisible: reasoning.visible,
  });
  const args = { plan, request: parsed, scenario, context };
  if (!parsed.stream) {
    // A non-streaming reply arrives whole, after the time generating it would take.
    const generationMs = plan.firstTokenDelayMs + (plan.thinking.length + plan.text.length) * plan.delayMs;
    return plain(
      format.complete(args),
      (stall ?? 0) + generationMs,
      plan.text.length + (plan.thinkingVisible ? plan.thinking.length : 0),
    );
  }
  const encoder = format.encoder(args);
  const headers = {
    "content-type": encoder.contentType,
    "cache-control": "no-cache",
    "x-request-id": `req_sim${context.id}`,
    "request-id": `req_sim${context.id}`,
  };
  return { head: { status: 200, headers }, steps: streamScript(plan, scenario, encoder) };
}

function listingScript(route: Route, request: IncomingMessage, record: SimulatedRequest): Script {
  const resolved = resolveScenario(null, header(request.headers, "x-simulator-scenario"));
  if ("error" in resolved) return plain(route.format.errorReply(400, { message: resolved.error }));
  record.scenario = resolved.scenario.label;
  const stall = resolved.scenario.stallFirstByteMs;
  if (route.kind === "models" && route.authenticate) {
    const refused = route.format.authenticate(request.headers);
    if (refused) return plain(refused, stall);
  }
  if (resolved.scenario.httpStatus !== null)
    return plain(route.format.errorReply(resolved.scenario.httpStatus, {}), stall);
  return plain(route.kind === "static" ? route.reply : route.format.models(), stall);
}

/** Starts the simulator; resolves once it listens. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const host = options.host ?? "127.0.0.1";
  const pacing: Pacing = {
    normalDelayMs: options.normalDelayMs ?? envNumber("SIM_NORMAL_DELAY_MS", 20),
    slowDelayMs: options.slowDelayMs ?? envNumber("SIM_TOKEN_DELAY_MS", 50),
  };
  const recorder = new Recorder();
  const running = new Set<{ cancel(): void }>();
  const startedAt = Date.now();

  function control(request: IncomingMessage, response: ServerResponse, url: URL): void {
    const byId = /^\/__simulator\/requests\/(\d+)$/u.exec(url.pathname);
    if (request.method === "GET" && url.pathname === "/__simulator/health") {
      return sendJson(response, 200, {
        ok: true,
        name: "llm-manager-simulator",
        uptimeMs: Date.now() - startedAt,
        inFlight: running.size,
        recorded: recorder.list().length,
      });
    }
    if (request.method === "GET" && url.pathname === "/__simulator/requests")
      return sendJson(response, 200, { requests: recorder.list(url.searchParams.get("tag")) });
    if (request.method === "DELETE" && url.pathname === "/__simulator/requests")
      return sendJson(response, 200, { cleared: recorder.clear() });
    if (request.method === "GET" && byId?.[1]) {
      const record = recorder.get(Number(byId[1]));
      return record ? sendJson(response, 200, record) : sendJson(response, 404, { error: "no such request" });
    }
    if (request.method === "GET" && url.pathname === "/__simulator/scenarios")
      return sendJson(response, 200, { scenarios: SCENARIO_DESCRIPTIONS, routes: ROUTES });
    sendJson(response, 404, { error: "unknown control endpoint" });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    request.socket.setNoDelay(true);
    const url = new URL(request.url ?? "/", "http://simulator.invalid");
    if (url.pathname.startsWith("/__simulator/")) return control(request, response, url);
    const method = request.method ?? "GET";
    const route = matchRoute(method, url.pathname);
    if (!route)
      return sendJson(response, 404, { error: `no simulator route for ${method} ${url.pathname}`, routes: ROUTES });
    const record = recorder.start({
      provider: route.provider,
      method,
      path: url.pathname,
      headers: request.headers,
      tag: header(request.headers, "x-simulator-tag"),
    });
    let execution: { cancel(): void } | null = null;
    let closed = false;
    response.on("close", () => {
      closed = true;
      record.endedAt = Date.now();
      if (!record.completed && !response.writableEnded) {
        record.clientDisconnected = true;
        record.disconnectedAt = record.endedAt;
      }
      if (execution) {
        execution.cancel();
        running.delete(execution);
      }
    });
    let script: Script;
    if ("status" in route) {
      script = plain(route.format.errorReply(route.status, { message: `Invalid URL (${method} ${url.pathname})` }));
    } else if (route.kind === "chat") {
      const text = await readBody(request);
      if (closed) return;
      const body = text === null || text.length === 0 ? null : (parseJson(text) ?? null);
      record.body = body;
      const context = {
        id: record.id,
        createdSeconds: Math.floor(record.startedAt / 1000),
        startedAt: record.startedAt,
      };
      script = chatScript(route, request, body, record, context, pacing);
    } else {
      script = listingScript(route, request, record);
    }
    execution = execute(response, script.head, script.steps, {
      onHead: (status) => (record.status = status),
      onFirstByte: () => (record.firstByteAt = Date.now()),
      onTokens: (count) => (record.tokensSent += count),
      onComplete: () => (record.completed = true),
    });
    if (record.completed) execution = null;
    else running.add(execution);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, {
          error: `simulator failure: ${error instanceof Error ? error.message : String(error)}`,
        });
      else response.destroy();
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // A long accept queue: the benchmark opens 1,000 upstream connections within seconds.
    server.listen({ port: options.port ?? 0, host, backlog: 4096 }, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address: AddressInfo | string | null = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const displayHost = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${displayHost}:${port}`,
    port,
    requests: () => recorder.list(),
    reset: () => void recorder.clear(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const execution of running) execution.cancel();
        running.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
