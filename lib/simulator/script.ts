// Response scripts: a plan + an encoder + the scenario's faults become a sequence of writes and
// pauses; `execute` plays them on a response and stops at once when cancelled.
import type { ServerResponse } from "node:http";
import { faultPosition } from "./plan";
import { INVALID_UTF8_BYTES, INVALID_UTF8_PLACEHOLDER } from "./reply";
import type { Scenario } from "./scenarios";
import type { Plan, ResponseHead, Step, StreamEncoder } from "./types";

const HEARTBEAT_EVERY_TOKENS = 40;
const SPLIT_PAUSE_MS = 5;
const YIELD_EVERY_WRITES = 64;

function write(data: string, tokens = 0): Step {
  return { kind: "write", data, tokens };
}

function* pause(ms: number): Generator<Step> {
  if (ms > 0) yield { kind: "pause", ms };
}

/** The logical stream: frames in order, with pauses and the scenario's fault. */
function* logicalSteps(plan: Plan, scenario: Scenario, encoder: StreamEncoder): Generator<Step> {
  yield* pause(scenario.stallFirstByteMs ?? 0);
  for (const frame of encoder.start()) yield write(frame);
  yield* pause(plan.firstTokenDelayMs);
  let sent = 0;
  function* heartbeat(): Generator<Step> {
    sent += 1;
    const frame = sent % HEARTBEAT_EVERY_TOKENS === 0 ? encoder.heartbeat() : "";
    if (frame) yield write(frame);
  }
  for (const token of plan.thinking) {
    // OpenAI's own API thinks silently: the time passes, nothing is sent.
    if (plan.thinkingVisible) yield write(encoder.thinkingDelta(token), 1);
    yield* heartbeat();
    yield* pause(plan.delayMs);
  }
  if (plan.thinking.length > 0 && plan.thinkingVisible) yield write(encoder.thinkingDone());
  const fault = scenario.fault;
  const faultAt = fault ? faultPosition(plan, fault.afterTokens) : -1;
  for (let index = 0; index <= plan.text.length; index += 1) {
    if (fault && index === faultAt) {
      if (fault.kind === "midstream-error") {
        yield write(encoder.midstreamError());
        return;
      }
      if (fault.kind === "drop") {
        yield { kind: "destroy" };
        return;
      }
      if (fault.kind === "truncated") return;
      if (fault.kind === "stall-midstream") yield* pause(fault.ms);
      if (fault.kind === "malformed") yield write(encoder.malformed());
      if (fault.kind === "invalid-utf8") yield write(encoder.textDelta(INVALID_UTF8_PLACEHOLDER));
    }
    const token = plan.text[index];
    if (token === undefined) break;
    yield write(encoder.textDelta(token), 1);
    yield* heartbeat();
    yield* pause(plan.delayMs);
  }
  yield write(encoder.finish());
}

function replaceBytes(bytes: Buffer, search: string, replacement: Uint8Array): Buffer {
  const index = bytes.indexOf(search);
  if (index < 0) return bytes;
  return Buffer.concat([bytes.subarray(0, index), replacement, bytes.subarray(index + Buffer.byteLength(search))]);
}

/** Cut points inside multi-byte characters and between CR and LF, so they arrive in separate packets. */
function splitPoints(bytes: Buffer): number[] {
  const points: number[] = [];
  for (let index = 1; index < bytes.length; index += 1) {
    const previous = bytes[index - 1] ?? 0;
    const current = bytes[index] ?? 0;
    const insideCharacter = previous >= 0xc0 && (current & 0xc0) === 0x80;
    const betweenCrLf = previous === 0x0d && current === 0x0a;
    if (insideCharacter || betweenCrLf) points.push(index);
  }
  return points;
}

/** The bytes that go on the wire: CRLF and packet splits for utf8-split, raw bytes for invalid-utf8. */
function* wireSteps(steps: Iterable<Step>, scenario: Scenario, framing: StreamEncoder["framing"]): Generator<Step> {
  for (const step of steps) {
    if (step.kind !== "write" || typeof step.data !== "string") {
      yield step;
      continue;
    }
    const text = scenario.crlf && framing === "sse" ? step.data.replace(/\r?\n/gu, "\r\n") : step.data;
    const bytes =
      scenario.fault?.kind === "invalid-utf8"
        ? replaceBytes(Buffer.from(text), INVALID_UTF8_PLACEHOLDER, INVALID_UTF8_BYTES)
        : null;
    if (!scenario.utf8Split) {
      yield { kind: "write", data: bytes ?? text, tokens: step.tokens };
      continue;
    }
    const buffer = bytes ?? Buffer.from(text);
    let start = 0;
    for (const point of splitPoints(buffer)) {
      yield { kind: "write", data: buffer.subarray(start, point), tokens: start === 0 ? step.tokens : 0 };
      yield { kind: "pause", ms: SPLIT_PAUSE_MS };
      start = point;
    }
    yield { kind: "write", data: buffer.subarray(start), tokens: start === 0 ? step.tokens : 0 };
  }
}

/** The full streaming script for one response. */
export function streamScript(plan: Plan, scenario: Scenario, encoder: StreamEncoder): Generator<Step> {
  return wireSteps(logicalSteps(plan, scenario, encoder), scenario, encoder.framing);
}

/** A whole body at once (errors, listings, `stream: false`), after the first-byte stall if any. */
export function* plainScript(
  body: string,
  options: { stallMs?: number | null; tokens?: number } = {},
): Generator<Step> {
  yield* pause(options.stallMs ?? 0);
  yield { kind: "write", data: body, tokens: options.tokens ?? 0 };
}

export type ExecutionHooks = {
  onHead(status: number): void;
  onFirstByte(): void;
  onTokens(count: number): void;
  /** The script ran to its end; `dropped` when it ended by destroying the socket. */
  onComplete(dropped: boolean): void;
};

/** Plays a script on a response. The head goes out with the first byte, so a stall sends nothing. */
export function execute(
  response: ServerResponse,
  head: ResponseHead,
  steps: Iterator<Step>,
  hooks: ExecutionHooks,
): { cancel(): void } {
  let cancelled = false;
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let wroteAny = false;

  function sendHead(): void {
    if (response.headersSent) return;
    hooks.onHead(head.status);
    response.writeHead(head.status, head.headers);
  }

  function resume(): void {
    timer = null;
    immediate = null;
    let writes = 0;
    while (!cancelled) {
      const next = steps.next();
      if (next.done) {
        sendHead();
        hooks.onComplete(false);
        response.end();
        return;
      }
      const step = next.value;
      if (step.kind === "pause") {
        timer = setTimeout(resume, step.ms);
        return;
      }
      if (step.kind === "destroy") {
        hooks.onComplete(true);
        // Flush what was written, then close the connection in the middle of the body.
        const socket = response.socket;
        if (!socket) return void response.destroy();
        socket.once("finish", () => socket.destroy());
        socket.end();
        return;
      }
      sendHead();
      const flushed = response.write(step.data);
      if (!wroteAny) {
        wroteAny = true;
        hooks.onFirstByte();
      }
      if (step.tokens > 0) hooks.onTokens(step.tokens);
      if (!flushed) {
        response.once("drain", resume);
        return;
      }
      writes += 1;
      if (writes >= YIELD_EVERY_WRITES) {
        immediate = setImmediate(resume);
        return;
      }
    }
  }

  resume();
  return {
    cancel(): void {
      cancelled = true;
      if (timer) clearTimeout(timer);
      if (immediate) clearImmediate(immediate);
      timer = null;
      immediate = null;
      response.off("drain", resume);
    },
  };
}
