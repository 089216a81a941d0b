// The contract every wire format implements; the server knows nothing else about providers.
import type { IncomingHttpHeaders } from "node:http";
import type { ChatRequest } from "../plan";
import type { Scenario } from "../scenarios";
import type { Json, PlainReply, Plan, StreamEncoder } from "../types";

/** Identity of the response being produced (ids and timestamps derive from it). */
export type ResponseContext = { id: number; createdSeconds: number; startedAt: number };

export type EncoderArgs = { plan: Plan; request: ChatRequest; scenario: Scenario; context: ResponseContext };

export interface ChatFormat {
  /** The request body as this provider reads it, or the message of its 400 answer. */
  parse(body: Json | null): ChatRequest | { error: string };
  /** 401 in the provider's format when the key is missing or refused; null when accepted. */
  authenticate(headers: IncomingHttpHeaders): PlainReply | null;
  /** An HTTP error before the stream, in the provider's format (message overrides the default). */
  errorReply(status: number, options: { message?: string; model?: string | null }): PlainReply;
  /** Provider-specific refusals of a parsed request (Anthropic thinking budget, Ollama `think`, ...). */
  check(request: ChatRequest, baseModel: string, scenario: Scenario, headers: IncomingHttpHeaders): PlainReply | null;
  /** Whether this request gets reasoning, and whether the wire shows it. */
  reasoning(request: ChatRequest, baseModel: string, scenario: Scenario): { enabled: boolean; visible: boolean };
  encoder(args: EncoderArgs): StreamEncoder;
  /** The whole reply as one JSON body (`stream: false`). */
  complete(args: EncoderArgs): PlainReply;
  /** The model listing of this provider. */
  models(): PlainReply;
}

export const SSE_CONTENT_TYPE = "text/event-stream; charset=utf-8";

export function completionTokens(plan: Plan): number {
  return plan.thinking.length + plan.text.length;
}
