// Ollama native API: NDJSON (`application/x-ndjson`) from /api/chat and /api/generate, one object
// per line, `message.thinking` / `thinking` before the answer, a final `done: true` object with
// done_reason, counts and nanosecond durations; streaming unless `stream: false`.
import type { IncomingHttpHeaders } from "node:http";
import {
  bearerKey,
  booleanField,
  conversationTexts,
  isObject,
  isRefusedKey,
  jsonReply,
  numberField,
  objectField,
  stringField,
  stringList,
} from "../body";
import type { ChatRequest } from "../plan";
import type { Json, PlainReply, Plan, StreamEncoder } from "../types";
import { completionTokens, type ChatFormat, type EncoderArgs } from "./format";

type Endpoint = "chat" | "generate";

const NDJSON = "application/x-ndjson";
const LOAD_DURATION_NS = 1_334_875;

const TAGS = [
  { name: "qwen3:8b", family: "qwen3", parameterSize: "8.2B", size: 5225388164 },
  { name: "llama3.2:latest", family: "llama", parameterSize: "3.2B", size: 2019393189 },
  { name: "deepseek-r1:7b", family: "qwen2", parameterSize: "7.6B", size: 4683075271 },
  { name: "gpt-oss:20b", family: "gptoss", parameterSize: "20.9B", size: 13780173839 },
];

/** Models that accept `think` (others answer 400). */
function isThinkingModel(model: string): boolean {
  return /qwen3|deepseek-r1|gpt-oss|magistral|think/iu.test(model);
}

function wantsThinking(value: Json | undefined): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.length > 0;
  return null;
}

function parseOllama(endpoint: Endpoint, body: Json | null): ChatRequest | { error: string } {
  if (!isObject(body)) return { error: "invalid JSON request body" };
  const model = stringField(body, "model");
  if (!model) return { error: "model is required" };
  const options = objectField(body, "options") ?? {};
  const numPredict = numberField(options, "num_predict");
  let texts: { lastUserText: string; promptTexts: string[] };
  if (endpoint === "chat") {
    texts = conversationTexts(Array.isArray(body.messages) ? body.messages : []);
  } else {
    const prompt = stringField(body, "prompt") ?? "";
    const system = stringField(body, "system");
    texts = { lastUserText: prompt, promptTexts: system ? [system, prompt] : [prompt] };
  }
  return {
    model,
    stream: booleanField(body, "stream") !== false,
    ...texts,
    maxTokens: numPredict !== null && numPredict >= 0 ? numPredict : null,
    stop: stringList(options.stop),
    wantsReasoning: wantsThinking(body.think),
    thinkingBudget: null,
    includeUsage: true,
  };
}

function doneReason(plan: Plan): string {
  return plan.finishReason === "length" ? "length" : "stop";
}

function finalFields(plan: Plan, startedAt: number, withUsage: boolean): { [key: string]: Json } {
  const fields: { [key: string]: Json } = { done: true, done_reason: doneReason(plan) };
  if (!withUsage) return fields;
  const totalNs = Math.max(1, Date.now() - startedAt) * 1_000_000 + 1_337;
  const promptEvalNs = Math.min(plan.promptTokens * 850_000, Math.floor(totalNs / 4));
  return {
    ...fields,
    total_duration: totalNs,
    load_duration: LOAD_DURATION_NS,
    prompt_eval_count: plan.promptTokens,
    prompt_eval_duration: promptEvalNs,
    eval_count: completionTokens(plan),
    eval_duration: Math.max(1, totalNs - promptEvalNs - LOAD_DURATION_NS),
  };
}

class OllamaEncoder implements StreamEncoder {
  readonly contentType = NDJSON;
  readonly framing = "ndjson";

  constructor(
    private readonly args: EncoderArgs,
    private readonly endpoint: Endpoint,
  ) {}

  private line(fields: { [key: string]: Json }): string {
    return `${JSON.stringify({ model: this.args.plan.model, created_at: new Date().toISOString(), ...fields })}\n`;
  }

  private piece(content: string, thinking: string | null): { [key: string]: Json } {
    if (this.endpoint === "chat")
      return { message: thinking === null ? { role: "assistant", content } : { role: "assistant", content, thinking } };
    return thinking === null ? { response: content } : { response: content, thinking };
  }

  start(): string[] {
    return [];
  }
  thinkingDelta(text: string): string {
    return this.line({ ...this.piece("", text), done: false });
  }
  thinkingDone(): string {
    return "";
  }
  textDelta(text: string): string {
    return this.line({ ...this.piece(text, null), done: false });
  }
  heartbeat(): string {
    return "";
  }
  finish(): string {
    const { plan, context, scenario } = this.args;
    const fields = { ...this.piece("", null), ...finalFields(plan, context.startedAt, scenario.usage !== "none") };
    if (this.endpoint === "generate") fields.context = [128006, 882, 128007, 271, 9906, 128009];
    return this.line(fields);
  }
  midstreamError(): string {
    return `${JSON.stringify({ error: "an error was encountered while running the model" })}\n`;
  }
  malformed(): string {
    return `{"model":"${this.args.plan.model}","created_at":"${new Date().toISOString()}","message":{"role":"assistant","content":"oops"\n`;
  }
}

function defaultMessage(status: number, model: string | null | undefined): string {
  if (status === 401) return "unauthorized";
  if (status === 404) return `model '${model ?? "unknown"}' not found`;
  if (status === 429) return "too many requests";
  if (status === 503) return "server busy, please try again.  maximum pending requests exceeded";
  return status >= 500 ? "an error was encountered while running the model" : "invalid request";
}

function ollamaErrorReply(status: number, options: { message?: string; model?: string | null }): PlainReply {
  return jsonReply(
    status,
    { error: options.message ?? defaultMessage(status, options.model) },
    status === 429 ? { "retry-after": 7 } : {},
  );
}

function ollamaFormat(endpoint: Endpoint): ChatFormat {
  return {
    parse: (body) => parseOllama(endpoint, body),
    authenticate(headers: IncomingHttpHeaders): PlainReply | null {
      const key = bearerKey(headers);
      return key !== null && isRefusedKey(key) ? ollamaErrorReply(401, {}) : null;
    },
    errorReply: ollamaErrorReply,
    check(request, baseModel, scenario) {
      if (request.wantsReasoning !== true || scenario.reasoning || isThinkingModel(baseModel)) return null;
      return ollamaErrorReply(400, { message: `"${baseModel}" does not support thinking` });
    },
    reasoning(request, baseModel, scenario) {
      const byDefault = request.wantsReasoning === null && isThinkingModel(baseModel);
      return { enabled: scenario.reasoning || request.wantsReasoning === true || byDefault, visible: true };
    },
    encoder: (args) => new OllamaEncoder(args, endpoint),
    complete({ plan, context, scenario }): PlainReply {
      const thinking = plan.thinking.length > 0 ? plan.thinking.join("") : null;
      const text = plan.text.join("");
      const piece: { [key: string]: Json } =
        endpoint === "chat"
          ? {
              message:
                thinking === null
                  ? { role: "assistant", content: text }
                  : { role: "assistant", content: text, thinking },
            }
          : thinking === null
            ? { response: text }
            : { response: text, thinking };
      const body = {
        model: plan.model,
        created_at: new Date().toISOString(),
        ...piece,
        ...finalFields(plan, context.startedAt, scenario.usage !== "none"),
      };
      return jsonReply(200, body);
    },
    models(): PlainReply {
      const models = TAGS.map((tag) => ({
        name: tag.name,
        model: tag.name,
        modified_at: "2025-10-26T17:15:24.097767Z",
        size: tag.size,
        digest:
          `${tag.name.replace(/[^a-z0-9]/gu, "").padEnd(12, "0")}a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72`.slice(
            0,
            64,
          ),
        details: {
          parent_model: "",
          format: "gguf",
          family: tag.family,
          families: [tag.family],
          parameter_size: tag.parameterSize,
          quantization_level: "Q4_K_M",
        },
      }));
      return jsonReply(200, { models });
    },
  };
}

export const ollamaChatFormat = ollamaFormat("chat");
export const ollamaGenerateFormat = ollamaFormat("generate");
